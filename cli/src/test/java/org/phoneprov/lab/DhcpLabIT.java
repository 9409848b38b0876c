package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * dhcpd end to end in the lab with clients we did not write: udhcpc and dhclient on the
 * lab LAN, a client behind dhcrelay on a second subnet, dhcping for INFORM, perfdhcp
 * for load, and a kill -9 under load. The config is examples/lab (APS seed 2.4, 2.5, 4).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhcpLabIT {
    static LabNet net;
    static Path work;
    static PhoneprovProcess server;
    static String relay;
    static String site;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "udhcpc", "dhclient", "dhcrelay", "dhcping", "perfdhcp", "tcpdump", "java");
        work = Files.createTempDirectory("phoneprov-dhcplab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        for (String s : List.of("udhcpc.script", "dhclient.script")) {
            Path p = work.resolve(s);
            try (var in = DhcpLabIT.class.getResourceAsStream("/lab/" + s)) {
                Files.write(p, in.readAllBytes());
            }
            p.toFile().setExecutable(true);
        }
        net = LabNet.createBare();
        // A remote site behind a relay: site --(10.88.0.0/24)-- relay --(lab0)-- server.
        relay = net.host(net.namespace("rly"), "10.77.0.3/16");
        site = net.namespace("site");
        net.link(relay, "eth1", site, "eth0");
        net.in(relay, "ip", "addr", "add", "10.88.0.1/24", "dev", "eth1");
        net.in(net.server, "ip", "route", "add", "10.88.0.0/24", "via", "10.77.0.3");
        server = start("server.log");
    }

    static PhoneprovProcess start(String logName) throws Exception {
        PhoneprovProcess p = PhoneprovProcess.start(net.server, work.resolve(logName), "run", "--config",
                work.resolve("phoneprov.yaml").toString(), "--only", "dhcpd");
        p.awaitLog("dhcpd.listening", 60);
        return p;
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Runs udhcpc once in {@code ns} with {@code mac}; returns the variables its script saw. */
    static Map<String, String> udhcpc(String ns, String mac, String... extra) throws IOException {
        net.in(ns, "ip", "link", "set", "eth0", "address", mac);
        Path out = work.resolve("udhcpc-" + mac.replace(":", "") + ".env");
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>(List.of("env", "PHONEPROV_DHCP_OUT=" + out, "udhcpc", "-i", "eth0", "-f",
                "-q", "-n", "-t", "4", "-T", "1", "-s", work.resolve("udhcpc.script").toString()));
        cmd.addAll(List.of(extra));
        Sh.Result r = Sh.run(Sh.in(ns, cmd.toArray(String[]::new)), 30);
        assertEquals(0, r.code(), () -> "udhcpc failed: " + r.out() + r.err() + "\n" + server.logText());
        return env(out);
    }

    static Map<String, String> env(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    @Test
    @Order(1)
    void anSt2030sNamedByOption77GetsItsFixedAddressTheHttpInfUrlAndVlanOnlyWhenAsked() throws Exception {
        // The inventory's 00:14:7F:77:00:01 is an ST2030S with the fixed address 10.77.1.1.
        String ua = "0x4d:" + hex("Thomson ST2030S");
        Map<String, String> e = udhcpc(net.client, "00:14:7f:77:00:01", "-x", ua, "-O", "43", "-O", "190", "-O", "191",
                "-O", "192");
        assertEquals("10.77.1.1", e.get("ip"), e.toString());
        assertEquals(hex("http://10.77.0.1/ST2030S.inf"), e.get("opt43"), "seed 2.5: option 43 is the INF URL");
        assertEquals("01", e.get("opt190"));
        assertEquals("0064", e.get("opt191"));
        assertEquals("00c8", e.get("opt192"));
        assertEquals("10.77.0.1", e.get("router"));
        assertNull(e.get("tftp"), "an HTTP-provisioned class gets no TFTP server");

        Map<String, String> without = udhcpc(net.client, "00:14:7f:77:00:01", "-x", ua, "-O", "43");
        assertNull(without.get("opt190"), "seed 4.4: VLAN options only when requested in option 55");
        assertNull(without.get("opt191"));
        assertEquals(hex("http://10.77.0.1/ST2030S.inf"), without.get("opt43"));
    }

    @Test
    @Order(2)
    void anSt2022mNamedByOption60StringFormGetsTftpProvisioning() throws Exception {
        Path conf = work.resolve("dhclient.conf");
        Files.writeString(conf, """
                option st-tftp150 code 150 = array of ip-address;
                send vendor-class-identifier "0107Thomson0206ST20220304MGCP";
                request subnet-mask, routers, domain-name-servers, domain-name, vendor-encapsulated-options,
                        tftp-server-name, bootfile-name, st-tftp150;
                """);
        net.in(net.client, "ip", "link", "set", "eth0", "address", "02:22:00:00:00:01");
        Path out = work.resolve("dhclient.env");
        // dhclient runs its script with a clean environment: the output path goes into the script.
        Path script = work.resolve("dhclient-st2022m.script");
        Files.writeString(script, Files.readString(work.resolve("dhclient.script"))
                .replace("${PHONEPROV_DHCP_OUT:-/tmp/dhclient.env}", out.toString()));
        script.toFile().setExecutable(true);
        Sh.Result r = Sh.run(Sh.in(net.client, "dhclient", "-4", "-1", "-v",
                "-cf", conf.toString(), "-sf", script.toString(), "-pf",
                work.resolve("dhclient.pid").toString(), "-lf", work.resolve("dhclient.leases").toString(), "eth0"), 60);
        assertEquals(0, r.code(), () -> r.out() + r.err() + server.logText());
        Map<String, String> e = env(out);
        String ip = e.get("new_ip_address");
        assertTrue(ip != null && ip.startsWith("10.77.") && !ip.startsWith("10.77.0."), e.toString());
        assertEquals("10.77.0.1", e.get("new_tftp_server_name"), "option 66");
        assertEquals("ST2022M.inf", e.get("new_bootfile_name"), "option 67: the INF name httpd/tftpd serve");
        assertEquals("ST2022M.inf", e.get("new_filename"), "seed 4.2: the BOOTP file field too");
        assertEquals("10.77.0.1", e.get("new_st_tftp150"), "option 150");
        assertNull(e.get("new_vendor_encapsulated_options"), "no option 43 for a TFTP class");
        Sh.run(Sh.in(net.client, "dhclient", "-4", "-r", "-cf", conf.toString(), "-sf",
                script.toString(), "-pf", work.resolve("dhclient.pid").toString(), "-lf",
                work.resolve("dhclient.leases").toString(), "eth0"), 30);
    }

    @Test
    @Order(3)
    void aGenericPhoneGetsTheGenericClassOptions() throws Exception {
        Map<String, String> e = udhcpc(net.client, "02:99:00:00:00:01", "-O", "66", "-O", "160");
        assertEquals("10.77.0.1", e.get("tftp"), "option 66 of the generic-phone class");
        assertEquals(hex("http://10.77.0.1/"), e.get("opt160"));
        assertNull(e.get("opt43"));
    }

    @Test
    @Order(4)
    void aGigasetNotInTheInventoryGetsTheProfileFolderInOption114() throws Exception {
        // examples/lab's gigaset class (match: {vendor: gigaset}, provision: http); neither MAC is in the inventory.
        String folder = hex("http://10.77.0.1/gigaset");
        Map<String, String> n510 = udhcpc(net.client, "02:51:00:00:00:01", "-V", "Gigaset_N510_IP_PRO", "-O", "114",
                "-O", "43", "-O", "66");
        assertEquals(folder, n510.get("opt114"), "option 60 of an N510 IP PRO (docs/vendor-formats.md 4): " + n510);
        assertNull(n510.get("opt43"), "a Gigaset reads no INF");
        assertNull(n510.get("tftp"), "no option 66: the Gigaset class wins over generic-phone");

        Map<String, String> byOui = udhcpc(net.client, "7c:2f:80:51:00:02", "-O", "114", "-O", "66");
        assertEquals(folder, byOui.get("opt114"), "the 7C:2F:80 prefix, with udhcpc's own option 60: " + byOui);
        assertNull(byOui.get("tftp"));
    }

    @Test
    @Order(5)
    void aRelayedRequestIsAnsweredThroughTheRelayFromItsSubnet() throws Exception {
        Process relayProc = new ProcessBuilder(Sh.in(relay, "dhcrelay", "-4", "-d", "-q", "-id", "eth1", "-iu", "eth0",
                "10.77.0.1")).redirectErrorStream(true).redirectOutput(work.resolve("relay.log").toFile()).start();
        try {
            Thread.sleep(1000);
            Map<String, String> e = udhcpc(site, "02:88:00:00:00:01");
            String ip = e.get("ip");
            assertTrue(ip.startsWith("10.88.0."), "an address of the relayed subnet: " + e);
            int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
            assertTrue(last >= 100 && last <= 200, ip);
            assertEquals("10.88.0.1", e.get("router"));
        } finally {
            relayProc.destroyForcibly().waitFor();
        }
    }

    @Test
    @Order(6)
    void informGetsOptionsWithoutAnAddressOrLease() throws Exception {
        net.in(net.client, "ip", "link", "set", "eth0", "address", "02:99:00:00:00:05");
        net.in(net.client, "ip", "addr", "flush", "dev", "eth0");
        net.in(net.client, "ip", "addr", "add", "10.77.0.60/16", "dev", "eth0");
        Sh.Result r = Sh.run(Sh.in(net.client, "dhcping", "-i", "-V", "-t", "5", "-c", "10.77.0.60", "-s",
                "10.77.0.1", "-h", "02:99:00:00:00:05"), 30);
        net.in(net.client, "ip", "addr", "flush", "dev", "eth0");
        assertEquals(0, r.code(), () -> "dhcping -i: " + r.out() + r.err() + server.logText());
        assertTrue(r.out().contains("Got answer from: 10.77.0.1"), r.out());
        assertTrue(r.out().replace(" ", "").contains("yiaddr:0.0.0.0"), "no address given: " + r.out());
        assertFalse(r.out().contains("option 51"), "RFC 2131 4.3.5: no lease time in an INFORM reply: " + r.out());
    }

    @Test
    @Order(7)
    void releaseFreesTheAddress() throws Exception {
        // dhclient -r sends a real DHCPRELEASE (udhcpc -q -R exits without one).
        net.in(net.client, "ip", "link", "set", "eth0", "address", "02:99:00:00:00:07");
        Path conf = work.resolve("dhclient-release.conf");
        Files.writeString(conf, "request subnet-mask, routers;\n");
        Path out = work.resolve("dhclient-release.env");
        Path script = work.resolve("dhclient-release.script");
        Files.writeString(script, Files.readString(work.resolve("dhclient.script"))
                .replace("${PHONEPROV_DHCP_OUT:-/tmp/dhclient.env}", out.toString()));
        script.toFile().setExecutable(true);
        List<String> common = List.of("-cf", conf.toString(), "-sf", script.toString(), "-pf",
                work.resolve("dhclient-release.pid").toString(), "-lf", work.resolve("dhclient-release.leases").toString());
        List<String> get = new ArrayList<>(List.of("dhclient", "-4", "-1"));
        get.addAll(common);
        get.add("eth0");
        assertEquals(0, Sh.run(Sh.in(net.client, get.toArray(String[]::new)), 60).code());
        String ip = env(out).get("new_ip_address");
        List<String> release = new ArrayList<>(List.of("dhclient", "-4", "-r"));
        release.addAll(common);
        release.add("eth0");
        Sh.run(Sh.in(net.client, release.toArray(String[]::new)), 60);
        String line = "";
        String all = "";
        for (int i = 0; i < 20 && !line.contains("RELEASED"); i++) {
            all = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "leases", "--all", "--config",
                    work.resolve("phoneprov.yaml").toString()), 60).ok().out();
            line = all.lines().filter(l -> l.contains("02:99:00:00:00:07")).findFirst().orElse("");
            Thread.sleep(250);
        }
        assertTrue(line.contains(ip) && line.contains("RELEASED"), "after dhclient -r: " + all);
    }

    static String perfdhcp(int rate, int seconds, int clients) {
        // -W: after the last packet, wait 2 s for answers still on their way; without it the
        // exchange in flight when the period ends counts as a drop (seen once on a loaded machine).
        Sh.Result r = Sh.run(Sh.in(net.client, "perfdhcp", "-4", "-r", Integer.toString(rate), "-R",
                Integer.toString(clients), "-p", Integer.toString(seconds), "-W", "2000000", "10.77.0.1"),
                seconds + 60);
        return r.out() + r.err();
    }

    static long stat(String out, String section, String key) {
        int s = out.indexOf("***Statistics for: " + section + "***");
        assertTrue(s >= 0, "no " + section + " statistics in: " + out);
        String rest = out.substring(s);
        for (String line : rest.lines().toList()) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no '" + key + "' under " + section + " in: " + out);
    }

    @Test
    @Order(8)
    void perfdhcpForSixtySecondsAtASteadyRateLosesNothingAndNeverGivesAnAddressTwice() throws Exception {
        net.in(net.client, "ip", "addr", "flush", "dev", "eth0");
        net.in(net.client, "ip", "addr", "add", "10.77.0.2/16", "dev", "eth0");
        String out = perfdhcp(300, 60, 20_000);
        long sent = stat(out, "REQUEST-ACK", "sent packets");
        assertTrue(sent > 300 * 50, "a steady 60 s run: " + out);
        assertEquals(0, stat(out, "DISCOVER-OFFER", "drops"), out);
        assertEquals(0, stat(out, "REQUEST-ACK", "drops"), out);
        assertEquals(0, stat(out, "DISCOVER-OFFER", "non unique addresses"), out);
        assertEquals(0, stat(out, "REQUEST-ACK", "non unique addresses"), out);
        assertEquals(0, stat(out, "REQUEST-ACK", "rejected leases"), out);
    }

    @Test
    @Order(9)
    void afterKill9UnderLoadEveryAckedLeaseIsStillThere() throws Exception {
        Path pcap = work.resolve("acks.pcap");
        Process dump = new ProcessBuilder(Sh.in(net.client, "tcpdump", "-i", "eth0", "-U", "-n", "-w", pcap.toString(),
                "udp and src port 67")).redirectErrorStream(true).redirectOutput(work.resolve("tcpdump.log").toFile())
                .start();
        Thread.sleep(1000);
        Process load = new ProcessBuilder(Sh.in(net.client, "perfdhcp", "-4", "-r", "800", "-R", "30000", "-p", "30",
                "10.77.0.1")).redirectErrorStream(true).redirectOutput(work.resolve("perfdhcp-kill.log").toFile()).start();
        Thread.sleep(6000);
        server.kill9();
        Thread.sleep(500);
        load.destroyForcibly().waitFor();
        Sh.run(List.of("kill", "-INT", Long.toString(dump.pid())), 10);
        dump.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        dump.destroyForcibly();
        Map<Integer, String> acked = Pcap.acks(Files.readAllBytes(pcap));
        assertTrue(acked.size() > 500, "ACKs seen on the wire before the kill: " + acked.size());

        server = start("server-after-kill.log");
        Sh.Result leases = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "leases", "--all",
                "--config", work.resolve("phoneprov.yaml").toString()), 60).ok();
        Map<String, String> stored = new java.util.HashMap<>();
        leases.out().lines().skip(1).forEach(l -> {
            String[] f = l.trim().split("\\s+");
            stored.put(f[0], f[1]);
        });
        List<String> lost = new ArrayList<>();
        acked.forEach((address, mac) -> {
            String ip = ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF)
                    + "." + (address & 0xFF);
            if (!mac.equalsIgnoreCase(stored.get(ip))) {
                lost.add(ip + " " + mac + " (stored: " + stored.get(ip) + ")");
            }
        });
        assertEquals(List.of(), lost, "every ACKed lease survives kill -9 (" + acked.size() + " ACKs checked)");
    }

    @Test
    @Order(10)
    void sighupReloadsClassOptionsWithoutARestart() throws Exception {
        Path cfg = work.resolve("phoneprov.yaml");
        String text = Files.readString(cfg);
        assertTrue(text.contains("\"http://10.77.0.1/\""));
        Files.writeString(cfg, text.replace("\"http://10.77.0.1/\"", "\"http://10.77.0.1/v2/\""));
        server.signal("HUP");
        server.awaitLog("dhcpd.reloaded", 20);
        net.in(net.client, "ip", "addr", "flush", "dev", "eth0");
        Map<String, String> e = udhcpc(net.client, "02:99:00:00:00:09", "-O", "160");
        assertEquals(hex("http://10.77.0.1/v2/"), e.get("opt160"), "the reloaded class option is served");
        assertEquals(0, server.stop(15), server.logText());
        assertFalse(server.logText().contains("Exception"), server.logText());
    }
}
