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
        net.in(net.client, "ip", "route", "add", "255.255.255.255/32", "dev", "eth0");
        for (String r : List.of("10.77.1.0/24", "10.77.2.0/23", "10.77.4.0/22", "10.77.8.0/21", "10.77.16.0/20",
                "10.77.32.0/19", "10.77.64.0/18", "10.77.128.0/17")) {
            net.in(net.client, "ip", "route", "add", "local", r, "dev", "lo");
        }
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString());
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    @Test
    void theLabPhonesInformTheAcsAndGetTheirInventoryAccountsAsTr104Parameters() throws Exception {
        Path phones = work.resolve("phones");
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", config.toString(), "--state", phones.toString(), "--phones", "8",
                "--cwmp", "http://10.77.0.1:7547/", "--stay", "8"));
        Sh.Result r = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 180);
        assertEquals(0, r.code(), r.out() + r.err() + server.logText());
        List<Path> states;
        try (Stream<Path> s = Files.walk(phones)) {
            states = s.filter(p -> p.getFileName().toString().startsWith("cwmp-")).toList();
        }
        assertEquals(8, states.size(), "a CPE state per phone: " + states + "\n" + r.out());
        String first = Files.readString(states.stream().filter(p -> p.toString().contains("00147F770001"))
                .findFirst().orElseThrow(() -> new AssertionError("no state of 00:14:7F:77:00:01 in " + states)));
        assertTrue(first.contains("\"lab-1001\""), "the inventory's password reached the phone as AuthPassword: "
                + r.out() + "\n--- server:\n" + server.logText().lines().filter(l -> l.contains("acs"))
                .reduce("", (a, b) -> a + b + "\n"));
        assertTrue(first.contains("\"1001\""), "and its number: " + first);
        assertTrue(server.logText().contains("acsd"), server.logText());
        Sh.Result events = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                config.toString(), "--mac", "00:14:7F:77:00:01"), 60);
        assertTrue(events.out().contains("acsd"), "every RPC is an event: " + events.out());
        System.out.println("AcsLabIT: " + r.out().lines().filter(l -> l.contains("cwmp")).findFirst().orElse(""));
    }
}
