package org.phoneprov.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.UUID;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.LoggerFactory;

/** A private logger whose lines a test can read. */
public final class LogCapture {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;

    public LogCapture() {
        logger = (Logger) LoggerFactory.getLogger("test.capture." + UUID.randomUUID());
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    public RateLimitedLog rateLimited() {
        return new RateLimitedLog(logger);
    }

    /** The formatted messages so far, oldest first. */
    public List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
