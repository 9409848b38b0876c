package org.phoneprov.cli;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.phoneprov.cli.run.DaemonRegistry;
import org.phoneprov.cli.run.SignalHandlers;
import org.phoneprov.cli.run.SuiteRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phoneprov run}: the daemons, in the foreground, until SIGTERM; SIGHUP reloads. */
@Command(name = "run", description = {"Run the enabled daemons (or those named by --only) in the foreground.",
        "SIGHUP reloads the config; SIGTERM stops cleanly."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption options;

    @Option(names = "--only", split = ",", paramLabel = "DAEMON",
            description = "Run only these daemons (${COMPLETION-CANDIDATES}), enabled in the config or not.",
            completionCandidates = DaemonNames.class)
    List<String> only = List.of();

    /** The registry's names, for {@code --help}. */
    static final class DaemonNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DaemonRegistry.BUILT_IN.names().iterator();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String d : only) {
            List<String> known = DaemonRegistry.BUILT_IN.names();
            if (!known.contains(d.trim())) {
                System.err.println("--only: unknown daemon '" + d + "'; choose from " + String.join(", ", known));
                return 2;
            }
            wanted.add(d.trim());
        }
        Optional<Loaded.Ok> ok = Loaded.loadOrReport(options.config, System.err);
        if (ok.isEmpty()) {
            return 1;
        }
        SuiteRuntime suite = new SuiteRuntime(options.config, wanted);
        try {
            suite.start(ok.get().snapshot());
        } catch (Exception e) {
            LOG.error("suite.start_failed error=\"{}\"", e.getMessage());
            System.err.println("phoneprov: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SignalHandlers.onReload(suite::reload);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("suite.stopping");
            suite.close();
            LOG.info("suite.stopped");
            stopped.countDown();
            // A clean stop on SIGTERM exits 0 (not the JVM's 143), so service managers see success.
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
