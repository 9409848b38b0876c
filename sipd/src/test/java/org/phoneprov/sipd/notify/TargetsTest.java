package org.phoneprov.sipd.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

class TargetsTest {
    private static final Mac SIP_FIXED = Mac.parse("00:14:7F:00:00:01").orElseThrow();
    private static final Mac SIP_LEASED = Mac.parse("00:14:7F:00:00:02").orElseThrow();
    private static final Mac SIP_NOWHERE = Mac.parse("00:14:7F:00:00:03").orElseThrow();
    private static final Mac MGCP = Mac.parse("00:14:7F:00:00:04").orElseThrow();
    private static final Mac NO_LINES = Mac.parse("00:14:7F:00:00:05").orElseThrow();

    @TempDir
    static Path dir;
    static SuiteConfig config;

    @BeforeAll
    static void load() throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(dir.resolve("state"));
        Path file = dir.resolve("phoneprov.yaml");
        Files.writeString(file, """
                suite:
                  address: 192.0.2.10
                  check_sync_source: 192.0.2.11
                paths:
                  files: files
                  state: state
                sipd:
                  notify:
                    phone_port: 5070
                devices:
                  - mac: 00:14:7F:00:00:01
                    model: ST2030S
                    address: 192.0.2.51
                    lines:
                      - {number: "201", password: s3cret, registrar: pbx.example.lan}
                      - {number: "202", password: other, registrar: pbx.example.lan}
                  - mac: 00:14:7F:00:00:02
                    model: ST2022S
                    address: 192.0.2.52
                    lines:
                      - {number: "301", auth_user: u301, password: pw, registrar: pbx.example.lan}
                  - mac: 00:14:7F:00:00:03
                    model: ST2030S
                    lines:
                      - {number: "401", registrar: pbx.example.lan}
                  - mac: 00:14:7F:00:00:04
                    model: ST2030M
                    address: 192.0.2.54
                    lines:
                      - {number: "501", registrar: ca.example.lan}
                  - mac: 00:14:7F:00:00:05
                    model: ST2030S
                    address: 192.0.2.55
                """);
        LoadResult r = ConfigLoader.load(file);
        config = r.config().orElseThrow(() -> new AssertionError(r.toString()));
    }

    private static final Function<Mac, Optional<InetAddress>> LEASES = mac -> mac.equals(SIP_LEASED)
            ? Optional.of(address("10.0.0.52")) : Optional.empty();

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void allSendsToSipPhonesWithAnAddressAndSaysWhyTheOthersAreSkipped() {
        Targets t = Targets.select(config, Selection.all(), LEASES);
        assertEquals(List.of(SIP_FIXED, SIP_LEASED, NO_LINES), t.targets().stream().map(Target::mac).toList());
        assertEquals(List.of(new Skipped(SIP_NOWHERE, Targets.NO_ADDRESS), new Skipped(MGCP, Targets.SIP_ONLY)),
                t.skipped());
        assertEquals("check-sync is SIP only (APS seed 3.4)", Targets.SIP_ONLY);
        assertEquals(List.of(), t.errors());
    }

    @Test
    void inventoryAddressWithThePhonePortAndTheFirstLine() {
        Target t = Targets.select(config, Selection.mac(SIP_FIXED), LEASES).targets().get(0);
        assertEquals(new InetSocketAddress(address("192.0.2.51"), 5070), t.address());
        assertEquals("201", t.line().orElseThrow().number());
        assertEquals("201", t.line().orElseThrow().authUser(), "auth_user defaults to the number");
        assertEquals("201", t.user());
        assertTrue(t.hasCredentials());
        assertEquals(Dialect.CHECK_SYNC, t.dialect());
        assertEquals(Model.ST2030S, t.model());
    }

    @Test
    void leaseAddressWinsOverTheInventoryAddress() {
        Target t = Targets.select(config, Selection.mac(SIP_LEASED), LEASES).targets().get(0);
        assertEquals(new InetSocketAddress(address("10.0.0.52"), 5070), t.address());
        assertEquals("u301", t.line().orElseThrow().authUser());
    }

    @Test
    void aPhoneWithoutLinesIsAddressedAsPhoneAndCannotAuthenticate() {
        Target t = Targets.select(config, Selection.mac(NO_LINES), LEASES).targets().get(0);
        assertEquals("phone", t.user());
        assertEquals(Optional.empty(), t.line());
        assertTrue(!t.hasCredentials());
    }

    @Test
    void byModel() {
        Targets t = Targets.select(config, Selection.model(Model.ST2022S), LEASES);
        assertEquals(List.of(SIP_LEASED), t.targets().stream().map(Target::mac).toList());
        Targets m = Targets.select(config, Selection.model(Model.ST2030M), LEASES);
        assertEquals(List.of(), m.targets());
        assertEquals(List.of(new Skipped(MGCP, Targets.SIP_ONLY)), m.skipped());
        assertEquals(List.of(NotifyResult.skipped(new Skipped(MGCP, Targets.SIP_ONLY))), m.skippedResults());
        assertEquals(List.of(), m.errors());
    }

    @Test
    void unknownMacAndEmptyModelAreErrors() {
        Mac stranger = Mac.parse("00:11:22:33:44:55").orElseThrow();
        Targets t = Targets.select(config, Selection.mac(stranger), LEASES);
        assertEquals(List.of(), t.targets());
        assertEquals(1, t.errors().size());
        assertTrue(t.errors().get(0).contains("00:11:22:33:44:55 is not in the inventory"), t.errors().get(0));
        Targets none = Targets.select(config, Selection.model(Model.ST2022M), LEASES);
        assertEquals(List.of("no ST2022M phone in the inventory (devices:)"), none.errors());
    }

    @Test
    void emptyInventory() {
        SuiteConfig empty = config.withDevices(Map.of());
        assertEquals(List.of("the inventory (devices:) lists no phones"),
                Targets.select(empty, Selection.all(), LEASES).errors());
    }

    @Test
    void selectionParses() {
        assertEquals(Optional.of(Selection.all()), Selection.parse("ALL"));
        assertEquals(Optional.of(Selection.model(Model.ST2030S)), Selection.parse("st2030s"));
        assertEquals(Optional.of(Selection.mac(SIP_FIXED)), Selection.parse("00147f000001"));
        assertEquals(Optional.empty(), Selection.parse("nonsense"));
    }
}
