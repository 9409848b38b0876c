package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.provision.Model;

/** {@code models.<MODEL>.encryption} (APS seed 6): read once, every error located, keys never printed. */
class EncryptionConfigTest {
    @TempDir
    Path dir;

    /** FULL with {@code encryption} written under ST2030S. */
    static String withEncryption(String encryption) {
        return TestConfigs.FULL.replace("  ST2030S:\n", "  ST2030S:\n    encryption: " + encryption + "\n");
    }

    private LoadResult load(String yaml) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, yaml));
    }

    private String errors(String yaml) throws Exception {
        LoadResult r = load(yaml);
        assertFalse(r.isOk(), "expected errors");
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    /** The line of the {@code encryption:} key in a FULL-based config. */
    private static int encryptionLine(String yaml) {
        return (int) yaml.substring(0, yaml.indexOf("    encryption:")).lines().count() + 1;
    }

    @Test
    void keyAndNextKeyAreRead() throws Exception {
        LoadResult r = load(withEncryption("{key: \"1234567890123456\", next_key: \"Th0mson2$8s8@9z!\"}"));
        assertTrue(r.isOk(), r.problems().toString());
        SuiteConfig c = r.config().orElseThrow();
        ModelEncryption e = c.model(Model.ST2030S).encryption().orElseThrow();
        assertEquals("1234567890123456", e.key());
        assertEquals(Optional.of("Th0mson2$8s8@9z!"), e.nextKey());
        assertEquals(".ser", c.model(Model.ST2030S).configExtension());
        assertEquals(Optional.empty(), c.model(Model.ST2030M).encryption(), "only the model that says so");
        assertEquals(".txt", c.model(Model.ST2030M).configExtension());
        assertFalse(c.model(Model.ST2030S).toString().contains("1234567890123456"), "never printed: " + c.model(Model.ST2030S));
        assertFalse(e.toString().contains("Th0mson2"), e.toString());
    }

    @Test
    void aNumericLookingKeyIsAKeyAndNextKeyIsOptional() throws Exception {
        LoadResult r = load(withEncryption("\n      key: 1234567890123456"));
        assertTrue(r.isOk(), r.problems().toString());
        ModelEncryption e = r.config().orElseThrow().model(Model.ST2030S).encryption().orElseThrow();
        assertEquals("1234567890123456", e.key());
        assertEquals(Optional.empty(), e.nextKey());
    }

    @Test
    void badKeysAreLocatedAndNotRepeated() throws Exception {
        String yaml = withEncryption("\n      key: \"too short\"\n      next_key: \"1234567 90123456\"");
        String all = errors(yaml);
        Path cfg = dir.resolve("phoneprov.yaml");
        int line = encryptionLine(yaml);
        assertTrue(all.contains(cfg + ":" + (line + 1) + ":12: models.ST2030S.encryption.key: a .ser key is exactly 16 "
                + "printable ASCII characters (no spaces), found 9 characters (the phone's Decryption_Key, APS seed 6)"), all);
        assertTrue(all.contains(cfg + ":" + (line + 2) + ":17: models.ST2030S.encryption.next_key: a .ser key is exactly "
                + "16 printable ASCII characters (no spaces), found a space at position 8"), all);
        assertFalse(all.contains("too short") || all.contains("1234567 90123456"), "keys are not echoed: " + all);
    }

    @Test
    void aMissingKeyAnUnknownKeyAndAWrongShapeAreErrors() throws Exception {
        String yaml = withEncryption("{next_key: \"1234567890123456\", nextkey: x}");
        String all = errors(yaml);
        Path cfg = dir.resolve("phoneprov.yaml");
        int line = encryptionLine(yaml);
        assertTrue(all.contains(cfg + ":" + line + ":17: models.ST2030S.encryption.key: missing; this key is required"), all);
        assertTrue(all.contains("models.ST2030S.encryption.nextkey: unknown key (did you mean 'next_key'?)"), all);
        assertTrue(errors(withEncryption("true")).contains("models.ST2030S.encryption"));
        assertTrue(errors(withEncryption("{key: \"\"}")).contains("models.ST2030S.encryption.key: must not be empty"));
    }

    @Test
    void aDeviceKeyIsValidatedWhereItIsWritten() throws Exception {
        String yaml = TestConfigs.FULL.replace("    model: ST2030S\n", "    model: ST2030S\n    encryption_key: abc\n");
        String all = errors(yaml);
        assertTrue(all.contains("devices[0].encryption_key: a .ser key is exactly 16 printable ASCII characters"), all);
        List<String> lines = yaml.lines().toList();
        int line = lines.indexOf("    encryption_key: abc") + 1;
        assertTrue(all.contains(dir.resolve("phoneprov.yaml") + ":" + line + ":21: devices[0].encryption_key"), all);
    }
}
