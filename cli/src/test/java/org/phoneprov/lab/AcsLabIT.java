package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * acsd (issue 16) against phonesim's CWMP CPE, two sides written apart from TR-069 alone: the
 * lab's phones boot (DHCP, TFTP/HTTP), each informs the suite's ACS with digest authentication
 * ("0 BOOTSTRAP", "1 BOOT"), and the ACS sets its SIP account as TR-104 parameters from the
 * inventory; each phone's saved parameter tree then holds exactly its inventory account.
 */
class AcsLabIT {
    static LabNet net;
    static Path work;
    static Path config;
    static PhoneprovProcess server;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "java");
        work = Files.createTempDirectory("phoneprov-acslab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        config = work.resolve("phoneprov.yaml");
        Files.writeString(config, Files.readString(config) + "\nacsd:\n  enabled: true\n  bind: 10.77.0.1\n"
                + "  port: 7547\n  periodic_inform_interval: 60\n");
        // Each phone's ManagementServer password: the inventory's http_password (user: its MAC).
        Path devices = work.resolve("devices.yaml");
        StringBuilder out = new StringBuilder();
        String mac = null;
        for (String line : Files.readAllLines(devices)) {
            if (line.trim().startsWith("- mac: ")) {
                mac = line.trim().substring("- mac: ".length()).replace(":", "").toLowerCase(java.util.Locale.ROOT);
            }
            if (line.trim().equals("lines:") && mac != null) {
                out.append("    http_password: \"cpe-").append(mac).append("\"\n");
            }
            out.append(line).append('\n');
        }
        Files.writeString(devices, out.toString());
        net = LabNet.create();
        net.phoneLan(net.client);
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString());
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    static Sh.Result phoneprov(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--config", config.toString()));
        return Sh.run(Sh.in(net.server, cmd.toArray(String[]::new)), 120);
    }

    static String eventsOf(String mac) {
        return Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                config.toString(), "--mac", mac), 60).out();
    }

    static Path stateOf(Path phones, String hexMac) throws Exception {
        if (!Files.isDirectory(phones)) {
            return null; // simulate has not made it yet
        }
        try (Stream<Path> s = Files.walk(phones)) {
            return s.filter(p -> p.getFileName().toString().startsWith("cwmp-") && p.toString().contains(hexMac))
                    .findFirst().orElse(null);
        }
    }

    static boolean holds(Path phones, String hexMac, String text) throws Exception {
        Path f = stateOf(phones, hexMac);
        return f != null && Files.readString(f).contains(text);
    }

    static void await(String what, java.util.concurrent.Callable<Boolean> done) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!done.call()) {
            assertTrue(System.nanoTime() < end, "not within 60 s: " + what + "\n" + server.logText());
            Thread.sleep(250);
        }
    }

    @Test
    void thePhonesGetTheirInventoryAccountsAndASighupReachesExactlyTheChangedPhoneByConnectionRequest()
            throws Exception {
        Path phones = work.resolve("phones");
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", config.toString(), "--state", phones.toString(), "--phones", "8",
                "--cwmp", "http://10.77.0.1:7547/", "--stay", "60"));
        PhoneprovProcess sim = PhoneprovProcess.startCommand(net.client, work.resolve("simulate.log"),
                cmd.toArray(String[]::new));
        try {
            // Two sides written apart from TR-069: the ACS's account push lands in the CPE's tree.
            await("every phone holds its inventory account", () -> holds(phones, "00147F770001", "\"lab-1001\"")
                    && holds(phones, "00147F770002", "\"lab-1002\"") && holds(phones, "00147F770201", "\"lab-1201\""));
            assertTrue(holds(phones, "00147F770001", "\"1001\""), "and its number");
            Thread.sleep(1000); // the sessions end; the CPEs' connection-request listeners are up
            int before = server.logCount("acsd.connection_request");

            Path devices = work.resolve("devices.yaml");
            Files.writeString(devices, Files.readString(devices).replace("\"lab-1001\"", "\"lab-1001-changed\""));
            server.signal("HUP");
            server.awaitLog("acsd.connection_request mac=00:14:7F:77:00:01", 30);
            assertTrue(server.logText().contains("result=accepted"), "the phone accepted the digest-authenticated"
                    + " connection request: " + server.logText());
            await("the changed password reaches the phone", () -> holds(phones, "00147F770001",
                    "\"lab-1001-changed\""));
            Thread.sleep(1000);
            assertEquals(before + 1, server.logCount("acsd.connection_request"), "exactly that phone is asked: "
                    + server.logText());
            assertTrue(holds(phones, "00147F770002", "\"lab-1002\""), "the others keep theirs");

            // Tasks from the command line: queued in acsd's store, started by a connection request.
            Sh.Result get = phoneprov("acs", "get", "--mac", "00:14:7F:77:00:02",
                    "Device.ManagementServer.PeriodicInformInterval");
            assertEquals(0, get.code(), get.out() + get.err() + server.logText());
            assertTrue(get.out().contains("connection request") && get.out().contains("done"), get.out());
            Sh.Result reboot = phoneprov("acs", "reboot", "--mac", "00:14:7F:77:00:02");
            assertEquals(0, reboot.code(), reboot.out() + reboot.err() + server.logText());
            assertTrue(reboot.out().contains("done"), reboot.out());
            long fetched = eventsOf("00:14:7F:77:00:01").lines().filter(l -> l.contains("v2030SG")).count();
            Sh.Result download = phoneprov("acs", "download", "--mac", "00:14:7F:77:00:01", "--wait", "90");
            assertEquals(0, download.code(), "the catalog firmware, fetched from httpd, TransferComplete matched: "
                    + download.out() + download.err() + server.logText());
            assertTrue(download.out().contains("done"), download.out());
            assertTrue(eventsOf("00:14:7F:77:00:01").lines().filter(l -> l.contains("v2030SG")).count() > fetched,
                    "httpd served the firmware once more: " + eventsOf("00:14:7F:77:00:01"));
            await("the rebooted phone informs with M Reboot", () -> sim.logText().contains("M Reboot")
                    || server.logText().contains("M Reboot") || eventsOf("00:14:7F:77:00:02").contains("M Reboot"));
        } finally {
            sim.stop(60);
        }
        String report = sim.logText();
        assertTrue(report.contains("cwmp"), report);
        String line = report.lines().filter(l -> l.contains("00:14:7F:77:00:01")).findFirst().orElse("");
        assertTrue(line.contains("6 CONNECTION REQUEST"), "its second session was the connection request: " + line);
        Sh.Result events = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                config.toString(), "--mac", "00:14:7F:77:00:01"), 60);
        assertTrue(events.out().contains("acsd") && events.out().contains("ConnectionRequest"),
                "every RPC and the connection request are events: " + events.out());
        Sh.Result devices = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "acs", "devices",
                "--config", config.toString()), 60);
        assertEquals(0, devices.code(), devices.out() + devices.err());
        assertEquals(9, devices.out().lines().count(), "a header and the 8 phones: " + devices.out());
        String one = devices.out().lines().filter(l -> l.startsWith("00:14:7F:77:00:01")).findFirst().orElse("");
        assertTrue(one.contains("7 TRANSFER COMPLETE") && one.contains("M Download") && one.contains("Device.")
                && one.contains("0 failed"), "its last session reported the download: " + one);
        System.out.println("AcsLabIT: " + line + "\n" + devices.out());
    }
}
