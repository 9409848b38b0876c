package org.phoneprov.cli.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP as "reload", as daemons have always done. The JDK has no public signal API;
 * {@code sun.misc.Signal} (module jdk.unsupported) is the supported way in practice.
 * The reload runs on its own thread, never in the signal dispatcher.
 */
public final class SignalHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);

    private SignalHandlers() {
    }

    public static void onReload(Runnable reload) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reload");
            t.setDaemon(true);
            return t;
        });
        try {
            Signal.handle(new Signal("HUP"), sig -> {
                LOG.info("config.reload_requested signal=HUP");
                worker.execute(reload);
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("signal.unavailable signal=HUP error=\"{}\" (reload by restarting instead)", e.getMessage());
        }
    }
}
