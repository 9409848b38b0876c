package org.phoneprov.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class RateLimitedLogTest {

    @Test
    void aBurstPerEventPerWindowThenACountOfWhatWasSuppressed() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.ratelimit");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        lines.start();
        logger.addAppender(lines);
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10), 2, now::get);

        assertEquals(RateLimitedLog.Emitted.LOGGED, log.log(Level.INFO, "httpd.reject", "reason=a"));
        assertEquals(RateLimitedLog.Emitted.LOGGED, log.log(Level.INFO, "httpd.reject", "reason=b"));
        assertEquals(RateLimitedLog.Emitted.SUPPRESSED, log.log(Level.INFO, "httpd.reject", "reason=c"));
        assertEquals(RateLimitedLog.Emitted.LOGGED, log.log(Level.WARN, "httpd.error", "x=1"));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(RateLimitedLog.Emitted.SUPPRESSED, log.log(Level.INFO, "httpd.reject", "reason=d"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(RateLimitedLog.Emitted.LOGGED, log.log(Level.INFO, "httpd.reject", "reason=e"));
        assertEquals(RateLimitedLog.Emitted.LOGGED, log.log(Level.INFO, "httpd.reject", "reason=f"));
        assertEquals(RateLimitedLog.Emitted.SUPPRESSED, log.log(Level.INFO, "httpd.reject", "reason=g"));

        assertEquals("httpd.reject reason=a|httpd.reject reason=b|httpd.error x=1|httpd.reject reason=e suppressed=2"
                        + "|httpd.reject reason=f",
                lines.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("|")));
        logger.detachAppender(lines);
    }
}
