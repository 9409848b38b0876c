package org.phoneprov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.gigaset.GigasetSetup;
import org.phoneprov.phonesim.phone.PhoneIdentity;

/** Which phones simulate runs, and what each Gigaset is given. */
class SimulatedPhonesTest {
    static final String KEY = "00112233445566778899aabbccddeeff";
    static final String YAML = """
            suite: {name: t, address: 10.77.0.1}
            paths: {files: files, state: state}
            httpd: {enabled: true, bind: 10.77.0.1, port: 8080}
            gigaset:
              providers:
                - {name: acme, id: "123", profile_key: "%s"}
                - {name: plain, id: "456"}
            devices:
              - {mac: "00:14:7F:00:00:01", model: ST2030S, lines: [{number: "1", password: "p", registrar: r}]}
              - {mac: "7C:2F:80:00:00:01", model: N510, provider: acme, lines: [{number: "2", password: "p", registrar: r}]}
              - {mac: "7C:2F:80:00:00:02", model: N720, provider: plain, lines: [{number: "3", password: "p", registrar: r}]}
              - {activation_code: "12387426549864#0815", model: N720, lines: [{number: "4", password: "p", registrar: r}]}
              - {activation_code: "4567", activation: one-shot, model: C470, lines: [{number: "5", password: "p", registrar: r}]}
            """.formatted(KEY);
    SuiteConfig config;

    @BeforeEach
    void load(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("phoneprov.yaml");
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(file, YAML);
        Loaded.Outcome o = Loaded.load(file, Optional.empty());
        assertTrue(o instanceof Loaded.Ok, o.toString());
        config = ((Loaded.Ok) o).config();
    }

    static Mac mac(String s) {
        return Mac.parse(s).orElseThrow();
    }

    SimulatedPhones.Chosen choose(List<String> macs, List<String> retail, int count, Optional<Model> only) {
        return SimulatedPhones.choose(config, macs, retail, count, only, 1);
    }

    @Test
    void theInventoryThenAPhonePerCodeThenGeneratedMacs() {
        SimulatedPhones.Chosen c = choose(List.of(), List.of(), 6, Optional.empty());
        List<Model> models = c.phones().stream().map(PhoneIdentity::model).toList();
        assertEquals(List.of(Model.ST2030S, Model.N510, Model.N720, Model.N720, Model.C470, Model.ST2030S), models);
        assertEquals(Optional.of(KEY), c.gigaset().get(mac("7C:2F:80:00:00:01")).profileKey(), "acme's key");
        assertEquals(Optional.empty(), c.gigaset().get(mac("7C:2F:80:00:00:02")).profileKey(), "plain has none");
        PhoneIdentity locked = c.phones().get(3);
        assertEquals(0x7C2F80FF, (int) (locked.mac().value() >>> 16), "a code's phone is in 7C:2F:80:FF:xx:xx");
        GigasetSetup s = c.gigaset().get(locked.mac());
        assertEquals(Optional.of("12387426549864#0815"), s.code());
        assertEquals(Optional.of(KEY), s.profileKey(), "the code's provider is acme (id 123)");
        assertEquals(Optional.of("4567"), c.gigaset().get(c.phones().get(4).mac()).code(), "no password: no '#'");
        assertEquals(locked.mac(), choose(List.of(), List.of(), 6, Optional.empty()).phones().get(3).mac(),
                "the same MAC every time, so a locked code meets its phone again");
        assertEquals(Mac.of(0x00147FE00010L), c.phones().get(5).mac(), "generated as before: Thomson's OUI");
    }

    @Test
    void aGigasetModelOnlyTakesItsOwnAndGeneratesInGigasetsOui() {
        SimulatedPhones.Chosen c = choose(List.of(), List.of(), 3, Optional.of(Model.N510));
        assertEquals(List.of(mac("7C:2F:80:00:00:01"), Mac.of(0x7C2F80E00010L), Mac.of(0x7C2F80E00011L)),
                c.phones().stream().map(PhoneIdentity::mac).toList());
        assertEquals(GigasetSetup.factory(), c.gigaset().get(Mac.of(0x7C2F80E00010L)));
    }

    @Test
    void aRetailPhoneAsksTheSuitesRedirectServerInsteadOfItsInventoryEntry() {
        SimulatedPhones.Chosen c = choose(List.of(), List.of("7C2F80000001", "7C:2F:80:77:09:01=C590"), 2,
                Optional.empty());
        assertEquals(List.of(new PhoneIdentity(mac("00:14:7F:00:00:01"), Model.ST2030S),
                new PhoneIdentity(mac("7C:2F:80:00:00:01"), Model.N510),
                new PhoneIdentity(mac("7C:2F:80:77:09:01"), Model.C590)), c.phones(), "once each, the retail one last");
        GigasetSetup known = c.gigaset().get(mac("7C:2F:80:00:00:01"));
        assertEquals(Optional.of(URI.create("http://10.77.0.1:8080/device/444/1/master.bin")), known.server());
        assertEquals(Optional.of(KEY), known.profileKey(), "redirected to its provider's profile, which it opens");
        assertEquals(Optional.empty(), c.gigaset().get(mac("7C:2F:80:77:09:01")).profileKey());
        assertEquals(List.of(new PhoneIdentity(mac("7C:2F:80:77:09:01"), Model.N510)),
                choose(List.of(), List.of("7C2F80770901"), 0, Optional.empty()).phones(),
                "--phones 0: the retail phones only, no inventory phone of any kind");
    }

    @Test
    void wrongArgumentsSayWhatIsWrong() {
        assertEquals("--retail 00147F000001: a retail phone is a Gigaset (N510, N720, C470, C590), not a ST2030S",
                assertThrows(IllegalArgumentException.class, () -> choose(List.of(), List.of("00147F000001"), 1,
                        Optional.empty())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> choose(List.of("7C2F80000009"), List.of(), 1,
                Optional.empty())).getMessage().contains("is not in the inventory: say its model"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> choose(List.of("7C2F80000009=N999"), List.of(), 1,
                Optional.empty())).getMessage().startsWith("'N999' is not a model"));
        assertEquals(Model.N510, choose(List.of("7C2F80000009=N510"), List.of(), 1, Optional.empty()).phones().get(0)
                .model(), "a Gigaset --mac is simulated now");
    }
}
