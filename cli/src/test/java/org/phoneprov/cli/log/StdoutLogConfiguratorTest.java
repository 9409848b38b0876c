package org.phoneprov.cli.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class StdoutLogConfiguratorTest {

    @Test
    void stdoutAtInfoWithNettyAndPebbleQuiet() {
        LoggerContext context = new LoggerContext();
        StdoutLogConfigurator c = new StdoutLogConfigurator();
        c.setContext(context);
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, c.configure(context));
        var root = context.getLogger("ROOT");
        assertTrue(root.getAppender("STDOUT") instanceof ConsoleAppender<?>);
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
        assertEquals(Level.WARN, context.getLogger("io.pebbletemplates").getLevel());
    }

    @Test
    void levelFromTheEnvironmentNameOrInfo() {
        assertEquals(Level.DEBUG, StdoutLogConfigurator.level("DEBUG"));
        assertEquals(Level.DEBUG, StdoutLogConfigurator.level("debug"));
        assertEquals(Level.INFO, StdoutLogConfigurator.level(null));
        assertEquals(Level.INFO, StdoutLogConfigurator.level("loud"));
    }

    @Test
    void theServiceFileNamesIt() throws Exception {
        var in = StdoutLogConfigurator.class.getResourceAsStream(
                "/META-INF/services/ch.qos.logback.classic.spi.Configurator");
        assertEquals(StdoutLogConfigurator.class.getName(), new String(in.readAllBytes()).trim());
    }
}
