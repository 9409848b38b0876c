package org.phoneprov.cli.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The suite's logging, set up in code rather than by a logback.xml: one line per event on
 * stdout (journald adds the unit; by hand the time helps), INFO unless
 * {@code PHONEPROV_LOG_LEVEL} says otherwise, Netty, Pebble, Hikari and Flyway at WARN. Logback's XML
 * configurator would load some 500 classes (Joran and an XML parser) into every daemon's
 * metaspace for these five lines (bench/README.md, "Footprint"). A
 * {@code -Dlogback.configurationFile=...} still wins, for an admin who wants more.
 */
public final class StdoutLogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getenv("PHONEPROV_LOG_LEVEL")));
        root.addAppender(stdout);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("io.pebbletemplates").setLevel(Level.WARN);
        // The PostgreSQL store: Hikari's and Flyway's start-up chatter stays out; connections the
        // database cut are told once per interval by lease.store.unavailable, not by a warning
        // (with a stack trace) per pooled connection.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari.pool").setLevel(Level.ERROR);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** INFO for an unset or unknown level name, as logback.xml's {@code ${PHONEPROV_LOG_LEVEL:-INFO}} did. */
    static Level level(String name) {
        return Level.toLevel(name, Level.INFO);
    }
}
