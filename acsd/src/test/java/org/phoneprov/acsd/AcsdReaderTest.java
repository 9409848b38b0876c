package org.phoneprov.acsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.AcsdReader;
import org.phoneprov.common.config.AcsdSettings;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SuiteConfig;

class AcsdReaderTest {
    @TempDir
    Path dir;

    @Test
    void offWithoutTheSectionAndDefaultsWithIt() throws Exception {
        SuiteConfig none = AcsFixture.config(dir, "");
        assertFalse(none.listen(AcsdReader.SECTION).enabled());
        SuiteConfig c = AcsFixture.config(dir, "acsd: {bind: 127.0.0.1}\n");
        assertTrue(c.listen(AcsdReader.SECTION).enabled());
        assertEquals(7547, c.listen(AcsdReader.SECTION).port());
        assertEquals(AcsdSettings.defaults(), c.settings(AcsdReader.SECTION));
        AcsdSettings s = AcsFixture.config(dir, "acsd:\n  periodic_inform_interval: 600\n  max_envelope_bytes: 65536\n"
                + "  realm: acs\n").settings(AcsdReader.SECTION);
        assertEquals(new AcsdSettings(java.util.Optional.empty(), 600, 65536, "acs"), s);
    }

    @Test
    void mistakesAreLocated() throws Exception {
        LoadResult r = AcsFixture.load(dir, "acsd:\n  periodic_inform_interval: 5\n  max_envelope_bytes: 10\n"
                + "  realm: \"a\\\"b\"\n  tls: {cert: none.crt, key: none.key}\n  colour: red\n");
        String p = AcsFixture.problems(r);
        assertFalse(r.isOk());
        assertTrue(p.contains("phoneprov.yaml:5:") && p.contains("acsd.periodic_inform_interval"), p);
        assertTrue(p.contains("acsd.max_envelope_bytes"), p);
        assertTrue(p.contains("acsd.realm: a realm is printable ASCII"), p);
        assertTrue(p.contains("none.crt"), p);
        assertTrue(p.contains("colour"), p);
    }
}
