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
 * Issue 16's lab at its size: 100 phones of an inventory boot at once, each one informs acsd
 * (digest) and gets its own account as TR-104 parameters; acsd lists all of them.
 */
class AcsHundredLabIT {
    static final int PHONES = 100;
    static LabNet net;
    static Path work;
    static Path config;
    static PhoneprovProcess server;

    static String mac(int i) {
        return String.format("02:CC:00:00:%02X:%02X", i >> 8, i & 0xFF);
    }

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "java");
        work = Files.createTempDirectory("phoneprov-acs100-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        config = work.resolve("phoneprov.yaml");
        Files.writeString(config, Files.readString(config) + "\nacsd:\n  enabled: true\n  bind: 10.77.0.1\n"
                + "  port: 7547\n  periodic_inform_interval: 300\n");
        StringBuilder inv = new StringBuilder("devices:\n");
        for (int i = 1; i <= PHONES; i++) {
            inv.append("  - mac: ").append(mac(i)).append("\n    model: ").append(i % 2 == 0 ? "ST2030S" : "ST2022M")
                    .append("\n    http_password: \"cpe-").append(i).append("\"\n    lines:\n      - {number: \"")
                    .append(5000 + i).append("\", display_name: \"Phone ").append(i).append("\", password: \"pw-")
                    .append(i).append("\", registrar: 10.77.0.1}\n");
        }
        Files.writeString(work.resolve("devices.yaml"), inv.toString());
        net = LabNet.create();
        net.phoneLan(net.client);
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config", config.toString());
        server.awaitLog("suite.started", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    @Test
    void aHundredPhonesInformAndEachGetsItsOwnAccount() throws Exception {
        Path phones = work.resolve("phones");
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "simulate",
                "--config", config.toString(), "--state", phones.toString(), "--phones", Integer.toString(PHONES),
                "--spread", "5", "--cwmp", "http://10.77.0.1:7547/", "--stay", "5"));
        Sh.Result r = Sh.run(Sh.in(net.client, cmd.toArray(String[]::new)), 300);
        assertEquals(0, r.code(), r.out() + r.err() + server.logText());
        assertTrue(r.out().contains("provisioned:  " + PHONES + " of " + PHONES), r.out());
        List<String> wrong = new ArrayList<>();
        for (int i = 1; i <= PHONES; i++) {
            String hex = mac(i).replace(":", "");
            Path state;
            try (Stream<Path> s = Files.walk(phones)) {
                state = s.filter(p -> p.getFileName().toString().startsWith("cwmp-") && p.toString().contains(hex))
                        .findFirst().orElse(null);
            }
            String text = state == null ? "" : Files.readString(state);
            if (!text.contains("\"pw-" + i + "\"") || !text.contains("\"" + (5000 + i) + "\"")) {
                wrong.add(mac(i));
            }
        }
        assertEquals(List.of(), wrong, "every phone holds its own account");
        Sh.Result devices = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "acs", "devices",
                "--config", config.toString()), 60);
        assertEquals(PHONES + 1, devices.out().lines().count(), devices.out());
        assertEquals(0, devices.out().lines().filter(l -> l.contains(" 1 failed") || l.contains(" queued,")
                && !l.contains("0 queued")).count(), devices.out());
        System.out.println("AcsHundredLabIT: " + r.out().lines().filter(l -> l.contains("provisioned:")).findFirst()
                .orElse(""));
    }
}
