package org.phoneprov.tftpd.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.TftpdReader;
import org.phoneprov.common.daemon.Daemon;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.common.daemon.ReloadResult;
import org.phoneprov.common.daemon.RestartRule;
import org.phoneprov.common.daemon.SuiteServices;

/** tftpd in the suite. Files come from the suite's current snapshot, so a reload reaches them at once. */
public final class TftpDaemon implements Daemon {
    public static final DaemonSpec SPEC = new DaemonSpec(TftpdReader.SECTION, TftpDaemon::new);

    /** Limits and name rules are fixed in the transfer machinery at start. */
    static final List<RestartRule> RESTART = List.of(
            RestartRule.listen(TftpdReader.SECTION),
            new RestartRule("tftpd limits or name rules", SuiteConfig::tftp));

    private final TftpServer server;

    public TftpDaemon(SuiteServices suite) {
        this.server = new TftpServer(suite.initial(), suite.files(), suite.events(), suite.metrics().registry());
    }

    @Override
    public Map<String, InetSocketAddress> start() throws Exception {
        return Map.of("tftpd", server.start());
    }

    @Override
    public ReloadResult reload(SuiteConfig before, SuiteConfig next) {
        return ReloadResult.restartFor(RestartRule.changed(RESTART, before, next), "files reload now");
    }

    @Override
    public void close() {
        server.close();
    }
}
