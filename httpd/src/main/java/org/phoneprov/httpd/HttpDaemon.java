package org.phoneprov.httpd;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phoneprov.common.config.HttpdReader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.RestartRule;
import org.phoneprov.common.daemon.SuiteServices;
import org.phoneprov.common.events.StoreException;

/**
 * httpd in the suite. Files, {@code httpd.access} and {@code httpd.limits} are read from the
 * current config per connection; certificates and listeners are fixed at start.
 */
public final class HttpDaemon implements Daemon {
    public static final DaemonSpec SPEC = new DaemonSpec(HttpdReader.SECTION, HttpDaemon::new);

    static final List<RestartRule> RESTART = List.of(
            RestartRule.listen(HttpdReader.SECTION),
            new RestartRule("httpd.tls", c -> c.http().tls()),
            new RestartRule("gigaset (providers or activation codes appearing or all going)", HttpDaemon::usesGigaset));

    private final SuiteConfig initial;
    private final GigasetServices gigaset;
    private final HttpServer server;

    /**
     * The redirect and activation stores are opened only for a config with Gigaset providers or
     * activation codes: a suite without them creates no such files and opens no database pool for them.
     *
     * @throws StoreException when the redirect or activation store (the state folder's files, or the
     *                        PostgreSQL database of {@code store:}) cannot be opened
     */
    public HttpDaemon(SuiteServices suite) throws StoreException {
        this.initial = suite.initial();
        this.gigaset = usesGigaset(initial) ? GigasetServices.open(initial) : null;
        this.server = new HttpServer(initial.httpd(), initial.http(), suite.files(), suite.current(), suite.events(),
                gigaset, suite.metrics().registry());
    }

    static boolean usesGigaset(SuiteConfig c) {
        return !c.gigaset().providers().isEmpty() || !c.gigaset().codes().isEmpty();
    }

    @Override
    public Map<String, InetSocketAddress> start() throws Exception {
        Map<String, InetSocketAddress> bound = new LinkedHashMap<>();
        bound.put("httpd", server.start());
        // With plain HTTP beside it, the TLS listener is a second address; without, it is the one above.
        server.tlsAddress().filter(a -> initial.http().plainHttp()).ifPresent(a -> bound.put("httpd-tls", a));
        return bound;
    }

    @Override
    public ReloadResult reload(SuiteConfig before, SuiteConfig next) {
        return ReloadResult.restartFor(RestartRule.changed(RESTART, before, next),
                "files, httpd.access and httpd.limits reload now");
    }

    @Override
    public void close() {
        server.close();
        if (gigaset != null) {
            gigaset.close();
        }
    }
}
