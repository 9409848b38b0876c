package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * tftpd end to end with clients we did not write: tftp-hpa in lockstep, atftp with
 * blksize and windowsize, curl with --tftp-blksize; names as the APS seed writes them
 * (section 2.4.3: {@code C:\...}, {@code .\...}); traversal attempts; a 200-client storm.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TftpLabIT {
    static LabNet net;
    static Path work;
    static PhoneprovProcess server;
    static Path big;
    static Path mib;

    @BeforeAll
    static void startLab() throws Exception {
        LabNet.requireLab("ip", "tftp", "atftp", "curl", "java");
        work = Files.createTempDirectory("phoneprov-tftplab-");
        HttpLabIT.copyTree(PhoneprovProcess.repoRoot().resolve("examples/lab"), work);
        Files.writeString(work.resolve("secret-outside-root.txt"), "TOP-SECRET\n");
        Random r = new Random(42);
        big = work.resolve("files/big/firmware40.bin");
        Files.createDirectories(big.getParent());
        byte[] b = new byte[40 << 20];
        r.nextBytes(b);
        Files.write(big, b);
        mib = work.resolve("files/big/one.bin");
        byte[] m = new byte[1 << 20];
        r.nextBytes(m);
        Files.write(mib, m);
        Files.writeString(work.resolve("files/big/text.txt"), "line one\nline two\r\nlast\n");
        net = LabNet.create();
        server = PhoneprovProcess.start(net.server, work.resolve("server.log"), "run", "--config",
                work.resolve("phoneprov.yaml").toString(), "--only", "tftpd");
        server.awaitLog("tftpd.listening", 60);
    }

    @AfterAll
    static void stopLab() throws Exception {
        LabNet.tearDown(server, net, work);
    }

    static String log() {
        return server.logText();
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    static Path out(String name) throws IOException {
        Path o = work.resolve("out/" + name);
        Files.createDirectories(o.getParent());
        Files.deleteIfExists(o);
        return o;
    }

    static Sh.Result tftpHpa(String remote, Path local) {
        return Sh.run(Sh.in(net.client, "timeout", "120", "tftp", "-m", "binary", LabNet.SERVER_IP, "-c", "get", remote,
                local.toString()), 150);
    }

    /** atftp takes the remote name as given (tftp-hpa reads "C:\\x" as host C, file \\x). */
    static Sh.Result atftp(String remote, Path local) {
        return Sh.run(Sh.in(net.client, "timeout", "60", "atftp", "-g", "-r", remote, "-l", local.toString(),
                LabNet.SERVER_IP), 90);
    }

    @Test
    @Order(1)
    void tftpHpaLockstepFetchesA40MibFileAcrossTheBlockRollover() throws Exception {
        Path o = out("big-hpa.bin");
        Sh.Result r = tftpHpa("big/firmware40.bin", o);
        assertEquals(sha256(big), sha256(o), () -> "40 MiB at 512-byte blocks (81,920 blocks) " + r.out() + r.err() + log());
    }

    @Test
    @Order(2)
    void atftpWithBlksizeAndWindowsizeAndCurlWithBlksize() throws Exception {
        Path a = out("big-atftp.bin");
        Sh.Result ra = Sh.run(Sh.in(net.client, "timeout", "120", "atftp", "--option", "blksize 1468", "--option",
                "windowsize 16", "-g", "-r", "big/firmware40.bin", "-l", a.toString(), LabNet.SERVER_IP), 150);
        assertEquals(sha256(big), sha256(a), () -> "atftp windowsize 16: " + ra.out() + ra.err() + log());
        Path c = out("big-curl.bin");
        Sh.Result rc = Sh.run(Sh.in(net.client, "timeout", "120", "curl", "-sS", "--tftp-blksize", "1468", "-o",
                c.toString(), "tftp://" + LabNet.SERVER_IP + "/big/firmware40.bin"), 150);
        assertEquals(sha256(big), sha256(c), () -> "curl blksize 1468: " + rc.out() + rc.err() + log());
    }

    @Test
    @Order(3)
    void generatedFilesAndTheSeedsNameFormsAreServed() throws Exception {
        Path expected = work.resolve("expected.txt");
        Sh.Result render = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "render", "--config",
                work.resolve("phoneprov.yaml").toString(), "--mac", "00147F770001", "--transport", "tftp", "--file",
                "ST2030S_00147F770001.txt"), 60).ok();
        Files.writeString(expected, render.out());
        Path mac = out("mac.txt");
        tftpHpa("ST2030S_00147F770001.txt", mac);
        assertEquals(sha256(expected), sha256(mac), "the MAC config over TFTP is the rendered one");
        // APS seed 2.4.3: names as an INF writes them.
        Path inf = out("inf.txt");
        atftp("C:\\ST2030S_00147f770001.inf", inf);
        assertTrue(Files.readString(inf).contains("fw_filename=st2030/"), "TFTP INF names files: " + Files.readString(inf));
        Path deck = out("deck.thd");
        tftpHpa(".\\st2030\\decks\\main.thd", deck);
        assertEquals(sha256(work.resolve("files/st2030/decks/main.thd")), sha256(deck));
        Path upper = out("upper.zz");
        atftp("C:\\ST2030\\V2030SG.R11.1.090213.2.67.1.ZZ", upper);
        assertEquals(sha256(work.resolve("files/st2030/v2030SG.R11.1.090213.2.67.1.zz")), sha256(upper),
                "case_insensitive: true finds the file whatever its case");
    }

    @Test
    @Order(4)
    void netasciiConvertsLineEnds() throws Exception {
        Path o = out("text.txt");
        Sh.run(Sh.in(net.client, "timeout", "30", "tftp", "-m", "netascii", LabNet.SERVER_IP, "-c", "get",
                "big/text.txt", o.toString()), 60);
        assertEquals("line one\nline two\r\nlast\n", Files.readString(o), "netascii round trip through tftp-hpa");
    }

    @Test
    @Order(5)
    void traversalAttemptsNeverLeaveTheFilesRoot() throws Exception {
        List<String> corpus = List.of("../secret-outside-root.txt", "..\\secret-outside-root.txt",
                "C:\\..\\secret-outside-root.txt", ".\\..\\secret-outside-root.txt", "/../secret-outside-root.txt",
                "//../secret-outside-root.txt", "st2030/../../secret-outside-root.txt", "st2030\\..\\..\\secret-outside-root.txt",
                "C:..\\secret-outside-root.txt", "c:/../secret-outside-root.txt", "../phoneprov.yaml", "..\\devices.yaml",
                "../../../../etc/passwd", "..\\..\\..\\..\\etc\\passwd", "/etc/passwd", "\\etc\\passwd", "C:\\etc\\passwd",
                "big/../../secret-outside-root.txt", "./../secret-outside-root.txt", "..//secret-outside-root.txt",
                "..\\/secret-outside-root.txt", ".\\.\\..\\secret-outside-root.txt", "st2030/./../../devices.yaml",
                "%2e%2e/secret-outside-root.txt", "..%2fsecret-outside-root.txt", ".hidden", "st2030/../.././phoneprov.yaml",
                "D:\\..\\..\\phoneprov.yaml", "z:\\..\\devices.yaml", "C:/./../devices.yaml", "....//secret-outside-root.txt",
                "..../secret-outside-root.txt");
        assertTrue(corpus.size() >= 30);
        int i = 0;
        for (String attack : corpus) {
            Path o = out("attack-" + i++);
            tftpHpa(attack, o);
            String got = Files.exists(o) ? Files.readString(o) : "";
            assertFalse(got.contains("TOP-SECRET") || got.contains("password") || got.contains("root:"),
                    attack + " leaked: " + got);
        }
        Path ok = out("after.txt");
        tftpHpa("ST2030S.inf", ok);
        assertTrue(Files.size(ok) > 0, "the server keeps serving");
    }

    @Test
    @Order(6)
    void twoHundredClientsAtOnceEachFetchAOneMibFile() throws Exception {
        for (int i = 1; i <= 200; i++) {
            net.in(net.client, "ip", "addr", "add", "10.77.2." + i + "/16", "dev", "eth0");
        }
        String want = sha256(mib);
        List<Process> running = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            Path o = out("storm-" + i + ".bin");
            outs.add(o);
            running.add(new ProcessBuilder(Sh.in(net.client, "timeout", "120", "curl", "-sS", "--interface",
                    "10.77.2." + i, "--tftp-blksize", "1468", "-o", o.toString(),
                    "tftp://" + LabNet.SERVER_IP + "/big/one.bin")).redirectErrorStream(true)
                    .redirectOutput(work.resolve("storm-" + i + ".log").toFile()).start());
        }
        for (Process p : running) {
            assertTrue(p.waitFor(150, TimeUnit.SECONDS));
        }
        int good = 0;
        for (Path o : outs) {
            good += Files.exists(o) && sha256(o).equals(want) ? 1 : 0;
        }
        assertEquals(200, good, "every client of the storm got the identical file; " + log());
    }

    @Test
    @Order(7)
    void writesAreRefusedAndEveryTransferIsAnEvent() throws Exception {
        Path f = work.resolve("upload.txt");
        Files.writeString(f, "x");
        Sh.Result put = Sh.run(Sh.in(net.client, "timeout", "20", "tftp", LabNet.SERVER_IP, "-c", "put", f.toString(),
                "upload.txt"), 30);
        assertTrue((put.out() + put.err()).contains("Error code 2"), "a write is refused with ERROR 2: " + put.out() + put.err());
        assertEquals(0, server.stop(15), log());
        Sh.Result ev = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "events", "--last", "2000",
                "--config", work.resolve("phoneprov.yaml").toString()), 60).ok();
        assertTrue(ev.out().lines().anyMatch(l -> l.contains("tftpd") && l.contains("big/firmware40.bin")
                && l.contains("ok") && l.contains(Integer.toString(40 << 20))), ev.out());
        assertTrue(ev.out().lines().anyMatch(l -> l.contains("ST2030S_00147F770001.txt") && l.contains("00:14:7F:77:00:01")),
                "the device is named: " + ev.out());
        assertFalse(log().contains("Exception"), log());
    }
}
