package org.phoneprov.acsd;

import java.time.Clock;
import java.util.function.Supplier;
import org.phoneprov.acsd.auth.CpeAuth;
import org.phoneprov.acsd.session.CwmpSession;
import org.phoneprov.acsd.session.TaskQueue;
import org.phoneprov.common.config.AcsdReader;
import org.phoneprov.common.config.AcsdSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;

/** What every connection's handler shares: the current config, the task queue, authentication, events, metrics, logs. */
record AcsContext(Supplier<SuiteConfig> config, TaskQueue queue, CpeAuth auth, CwmpSession.InformHook hook,
                  EventSink events, AcsMetrics metrics, RateLimitedLog log, Clock clock) {
    AcsdSettings settings() {
        return config.get().settings(AcsdReader.SECTION);
    }
}
