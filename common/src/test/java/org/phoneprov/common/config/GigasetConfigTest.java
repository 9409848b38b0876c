package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/** {@code gigaset:} providers and the inventory's activation codes (Gigaset seed, "Security aspects"). */
class GigasetConfigTest {
    @TempDir
    Path dir;

    static final String PROVIDERS = """
            gigaset:
              providers:
                - name: acme
                  id: "123"
                  password: s3cret
                  profile_key: "00112233445566778899AABBCCDDEEFF"
                - name: retail
            """;

    static String with(String gigaset, String devices) {
        return gigaset + TestConfigs.FULL + devices.indent(2);
    }

    private LoadResult load(String yaml) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, yaml));
    }

    private String errors(String yaml) throws Exception {
        LoadResult r = load(yaml);
        assertFalse(r.isOk(), "expected errors");
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void providersDevicesAndCodesAreRead() throws Exception {
        LoadResult r = load(with(PROVIDERS, """
                - mac: 7C:2F:80:00:00:01
                  model: N510
                  provider: acme
                  lines: [{number: "1001", registrar: pbx.example.lan}]
                - activation_code: "12387426549864#0815"
                  model: N720
                  lines: [{number: "2001", password: pw, registrar: pbx.example.lan}]
                - activation_code: "1231"
                  activation: one-shot
                  model: C470
                """));
        assertTrue(r.isOk(), r.problems().toString());
        SuiteConfig c = r.config().orElseThrow();
        GigasetSettings.Provider acme = c.gigaset().provider("acme").orElseThrow();
        assertEquals(Optional.of("123"), acme.id());
        assertEquals(Optional.of("s3cret"), acme.password());
        assertFalse(acme.toString().contains("s3cret") || acme.toString().contains("0011"), acme.toString());
        assertEquals(Optional.empty(), c.gigaset().provider("retail").orElseThrow().password());
        assertEquals(Optional.of("acme"), c.device(Mac.parse("7C2F80000001").orElseThrow()).orElseThrow().provider());

        ActivationCode code = c.gigaset().codes().get("12387426549864");
        assertEquals("0815", code.password(), "the part after '#' is the password");
        assertEquals(ActivationCode.Lock.LOCKED, code.lock(), "locked unless said");
        assertEquals("acme", code.provider(), "the provider is the one whose id the code starts with");
        assertEquals(Model.N720, code.model());
        assertFalse(code.toString().contains("0815"), code.toString());
        ActivationCode oneShot = c.gigaset().codes().get("1231");
        assertEquals("", oneShot.password());
        assertEquals(ActivationCode.Lock.ONE_SHOT, oneShot.lock());
        Device used = code.forPhone(Mac.parse("7C2F80123456").orElseThrow());
        assertEquals(Optional.of("acme"), used.provider());
        assertEquals("2001", used.lines().get(0).number());
        assertEquals(4, c.devices().size(), "codes are not devices: FULL's three ST phones and the N510");
    }

    @Test
    void providerErrorsAreLocated() throws Exception {
        String e = errors(TestConfigs.FULL + """
                gigaset:
                  providers:
                    - name: "a b"
                      id: "12"
                      profile_key: "0011"
                    - name: ok
                      id: "123"
                      password: ""
                    - name: ok
                    - name: other
                      id: "123"
                  wrong_codes: {max: 0}
                  colour: red
                """);
        assertTrue(e.contains("gigaset.providers[0].name: a provider name is 1 to 64 printable ASCII"), e);
        assertTrue(e.contains("gigaset.providers[0].id: an activation-code provider id is 3 digits"), e);
        assertTrue(e.contains("gigaset.providers[0].profile_key: a profile key is 32 hex digits"), e);
        assertTrue(e.contains("gigaset.providers[1].password: must be non-empty"), e);
        assertTrue(e.contains("gigaset.providers[2].name: another provider is already named 'ok'"), e);
        assertTrue(e.contains("gigaset.providers[3].id: provider 'ok' already has the id 123"), e);
        assertTrue(e.contains("gigaset.wrong_codes.max: must be between 1 and"), e);
        assertTrue(e.contains("gigaset.colour"), e);
        assertTrue(e.lines().allMatch(l -> l.matches(".*phoneprov\\.yaml:\\d+:\\d+: .*")), e);
    }

    @Test
    void codeErrorsAreLocatedAndNeverShowThePassword() throws Exception {
        String e = errors(with(PROVIDERS, """
                - activation_code: "999123#pw"
                  model: N510
                - activation_code: "123456789012345678901234567890123"
                  model: N510
                - activation_code: "12a4"
                  model: N510
                - activation_code: "1234#"
                  model: N510
                - activation_code: "1234#sec ret"
                  model: N510
                - activation_code: "1235"
                  model: ST2030S
                - activation_code: "1236"
                  activation: twice
                  model: N510
                - activation_code: "1237"
                  model: N510
                - activation_code: "1237#x"
                  model: N510
                - mac: 7C:2F:80:00:00:09
                  activation_code: "1238"
                  model: N510
                - mac: 00:14:7F:00:00:09
                  model: ST2030S
                  provider: acme
                - mac: 7C:2F:80:00:00:0A
                  model: N510
                  provider: nobody
                """));
        assertTrue(e.contains("devices[4].activation_code: an activation code is at most 32 characters"), e);
        assertTrue(e.contains("starts with the provider id 999, which no entry of gigaset.providers has"), e);
        assertTrue(e.contains("it has 33 characters"), e);
        assertTrue(e.contains("the part before '#' is not 4 or more digits"), e);
        assertTrue(e.contains("the password after '#' is empty or has a space"), e);
        assertTrue(e.contains("an activation code is a Gigaset method; a ST2030S is found by its MAC"), e);
        assertTrue(e.contains("'twice' is not one of locked"), e);
        assertTrue(e.contains("the same code as the entry at phoneprov.yaml:"), e);
        assertTrue(e.contains("is reached by its mac or by its activation_code, not both"), e);
        assertTrue(e.contains("only a Gigaset has a provider"), e);
        assertTrue(e.contains("no provider named 'nobody' under gigaset.providers (known: acme, retail)"), e);
        assertFalse(e.contains("sec ret"), "a password is never in a message: " + e);
    }

    @Test
    void withoutGigasetNothingChanges() throws Exception {
        SuiteConfig c = load(TestConfigs.FULL).config().orElseThrow();
        assertEquals(GigasetSettings.NONE, c.gigaset());
        assertEquals(9, c.gigaset().wrongCodes().notFound(), "the tenth wrong guess blocks");
        assertFalse(c.gigaset().requirePhoneMac(), "curl and browsers are served unless the admin says otherwise");
        SuiteConfig strict = load("gigaset: {require_phone_mac: true}\n" + TestConfigs.FULL).config().orElseThrow();
        assertTrue(strict.gigaset().requirePhoneMac());
        assertTrue(errors("gigaset: {require_phone_mac: yes please}\n" + TestConfigs.FULL)
                .contains("gigaset.require_phone_mac: expected true or false"));
    }
}
