package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * sipd end to end with sipp playing the phones: multicast plug-and-play SUBSCRIBEs (Gigaset
 * seed, "SIP-Multicast mechanism") from the ports phones really use, silence for who is
 * not allowed, and {@code phoneprov notify} check-sync (APS seed 3.4) from the trusted
 * source with digest authentication, reboot, and a 500-phone group send spread over its span.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipLabIT {
    static final String SNOM_MAC = "000413a1b2c3";
    /** Gigaset's Maxwell 3 trace MAC, its last byte replaced per phone port. */
    static final String GIGASET_MAC = "7C2F8030D21E";
    /** The product name first (Gigaset wiki); the N720's HTTP User-Agent without the ";MAC" (sipp's field separator). */
    static final String N720_AGENT = "Gigaset N720 DM PRO/70.089.00.000.000";
    static LabNet net;
    static Path work;
    static PhoneprovProcess server;
    static PhoneprovProcess pbx;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "sipp", "tcpdump", "java");
        work = Files.createTempDirectory("phoneprov-siplab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        for (String f : List.of("pnp-subscribe.xml", "pnp-gigaset.xml", "pnp-silent.xml", "checksync-phone.xml",
                "checksync-many.xml")) {
            try (var in = SipLabIT.class.getResourceAsStream("/lab/sip/" + f)) {
                Files.write(work.resolve(f), in.readAllBytes());
            }
        }
        net = LabNet.create();
        net.in(net.client, "ip", "route", "add", "224.0.0.0/4", "dev", "eth0");
        // A PBX already holding 10.77.0.1:5060 on this host: sipd must share the port with it.
        pbx = PhoneprovProcess.startCommand(net.server, work.resolve("pbx.log"),
                "sipp", "-sn", "uas", "-i", LabNet.SERVER_IP, "-p", "5060", "-nostdin");
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config",
                work.resolve("phoneprov.yaml").toString(), "--only", "sipd");
        server.awaitLog("sipd.listening", 60);
        assertTrue(pbx.alive(), "the PBX on 10.77.0.1:5060 still runs");
    }

    @AfterAll
    static void stopLab() throws Exception {
        for (PhoneprovProcess p : new PhoneprovProcess[] {server, pbx}) {
            if (p != null) {
                p.close();
            }
        }
        if (net != null) {
            net.close();
        }
        LabNet.deleteTree(work);
    }

    static String log() {
        return server.logText();
    }

    /**
     * Runs a sipp phone scenario once from {@code ns}, {@code ip}:{@code port}, towards 224.0.1.75:5060; returns its
     * log. {@code fields} are the scenario's -inf fields, the MAC first.
     */
    static String sippPnp(String ns, String ip, int port, String scenario, String mac, String... fields)
            throws IOException {
        Path inf = work.resolve("phone-" + port + "-" + mac + ".csv");
        String row = fields.length == 0 ? mac : mac + ";" + String.join(";", fields);
        Files.writeString(inf, "SEQUENTIAL\n" + row + "\n");
        Path logFile = work.resolve("sipp-" + port + "-" + mac + ".log");
        Sh.Result r = Sh.run(Sh.in(ns, "sipp", "-sf", work.resolve(scenario).toString(), "-inf", inf.toString(),
                "-i", ip, "-p", Integer.toString(port), "-m", "1", "-nostdin", "-timeout", "15s", "-timeout_error",
                "-trace_logs", "-log_file", logFile.toString(), "224.0.1.75:5060"), 30);
        String out = Files.exists(logFile) ? Files.readString(logFile) : "";
        assertEquals(0, r.code(), () -> "sipp " + scenario + " failed: " + r.out() + r.err() + out + "\n" + log());
        return out;
    }

    static String field(String line, String name) {
        Matcher m = Pattern.compile(name + "=(.*?)( [a-z]+=|$)").matcher(line);
        assertTrue(m.find(), () -> name + " missing in " + line);
        return m.group(1).trim();
    }

    static String pnpLine(String sippLog) {
        return sippLog.lines().filter(l -> l.contains("PNP call=")).findFirst().orElseThrow(() -> new AssertionError(
                "no NOTIFY logged: " + sippLog));
    }

    @Test
    @Order(1)
    void gigasetSubscribeWithoutVendorFromEveryPhonePortGetsItsProfileUrl() throws Exception {
        int n = 0;
        for (int port : new int[] {1053, 5059, 5080, 5060}) {
            String mac = GIGASET_MAC.substring(0, 10) + String.format("%02X", ++n);
            String line = pnpLine(sippPnp(net.client, LabNet.CLIENT_IP, port, "pnp-gigaset.xml", mac, N720_AGENT));
            // The NOTIFY reached sipp's own port (it listens only there) with the profile httpd serves for it.
            assertEquals("http://10.77.0.1/gigaset/" + mac + ".xml", field(line, "url"), line);
            assertTrue(field(line, "ntype").equalsIgnoreCase("application/url"), line);
            assertEquals("terminated;reason=timeout", field(line, "nstate").replace(" ", ""), line);
            assertTrue(field(line, "nevent").startsWith("ua-profile"), line);
            assertEquals("0", field(line, "okexpires"), line);
            String okTo = field(line, "okto");
            Matcher tag = Pattern.compile("tag=([^;>\\s]+)").matcher(okTo);
            assertTrue(tag.find(), "200 adds a To tag: " + line);
            assertTrue(field(line, "nfrom").contains("tag=" + tag.group(1)), "NOTIFY From is the dialog's To: " + line);
            assertTrue(field(line, "nto").contains("tag=ph"), "NOTIFY To is the phone's From with its tag: " + line);
        }
        assertTrue(pbx.alive(), "the PBX keeps running beside sipd");
    }

    @Test
    @Order(2)
    void aGigasetSayingVendorOemWithALowerCaseMacIsAnsweredAndASnomIsNot() throws Exception {
        String line = pnpLine(sippPnp(net.client, LabNet.CLIENT_IP, 5062, "pnp-subscribe.xml", "7c2f804df9a9", "OEM",
                "OEM", "N510 IP PRO/42.245.00.000.000"));
        assertEquals("http://10.77.0.1/gigaset/7C2F804DF9A9.xml", field(line, "url"), "the profile's name: " + line);
        // examples/lab has no Snom rule any more: nothing the suite serves is a Snom's file.
        String snom = sippPnp(net.client, LabNet.CLIENT_IP, 5063, "pnp-silent.xml", SNOM_MAC, "OEM", "OEM");
        assertTrue(snom.contains("SILENT") && !snom.contains("ANSWERED"), "a Snom gets silence\n" + snom);
    }

    @Test
    @Order(3)
    void aSubnetOrVendorThatIsNotAllowedGetsNothing() throws Exception {
        String far = net.host(net.namespace("far"), "192.168.77.5/24");
        net.in(far, "ip", "route", "add", "224.0.0.0/4", "dev", "eth0");
        String out = sippPnp(far, "192.168.77.5", 1053, "pnp-silent.xml", GIGASET_MAC, "OEM", "OEM");
        assertTrue(out.contains("SILENT") && !out.contains("ANSWERED"), "outside 10.77.0.0/16: silence\n" + out);
        String other = sippPnp(net.client, LabNet.CLIENT_IP, 1054, "pnp-silent.xml", SNOM_MAC, "acme", "x1");
        assertTrue(other.contains("SILENT") && !other.contains("ANSWERED"), "a vendor with no rule: silence\n" + other);
        assertTrue(server.alive());
    }

    /** Runs the check-sync phone (sipp UAS) at {@code address}:5060 in the client namespace while notify runs. */
    static String[] notifyAgainstPhone(String address, String user, String password, String... notifyArgs)
            throws Exception {
        Path scenario = work.resolve("phone-" + address + ".xml");
        Files.writeString(scenario, Files.readString(work.resolve("checksync-phone.xml"))
                .replace("@USER@", user).replace("@PASSWORD@", password));
        Path phoneLog = work.resolve("phone-" + address + "-" + System.nanoTime() + ".log");
        Path pcap = work.resolve("phone-" + System.nanoTime() + ".txt");
        PhoneprovProcess dump = PhoneprovProcess.startCommand(net.client, pcap, "tcpdump", "-l", "-n", "-i", "eth0",
                "udp", "and", "dst", "host", address, "and", "dst", "port", "5060");
        CompletableFuture<Sh.Result> phone = CompletableFuture.supplyAsync(() -> Sh.run(Sh.in(net.client, "sipp", "-sf",
                scenario.toString(), "-i", address, "-p", "5060", "-m", "1", "-nostdin", "-timeout", "30s",
                "-trace_logs", "-log_file", phoneLog.toString()), 60));
        Thread.sleep(700);
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "notify",
                "--config", work.resolve("phoneprov.yaml").toString()));
        cmd.addAll(List.of(notifyArgs));
        Sh.Result notify = Sh.run(Sh.in(net.server, cmd.toArray(String[]::new)), 60);
        Sh.Result sipp = phone.get();
        Thread.sleep(300);
        dump.close();
        String phoneSaw = Files.exists(phoneLog) ? Files.readString(phoneLog) : "";
        return new String[] {notify.out() + notify.err(), phoneSaw + sipp.out() + sipp.err(), Files.readString(pcap),
                Integer.toString(notify.code())};
    }

    @Test
    @Order(4)
    void checkSyncComesFromTheTrustedSourceAndAnswersTheChallenge() throws Exception {
        net.in(net.client, "ip", "addr", "add", "10.77.1.1/16", "dev", "eth0");
        String[] r = notifyAgainstPhone("10.77.1.1", "1001", "lab-1001", "--mac", "00:14:7F:77:00:01");
        assertEquals("0", r[3], () -> "notify: " + r[0] + "\nphone: " + r[1]);
        assertTrue(r[0].contains("00:14:7F:77:00:01") && r[0].contains("accepted"), r[0]);
        assertTrue(r[1].matches("(?s).*NOTIFY1 event= ?check-sync via=.*"), "plain check-sync without --reboot: " + r[1]);
        assertTrue(r[1].contains("authvalid=true"), "sipp verified our digest answer: " + r[1]);
        // APS seed 3.4: the phone ignores NOTIFYs from anyone but AuthNotifyCheckSync (10.77.0.1 in the lab).
        List<String> sent = r[2].lines().filter(l -> l.contains(" > 10.77.1.1.5060")).toList();
        assertEquals(2, sent.size(), "the NOTIFY and its authenticated retry: " + r[2]);
        assertTrue(sent.stream().allMatch(l -> l.contains("IP 10.77.0.1.")), r[2]);
    }

    @Test
    @Order(5)
    void rebootSetsTheParameterAndAWrongPasswordIsRejected() throws Exception {
        String[] r = notifyAgainstPhone("10.77.1.1", "1001", "lab-1001", "--mac", "00147f770001", "--reboot");
        assertEquals("0", r[3], () -> r[0] + r[1]);
        assertTrue(r[1].matches("(?s).*NOTIFY1 event= ?check-sync;reboot=true via=.*"), r[1]);
        String[] wrong = notifyAgainstPhone("10.77.1.1", "1001", "not-the-password", "--mac", "00:14:7F:77:00:01");
        assertTrue(wrong[1].contains("authvalid=false"), wrong[1]);
        assertTrue(wrong[0].contains("rejected") && wrong[0].contains("403"), wrong[0]);
        assertFalse("0".equals(wrong[3]), "a phone that did not accept makes a non-zero exit: " + wrong[0]);
    }

    @Test
    @Order(6)
    void notifyAllSpreadsFiveHundredPhonesOverTheSpan() throws Exception {
        StringBuilder inv = new StringBuilder("devices:\n");
        for (int i = 0; i < 500; i++) {
            inv.append(String.format("  - {mac: \"00:14:7F:AA:%02X:%02X\", model: ST2030S, address: 10.77.%d.%d,"
                    + " lines: [{number: \"%d\", registrar: 10.77.0.1}]}%n", i / 256, i % 256, 100 + i / 250, 1 + i % 250, 5000 + i));
        }
        Files.writeString(work.resolve("devices500.yaml"), inv.toString());
        Files.writeString(work.resolve("phoneprov500.yaml"), Files.readString(work.resolve("phoneprov.yaml"))
                .replace("inventory: devices.yaml", "inventory: devices500.yaml")
                .replace("span: 10 ", "span: 5 ").replace("rate: 100 ", "rate: 1000 "));
        // One namespace answers for all 500 addresses: a local route makes them its own.
        net.in(net.client, "ip", "route", "add", "local", "10.77.100.0/23", "dev", "lo");
        Path pcap = work.resolve("many.txt");
        PhoneprovProcess dump = PhoneprovProcess.startCommand(net.client, pcap, "tcpdump", "-l", "-n", "-tt", "-i",
                "eth0", "udp", "and", "dst", "port", "5060", "and", "src", "host", "10.77.0.1");
        PhoneprovProcess phones = PhoneprovProcess.startCommand(net.client, work.resolve("many-sipp.log"), "sipp",
                "-sf", work.resolve("checksync-many.xml").toString(), "-p", "5060", "-m", "500", "-nostdin");
        Thread.sleep(700);
        Sh.Result notify = Sh.run(Sh.in(net.server, "java", "-jar", PhoneprovProcess.jar().toString(), "notify",
                "--config", work.resolve("phoneprov500.yaml").toString(), "--all"), 120);
        Thread.sleep(300);
        dump.close();
        phones.close();
        assertEquals(0, notify.code(), notify.out() + notify.err());
        assertTrue(notify.out().contains("500 accepted"), notify.out());
        Map<String, Double> firstSend = new TreeMap<>();
        Pattern p = Pattern.compile("^(\\d+\\.\\d+) IP 10\\.77\\.0\\.1\\.\\d+ > (10\\.77\\.\\d+\\.\\d+)\\.5060");
        for (String l : Files.readString(pcap, StandardCharsets.UTF_8).lines().toList()) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                firstSend.putIfAbsent(m.group(2), Double.parseDouble(m.group(1)));
            }
        }
        assertEquals(500, firstSend.size(), "one NOTIFY to each phone");
        List<Double> times = firstSend.values().stream().sorted().toList();
        double spread = times.get(499) - times.get(0);
        // span 5 s over 500 phones: one every 10 ms, the last at 4.99 s.
        assertTrue(spread > 4.5 && spread < 6.5, "sends spread over the 5 s span, not " + spread + " s");
        int inFirstSecond = (int) times.stream().filter(t -> t < times.get(0) + 1.0).count();
        assertTrue(inFirstSecond < 130, "no burst at the start: " + inFirstSecond + " sends in the first second");
    }

    @Test
    @Order(7)
    void sigtermStopsCleanlyAndEveryAnswerIsAnEvent() throws Exception {
        assertEquals(0, server.stop(15), log());
        assertFalse(log().contains("\tat ") || log().contains("Exception in"), "no stack traces: " + log());
        assertTrue(log().contains("sipd.pnp_silence reason=NOT_ALLOWED_SUBNET from=192.168.77.5:1053"), log());
        Sh.Result events = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--config",
                work.resolve("phoneprov.yaml").toString(), "--last", "2000"), 60).ok();
        assertTrue(events.out().lines().anyMatch(l -> l.contains("PNP") && l.contains("7C:2F:80:30:D2:01")
                && l.contains("/gigaset/7C2F8030D201.xml")), events.out());
        assertTrue(events.out().lines().anyMatch(l -> l.contains("NOTIFY") && l.contains("00:14:7F:77:00:01")
                && l.contains("accepted")), events.out());
        assertFalse(events.out().contains("lab-1001"), "no secrets in events");
    }
}
