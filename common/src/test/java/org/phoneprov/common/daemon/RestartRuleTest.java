package org.phoneprov.common.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.HttpdReader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.TestConfigs;

class RestartRuleTest {
    @TempDir
    Path dir;

    private SuiteConfig load(String yaml) throws IOException {
        Path cfg = TestConfigs.write(dir, yaml);
        return ConfigLoader.load(cfg).config().orElseThrow();
    }

    private static final List<RestartRule> RULES = List.of(
            RestartRule.listen(HttpdReader.SECTION),
            new RestartRule("suite.address", c -> c.identity().address()));

    @Test
    void onlyTheKeysWhoseValuesChangedAreNamedInRuleOrder() throws IOException {
        SuiteConfig a = load(TestConfigs.MINIMAL);
        assertEquals(List.of(), RestartRule.changed(RULES, a, load(TestConfigs.MINIMAL)));
        SuiteConfig port = load(TestConfigs.MINIMAL.replace("port: 8080", "port: 8081"));
        assertEquals(List.of("httpd.enabled/bind/interface/port"), RestartRule.changed(RULES, a, port));
        SuiteConfig both = load(TestConfigs.MINIMAL.replace("port: 8080", "port: 8081")
                .replace("192.0.2.10", "192.0.2.11"));
        assertEquals(List.of("httpd.enabled/bind/interface/port", "suite.address"), RestartRule.changed(RULES, a, both));
    }

    @Test
    void resultsSayAppliedOnlyWhenNothingWaits() {
        assertInstanceOf(ReloadResult.Applied.class, ReloadResult.restartFor(List.of(), "all"));
        ReloadResult.RestartNeeded n = assertInstanceOf(ReloadResult.RestartNeeded.class,
                ReloadResult.restartFor(List.of("httpd.tls"), "files reload now"));
        assertEquals(List.of("httpd.tls"), n.keys());
        assertThrows(IllegalArgumentException.class, () -> new ReloadResult.RestartNeeded(List.of(), "x"));
    }
}
