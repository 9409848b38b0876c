package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole boot, end to end: the suite (dhcpd, tftpd, httpd, sipd) in the server
 * namespace, simulated ST20xx phones ({@code phoneprov simulate}) in the phones'
 * namespace, each phone on the address it leased. Phones of all four models provision over
 * TFTP and over HTTP, a second boot downloads nothing new, a changed password reaches
 * exactly that phone after {@code phoneprov notify}, a check-sync from an untrusted address
 * is ignored, and a missing INF shows "Gen File Not Found" (APS seed 2.2–2.6, 3.4).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneLabIT {
    /** Classes the test adds in front of the lab's: any model over either transport, and a broken INF name. */
    static final String TEST_CLASSES = """
            classes:
              sim-tftp:                        # test phones 02:54:46:... provision over TFTP
                match: {oui: ["02:54:46"]}
                dhcp: {provision: tftp}
              sim-http:                        # test phones 02:48:54:... provision over HTTP
                match: {oui: ["02:48:54"]}
                dhcp: {provision: http}
              sim-broken:                      # told an INF that does not exist
                match: {oui: ["02:47:46"]}
                dhcp:
                  provision: tftp
                  options: [{code: 67, type: string, value: "NoSuch.inf"}]
            """;
    static LabNet net;
    static Path work;
    static Path config;
    static Path phones;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "sipp", "java");
        work = Files.createTempDirectory("phoneprov-phonelab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        config = work.resolve("phoneprov.yaml");
        Files.writeString(config, Files.readString(config).replace("classes:", TEST_CLASSES.strip()));
        Files.write(work.resolve("spoofed-notify.xml"),
                PhoneLabIT.class.getResourceAsStream("/lab/sip/spoofed-notify.xml").readAllBytes());
        phones = work.resolve("phones");
        net = LabNet.create();
        // The phones' namespace: DHCP broadcasts need a route, and the lease ranges are made
        // local so every simulated phone sends from (and answers ARP for) its own address.
        net.phoneLan(net.client);
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString());
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    static String log() {
        return server.logText();
    }

    static Sh.Result simulate(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", config.toString(), "--state", phones.toString(), "--every-phone"));
        cmd.addAll(List.of(args));
        return Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 120);
    }

    /** The report line of one phone: MAC, model, address, outcome, runs, reboots, time, requests. */
    static String line(String report, String mac) {
        return report.lines().filter(l -> l.trim().startsWith(mac)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + mac + " in\n" + report));
    }

    @Test
    @Order(1)
    void allFourModelsProvisionOverTftpAndOverHttp() {
        Sh.Result r = simulate("--mac", "02:54:46:00:00:01=ST2030S,02:54:46:00:00:02=ST2030M,"
                + "02:54:46:00:00:03=ST2022S,02:54:46:00:00:04=ST2022M,02:48:54:00:00:01=ST2030S,"
                + "02:48:54:00:00:02=ST2030M,02:48:54:00:00:03=ST2022S,02:48:54:00:00:04=ST2022M");
        assertEquals(0, r.code(), () -> r.out() + r.err() + log());
        for (int i = 1; i <= 4; i++) {
            String tftp = line(r.out(), "02:54:46:00:00:0" + i);
            assertTrue(tftp.contains("PROVISIONED") && tftp.contains("tftp=") && !tftp.contains("http="), tftp);
            String http = line(r.out(), "02:48:54:00:00:0" + i);
            assertTrue(http.contains("PROVISIONED") && http.contains("http=") && !http.contains("tftp="), http);
        }
        assertTrue(r.out().contains("provisioned:  8 of 8"), r.out());
    }

    @Test
    @Order(2)
    void theInventoryBootsAndItsSecondBootDownloadsNothingNew() throws Exception {
        Sh.Result first = simulate("--phones", "8");
        assertEquals(0, first.code(), () -> first.out() + first.err() + log());
        String s1 = line(first.out(), "00:14:7F:77:00:01");
        assertTrue(s1.contains("10.77.1.1") && s1.contains("1 reboot(s)"), "its fixed address, one upgrade reboot: " + s1);
        // The lab's ST2030S common config says VLAN=1, so after the upgrade reboot the phone asks for
        // options 190-192 and its class answers voice VLAN 100 (seed 4.3-4.5.1).
        assertTrue(s1.endsWith("vlan 100 (dhcp)"), s1);
        assertTrue(line(first.out(), "00:14:7F:77:01:01").endsWith("untagged"), first.out());
        Sh.Result second = simulate("--phones", "8");
        assertEquals(0, second.code(), () -> second.out() + second.err());
        // Seed 2.4.1/2.5.1: only the INF and the MAC config (and MGCP deck files, 2.1) are fetched again.
        assertTrue(line(second.out(), "00:14:7F:77:00:01").contains("1 run(s) 0 reboot(s)"), second.out());
        assertTrue(line(second.out(), "00:14:7F:77:00:01").contains("{http=2}"), second.out());
        assertTrue(line(second.out(), "00:14:7F:77:02:01").contains("{http=2}"), second.out());
        assertTrue(line(second.out(), "00:14:7F:77:01:01").contains("{tftp=5}"), "INF, MAC config, 3 decks: "
                + second.out());
        assertTrue(line(second.out(), "00:14:7F:77:03:01").contains("{tftp=3}"), "INF, MAC config, 1 deck: "
                + second.out());
        assertTrue(Files.readString(phones.resolve("ST2030S_00147F770001.json")).contains("lab-1001"));
    }

    @Test
    @Order(3)
    void aChangedPasswordReachesExactlyThatPhoneAndASpoofedCheckSyncIsIgnored() throws Exception {
        Path simLog = work.resolve("stay.log");
        PhoneprovProcess sim = PhoneprovProcess.startCommand(net.client, simLog, "java", "-jar",
                PhoneprovProcess.jar().toString(), "simulate", "--config", config.toString(), "--state",
                phones.toString(), "--phones", "8", "--stay", "60", "--every-phone");
        try {
            sim.awaitLog("8/8", 30);
            // A check-sync from an address the phones do not trust (AuthNotifyCheckSync=10.77.0.1).
            String attacker = net.host(net.namespace("spoof"), "10.77.0.66/16");
            Path spoofLog = work.resolve("spoof.log");
            Sh.run(Sh.in(attacker, "sipp", "-sf", work.resolve("spoofed-notify.xml").toString(), "-i", "10.77.0.66",
                    "-p", "5060", "-m", "1", "-nostdin", "-timeout", "15s", "-trace_logs", "-log_file",
                    spoofLog.toString(), "10.77.1.2:5060"), 30);
            String spoof = read(spoofLog);
            assertTrue(spoof.contains("IGNORED") && !spoof.contains("OBEYED"), "no answer to a spoofed NOTIFY: " + spoof);

            Path devices = work.resolve("devices.yaml");
            Files.writeString(devices, Files.readString(devices).replace("\"lab-1001\"", "\"rotated-1001\""));
            server.signal("HUP");
            server.awaitLog("config.reloaded", 20);
            Sh.Result notify = Sh.run(Sh.in(net.server, "java", "-jar", PhoneprovProcess.jar().toString(), "notify",
                    "--config", config.toString(), "--mac", "00:14:7F:77:00:01"), 60);
            assertEquals(0, notify.code(), () -> notify.out() + notify.err());
            sim.awaitLog("check-sync 00:14:7F:77:00:01", 20);
        } finally {
            sim.stop(30);
        }
        String out = read(simLog);
        Matcher m = Pattern.compile("check-sync 00:14:7F:77:00:01 ST2030S: PROVISIONED, config_sn (\\d+) -> (\\d+)")
                .matcher(out);
        assertTrue(m.find(), out);
        assertFalse(m.group(1).equals(m.group(2)), "a new config_sn was applied: " + out);
        assertEquals(1, out.lines().filter(l -> l.startsWith("check-sync ")).count(), "only that phone: " + out);
        assertTrue(out.contains("check-sync:   1 obeyed, 1 ignored"), out);
        assertTrue(Files.readString(phones.resolve("ST2030S_00147F770001.json")).contains("rotated-1001"));
        assertTrue(Files.readString(phones.resolve("ST2030S_00147F770002.json")).contains("lab-1002"));
        assertFalse(Files.readString(phones.resolve("ST2030S_00147F770002.json")).contains("rotated"));
    }

    @Test
    @Order(4)
    void aMissingInfShowsGenFileNotFound() {
        Sh.Result r = simulate("--mac", "02:47:46:00:00:01=ST2030M", "--retry-delay", "0.2");
        assertEquals(3, r.code(), () -> r.out() + r.err());
        assertTrue(line(r.out(), "02:47:46:00:00:01").contains("FAILED \"Gen File Not Found\""), r.out());
        assertTrue(r.out().contains("provisioned:  0 of 1"), r.out());
    }

    @Test
    @Order(5)
    void theSuiteStopsCleanly() throws Exception {
        assertEquals(0, server.stop(15), log());
        assertFalse(log().contains("\tat ") || log().contains("Exception in"), "no stack traces: " + log());
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
