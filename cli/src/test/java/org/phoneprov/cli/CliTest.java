package org.phoneprov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Path repo() {
        return Path.of(System.getProperty("phoneprov.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void everyExampleConfigPassesCheck() {
        for (String ex : new String[] {"examples/office/phoneprov.yaml", "examples/lab/phoneprov.yaml"}) {
            Run r = cli("check", "--config", repo().resolve(ex).toString());
            assertEquals(0, r.code(), ex + ": " + r.err());
            assertTrue(r.out().contains(": OK"), r.out());
        }
    }

    @Test
    void checkPrintsFileLineColumnAndExitsOne() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "suite:\n  address: 10.0.0.256\nhttpd:\n  prot: 80\n");
        Run r = cli("check", "--config", cfg.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(cfg.toAbsolutePath() + ":2:12: suite.address:"), r.err());
        assertTrue(r.err().contains(cfg.toAbsolutePath() + ":4:3: httpd.prot: unknown key (did you mean 'port'?)"), r.err());
        assertTrue(r.err().contains("2 errors in"), r.err());
    }

    @Test
    void renderShowsADevicesFilesAndOneFile() {
        String cfg = repo().resolve("examples/office/phoneprov.yaml").toString();
        Run list = cli("render", "--config", cfg, "--mac", "00-14-7f-10-00-01");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("ST2030S_00147F100001.inf"), list.out());
        assertTrue(list.out().contains("MAC_CONFIG"), list.out());
        Run one = cli("render", "--config", cfg, "--mac", "00147F100001", "--file", "ST2030S_00147F100001.txt");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("config_sn="), one.out());
        Run unknown = cli("render", "--config", cfg, "--mac", "00147F10FFFF");
        assertEquals(1, unknown.code());
        Run all = cli("render", "--config", cfg, "--all", "--out", dir.resolve("out").toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(Files.exists(dir.resolve("out/ST2022M_00147F130003.txt")));
    }

    @Test
    void renderShowsAGigasetsProfileEncryptedAndPlain() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Path cfg = Files.writeString(dir.resolve("phoneprov.yaml"), """
                suite: {address: 10.77.0.1}
                paths: {files: files}
                gigaset:
                  providers:
                    - {name: acme, password: "acme-api", profile_key: "00112233445566778899aabbccddeeff"}
                devices:
                  - mac: 7C:2F:80:77:06:01
                    model: N510
                    provider: acme
                    lines: [{number: "1601", password: "gs-1601", registrar: 10.77.0.1}]
                  - mac: 7C:2F:80:77:06:02
                    model: N720
                    lines: [{number: "1602", password: "gs-1602", registrar: 10.77.0.1}]
                """);
        String c = cfg.toString();
        Run list = cli("render", "--config", c, "--mac", "7c2f80770601");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().startsWith("The profile of 7C:2F:80:77:06:01 (N510, AES-128 with the profile_key of"
                + " provider acme; --plain shows it decrypted):\n"), list.out());
        assertTrue(list.out().matches("(?s).*\\n  PROFILE +gigaset/7C2F80770601\\.xml +\\d+ bytes\\n.*"), list.out());
        Run plain = cli("render", "--config", c, "--mac", "7C2F80770601", "--file", "gigaset/7C2F80770601.xml", "--plain");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"), plain.out());
        assertTrue(plain.out().contains("<MAC_ADDRESS value=\"7C2F80770601\"/>") && plain.out().contains("gs-1601"));
        Run served = cli("render", "--config", c, "--mac", "7C2F80770601", "--file", "gigaset/7C2F80770601.xml");
        assertEquals(0, served.code(), served.err());
        assertFalse(served.out().contains("ProviderFrame") || served.out().contains("gs-1601"), "served encrypted");

        Run open = cli("render", "--config", c, "--mac", "7C2F80770602");
        assertTrue(open.out().startsWith("The profile of 7C:2F:80:77:06:02 (N720):\n"), open.out());
        Run asServed = cli("render", "--config", c, "--mac", "7C2F80770602", "--file", "gigaset/7c2f80770602.xml");
        assertEquals(0, asServed.code(), asServed.err());
        assertTrue(asServed.out().contains("<MAC_ADDRESS value=\"7C2F80770602\"/>"), "no key: served plain");
        Run missing = cli("render", "--config", c, "--mac", "7C2F80770602", "--file", "gigaset/7C2F80770699.xml");
        assertEquals(1, missing.code());
    }

    @Test
    void runRefusesUnknownDaemons() {
        Run r = cli("run", "--config", repo().resolve("examples/office/phoneprov.yaml").toString(), "--only", "ftpd");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown daemon 'ftpd'"), r.err());
    }

    @Test
    void notifySaysWhatItCannotDoWithoutSendingAnything() {
        String lab = repo().resolve("examples/lab/phoneprov.yaml").toString();
        Run unknown = cli("notify", "--config", lab, "--mac", "00:14:7F:77:FF:FF");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("00:14:7F:77:FF:FF is not in the inventory"), unknown.err());
        Run badModel = cli("notify", "--config", lab, "--model", "ST9999");
        assertEquals(2, badModel.code());
        assertTrue(badModel.err().contains("'ST9999' is not a model"), badModel.err());
        Run none = cli("notify", "--config", lab);
        assertEquals(2, none.code(), "one of --mac, --model, --all is required: " + none.err());
        // MGCP phones do not take check-sync (APS seed 3.4 "SIP only"): reported, nothing sent.
        Run mgcp = cli("notify", "--config", lab, "--model", "ST2030M");
        assertEquals(NotifyCommand.SOME_NOT_ACCEPTED, mgcp.code(), mgcp.out() + mgcp.err());
        assertTrue(mgcp.out().contains("00:14:7F:77:01:01") && mgcp.out().contains("SIP only"), mgcp.out());
        assertTrue(mgcp.out().contains("0 accepted, 0 rejected, 0 no answer, 2 skipped"), mgcp.out());
        // Outside the lab, 10.77.0.1 (suite.check_sync_source) is not an address of this host.
        Run unbound = cli("notify", "--config", lab, "--mac", "00:14:7F:77:00:01");
        assertEquals(1, unbound.code(), unbound.out() + unbound.err());
        assertTrue(unbound.err().contains("10.77.0.1") && unbound.err().contains("check_sync_source"), unbound.err());
        assertTrue(Files.notExists(repo().resolve("examples/lab/state/events")), "a refused bind leaves no state behind");
    }

    @Test
    void aDamagedLeaseStoreStopsTheStartAndIsNeverReset() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(dir.resolve("state"));
        Path cfg = dir.resolve("phoneprov.yaml");
        Files.writeString(cfg, """
                suite: {address: 127.0.0.1}
                paths: {files: files, state: state}
                httpd: {enabled: false}
                dhcpd:
                  bind: 127.0.0.1
                  port: 16767
                  subnets: [{subnet: 127.88.0.0/16, pools: ["127.88.1.1-127.88.1.9"]}]
                """);
        byte[][] damaged = {
                "not a database at all".getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOf("SQLite format 3\0".getBytes(StandardCharsets.ISO_8859_1), 3000)};
        for (byte[] bytes : damaged) {
            Path db = dir.resolve("state/leases.db");
            Files.write(db, bytes);
            Run r = cli("run", "--config", cfg.toString(), "--only", "dhcpd");
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue((r.out() + r.err()).contains("is corrupt or truncated") && (r.out() + r.err())
                    .contains("will not reset or overwrite it"), r.out() + r.err());
            assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(db)), "the damaged file is left as it was");
        }
    }
}
