package org.phoneprov.common.daemon;

import java.net.InetSocketAddress;
import java.util.Map;
import org.phoneprov.common.config.SuiteConfig;

/**
 * One daemon of the suite as the runtime sees it: it starts, takes a reloaded config and
 * says what of it applied, and stops. A daemon knows its own restart rules; the runtime
 * only loops over the {@link DaemonSpec}s it was given.
 */
public interface Daemon extends AutoCloseable {
    /**
     * Binds and starts serving. Returns what it listens on, by label ({@code httpd},
     * {@code httpd-tls}), for the {@code suite.started} line. On failure it throws and holds
     * nothing: the runtime closes what started before it.
     */
    Map<String, InetSocketAddress> start() throws Exception;

    /**
     * SIGHUP with a config that is already valid ({@code phoneprov check} passed). The daemon
     * applies what it can at once and says which keys wait for a restart, or refuses.
     */
    ReloadResult reload(SuiteConfig before, SuiteConfig next);

    /** Stops serving and frees the daemon's sockets and threads; never throws. */
    @Override
    void close();
}
