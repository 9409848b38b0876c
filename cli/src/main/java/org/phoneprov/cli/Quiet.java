package org.phoneprov.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Commands that print a report keep stdout for the report: only warnings and errors are logged. */
final class Quiet {
    private Quiet() {
    }

    static void logs() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }
}
