package org.phoneprov.apid;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.phoneprov.apid.auth.TokenGate;
import org.phoneprov.apid.routes.Routes;
import org.phoneprov.apid.ui.Dashboard;
import org.phoneprov.apid.state.DeviceStates;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.RestartRule;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.daemon.SuiteServices;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API in the suite ({@code api:}): devices, leases, events, check-sync,
 * reload and {@code /metrics}, over HTTPS with bearer tokens, and the web dashboard on the
 * same listener ({@code /ui/}). Tokens and their limits
 * reload on SIGHUP; the listener and its certificate wait for a restart.
 */
public final class ApiDaemon implements Daemon {
    public static final DaemonSpec SPEC = new DaemonSpec(ApiReader.SECTION, ApiDaemon::new);
    private static final Logger LOG = LoggerFactory.getLogger(ApiDaemon.class);

    static final List<RestartRule> RESTART = List.of(
            RestartRule.listen(ApiReader.SECTION),
            new RestartRule("api.tls", c -> c.settings(ApiReader.SECTION).tls().map(k -> k.certPath() + " " + k.keyPath())));

    private final SuiteServices suite;
    private final SuiteControl control;
    private final DeviceStates states;
    private final ApiServer server;
    private final Consumer<List<Event>> feed;
    private boolean subscribed;
    private final ApiMetrics metrics;

    public ApiDaemon(SuiteServices suite) throws Exception {
        this.suite = suite;
        this.control = suite.control();
        this.states = new DeviceStates(() -> control.snapshot());
        this.feed = states::accept;
        this.metrics = new ApiMetrics(suite.metrics().registry());
        SuiteConfig c = suite.initial();
        this.server = new ApiServer(c.listen(ApiReader.SECTION), c.settings(ApiReader.SECTION).tls());
    }

    @Override
    public Map<String, InetSocketAddress> start() throws Exception {
        TokenGate gate = new TokenGate(() -> suite.current().get().settings(ApiReader.SECTION), System::currentTimeMillis);
        Routes routes = Routes.of(control, states);
        Router router = new Router(routes, suite.metrics());
        Dashboard dashboard = new Dashboard(routes, control, gate, () -> suite.current().get().settings(ApiReader.SECTION),
                server.tls());
        InetSocketAddress a = server.start((worker, notifier) -> new ApiHandler(gate, router, dashboard,
                worker, notifier, metrics));
        control.subscribe(feed);
        subscribed = true;
        Thread fill = new Thread(() -> {
            try {
                control.history(states::accept);
            } catch (Exception e) {
                LOG.warn("api.history_unread error=\"{}\" (device states start empty)", e.toString());
            }
        }, "apid-history");
        fill.setDaemon(true);
        fill.start();
        LOG.info("api.listening address={}:{} tls={} tokens={}", a.getAddress().getHostAddress(), a.getPort(),
                server.tls(), suite.initial().settings(ApiReader.SECTION).tokens().size());
        return Map.of("api", a);
    }

    @Override
    public ReloadResult reload(SuiteConfig before, SuiteConfig next) {
        return ReloadResult.restartFor(RestartRule.changed(RESTART, before, next), "api.tokens and api.wrong_tokens reload now");
    }

    @Override
    public void close() {
        if (subscribed) {
            control.unsubscribe(feed);
        }
        server.close();
        metrics.close();
    }
}
