package org.phoneprov.sipd.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.phoneprov.common.config.SipdReader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.RestartRule;
import org.phoneprov.common.daemon.SuiteServices;

/** sipd in the suite: plug-and-play rules follow the current config; the group it joined does not. */
public final class SipDaemon implements Daemon {
    public static final DaemonSpec SPEC = new DaemonSpec(SipdReader.SECTION, SipDaemon::new);

    static final List<RestartRule> RESTART = List.of(
            RestartRule.listen(SipdReader.SECTION),
            new RestartRule("sipd.pnp group or interfaces",
                    c -> List.of(c.sip().pnp().group(), c.sip().pnp().interfaces())),
            new RestartRule("suite.address (the reply address)", SipServer::replyAddress));

    private final SipServer server;

    public SipDaemon(SuiteServices suite) {
        this.server = new SipServer(suite.initial(), () -> suite.current().get().sip().pnp(), suite.events(),
                suite.metrics().registry(), suite.pair());
    }

    @Override
    public Map<String, InetSocketAddress> start() throws Exception {
        return Map.of("sipd", server.start());
    }

    @Override
    public ReloadResult reload(SuiteConfig before, SuiteConfig next) {
        return ReloadResult.restartFor(RestartRule.changed(RESTART, before, next),
                "rules and allowed subnets reload now");
    }

    @Override
    public void close() {
        server.close();
    }
}
