package org.phoneprov.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The lines a class logs while a test runs (its logger still logs as before); close detaches.
 * For counting stable event names: {@code tap.count("events.store.unavailable")}.
 */
public final class LoggerTap implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;
    private final Level before;

    /** Taps {@code of}'s logger at INFO, whatever another test (a CLI command quieting the logs) left it at. */
    public LoggerTap(Class<?> of) {
        logger = (Logger) LoggerFactory.getLogger(of);
        before = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    /** How many lines so far start with {@code event}. */
    public long count(String event) {
        return appender.list.stream().filter(e -> e.getFormattedMessage().startsWith(event)).count();
    }

    /** Every line so far, for an assertion's message. */
    public String text() {
        return String.join("\n", appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }
}
