import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Writes the hand-made seed inputs of every fuzz target into its regression corpus
 * ({@code <module>/src/test/resources/<package>/<Class>Inputs/<method>/seed-*}): valid
 * packets as phones and clients send them (from the module tests), and known-hostile
 * ones. Inputs the fuzzer found live beside them under their hash names.
 *
 * <p>Run from the repository root: {@code java fuzz/Seeds.java}. Rewrites the seed-* files
 * only; the others are left alone.
 */
public class Seeds {
    static final String CRLF = "\r\n";

    public static void main(String[] args) throws IOException {
        dhcp();
        tftp();
        sip();
        http();
    }

    // ---------------------------------------------------------------- DHCP

    static void dhcp() throws IOException {
        Path decode = dir("dhcpd", "org/phoneprov/dhcpd/fuzz", "DhcpDecoderFuzzTest", "decode");
        Path process = dir("dhcpd", "org/phoneprov/dhcpd/fuzz", "DhcpProcessorFuzzTest", "process");
        byte[] thomson = hex("00147f770001");
        byte[] st2022m = hex("00147f770301");
        byte[] other = hex("020000000001");
        byte[][] valid = {
                // BusyBox udhcpc DISCOVER, byte for byte as in DhcpDecoderTest
                pad(dhcp(1, other, 0, 0, "3501 01 3d07 01020000000001 3902 0240 3707 0103060c0f1c2a"
                        + "3c0c 756468637020312e33362e31 0c07 7374323033306c ff"), 300),
                // ST2030S (option 77 "Thomson ST2030S"), asking for 43 and the VLAN options
                pad(dhcp(1, thomson, 0, 0, "3501 01 4d0f " + ascii("Thomson ST2030S")
                        + " 3709 01032b4243 96bebfc0 ff"), 300),
                // its REQUEST in SELECTING state: server id and requested address
                pad(dhcp(1, thomson, 0, 0, "3501 03 3604 0a4d0001 3204 0a4d0101 4d0f " + ascii("Thomson ST2030S")
                        + " 3709 01032b4243 96bebfc0 ff"), 300),
                // ST2022M, option 60 in the APS code/length/value string form (seed 2.4)
                pad(dhcp(1, st2022m, 0, 0, "3501 01 3c1d " + ascii("0107Thomson0206ST20220304MGCP")
                        + " 3705 0103424396 ff"), 300),
                // relayed through 10.88.0.1 with option 82 (circuit id, remote id, RFC 8357 source port)
                pad(dhcp(1, other, 0x0a580001, 0, "3501 01 3d07 01020000000001 520f 0104706f7274 0203726964 1300 ff"), 300),
                // INFORM from 10.77.0.60
                pad(dhcp(1, other, 0, 0x0a4d003c, "3501 08 3704 01032b42 ff"), 300),
                // RELEASE of 10.77.32.0
                pad(dhcp(1, other, 0, 0x0a4d2000, "3501 07 3604 0a4d0001 ff"), 300),
                // DECLINE of 10.77.32.1
                pad(dhcp(1, other, 0, 0, "3501 04 3604 0a4d0001 3204 0a4d2001 ff"), 300),
                // REQUEST renewing (ciaddr, no 50/54), max message size 1500
                pad(dhcp(1, thomson, 0, 0x0a4d0101, "3501 03 3902 05dc ff"), 300),
                // INIT-REBOOT REQUEST for an address outside every subnet: NAK
                pad(dhcp(1, other, 0, 0, "3501 03 3204 c0a80101 ff"), 300),
                // option overload (52 = 3): more options in the file and sname fields
                overload(),
                // option 77 split in two instances (RFC 3396), user class with 0xfe (custom options class)
                pad(dhcp(1, other, 0, 0, "3501 01 4d04 fe546573 4d03 743132 37ff "
                        + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                        + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                        + "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
                        + "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
                        + "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                        + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
                        + "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
                        + "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfe ff"), 300),
                // a Thomson OUI with no model hint, no END (the packet ends exactly after the options)
                dhcp(1, hex("00147f000099"), 0, 0, "3501 01 3d07 0100147f000099"),
        };
        String[] names = {"udhcpc-discover", "st2030s-discover", "st2030s-request", "st2022m-discover-opt60",
                "relayed-discover-opt82", "inform", "release", "decline", "renew", "init-reboot-nak", "overload",
                "long-option-user-class", "oui-no-end"};
        for (int i = 0; i < valid.length; i++) {
            write(decode, names[i], valid[i]);
            write(process, names[i], valid[i]);
        }
        byte[] good = valid[0];
        write(decode, "too-short", Arrays.copyOf(good, 239));
        write(decode, "reply-op", with(good, 0, 2));
        write(decode, "bad-hlen", with(good, 2, 17));
        write(decode, "hops", with(good, 3, 17));
        write(decode, "no-cookie", with(good, 236, 0));
        write(decode, "overrun", dhcp(1, other, 0, 0, "3501 01 0cff 4142"));
        write(decode, "no-end-lone-code", dhcp(1, other, 0, 0, "3501 01 0c"));
        write(decode, "duplicate-53", pad(dhcp(1, other, 0, 0, "3501 01 3501 03 ff"), 300));
        write(decode, "bad-overload", pad(dhcp(1, other, 0, 0, "3501 01 3401 04 ff"), 300));
        write(decode, "bad-length-50", pad(dhcp(1, other, 0, 0, "3501 01 3203 0a4d00 ff"), 300));
        write(decode, "bootp", pad(dhcp(1, other, 0, 0, "ff"), 300));
    }

    static byte[] overload() {
        byte[] p = pad(dhcp(1, hex("020000000002"), 0, 0, "3501 01 3401 03 ff"), 300);
        byte[] file = hex("2b05 a1a2a3a4a5 4308 " + ascii("boot.inf") + " ff");
        byte[] sname = hex("0c04 " + ascii("host") + " ff");
        System.arraycopy(file, 0, p, 108, file.length);
        System.arraycopy(sname, 0, p, 44, sname.length);
        return p;
    }

    /** A BOOTREQUEST (op), Ethernet, xid 0x1a2b3c4d, with giaddr/ciaddr, cookie and the options given in hex. */
    static byte[] dhcp(int op, byte[] mac, int giaddr, int ciaddr, String options) {
        byte[] h = new byte[236];
        h[0] = (byte) op;
        h[1] = 1;
        h[2] = 6;
        h[3] = (byte) (giaddr != 0 ? 1 : 0);
        h[4] = 0x1a; h[5] = 0x2b; h[6] = 0x3c; h[7] = 0x4d;
        put32(h, 12, ciaddr);
        put32(h, 24, giaddr);
        System.arraycopy(mac, 0, h, 28, mac.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.writeBytes(hex("63825363"));
        out.writeBytes(hex(options));
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- TFTP

    static void tftp() throws IOException {
        Path decode = dir("tftpd", "org/phoneprov/tftpd/fuzz", "TftpDecoderFuzzTest", "decode");
        Path transfer = dir("tftpd", "org/phoneprov/tftpd/fuzz", "TftpTransferFuzzTest", "transfer");
        Path name = dir("tftpd", "org/phoneprov/tftpd/fuzz", "TftpNameFuzzTest", "mapName");
        byte[] rrqOptions = rrq("ST2030S.inf", "octet", "blksize", "1428", "tsize", "0", "windowsize", "16", "timeout", "3");
        byte[][] packets = {
                rrq("ST2030S_00147FE147B3.txt", "octet"),
                rrqOptions,
                rrq("C:\\ip_phones\\mgcp\\st2030\\v100.zz", "netascii", "blksize", "512"),
                rrq("ST2030S.inf", "OCTET", "BlkSize", "65464", "TSIZE", "0", "WindowSize", "65535", "timeout", "255",
                        "multicast", ""),
                cat(op(2), str("upload.txt"), str("octet")),
                cat(op(3), u16(1), ascii("[sys]\nConfig_sn=42\n").getBytes(StandardCharsets.ISO_8859_1)),
                cat(op(4), u16(65535)),
                cat(op(5), u16(8), str("Bad option: blksize")),
                cat(op(5), u16(0), ascii("no NUL").getBytes(StandardCharsets.ISO_8859_1)),
                cat(op(6), str("blksize"), str("1468"), str("tsize"), str("4096")),
                // malformed: unknown opcode, text, no NUL, bad mode, repeated option, bad number
                cat(op(7), u16(1)),
                "GET / HTTP/1.0\r\n".getBytes(StandardCharsets.ISO_8859_1),
                cat(op(1), "C:\\x".getBytes(StandardCharsets.ISO_8859_1)),
                rrq("f", "mail"),
                rrq("f", "octet", "blksize", "512", "BLKSIZE", "1024"),
                rrq("f", "octet", "blksize", "12a"),
                cat(rrq("f", "octet"), new byte[] {0, 0}),
        };
        String[] names = {"rrq-mac-config", "rrq-all-options", "rrq-aps-path-netascii", "rrq-upper-case-max-options",
                "wrq", "data", "ack-65535", "error-8", "error-no-nul", "oack", "opcode-7", "http-text",
                "rrq-no-nul", "mode-mail", "repeated-option", "blksize-not-number", "nul-padding"};
        for (int i = 0; i < packets.length; i++) {
            write(decode, names[i], packets[i]);
        }

        // transfer: file length (2 bytes), then [length][datagram]..., length 0 = a timeout
        write(transfer, "plain-lockstep", frames(1200, rrq("ST2030S.inf", "octet"),
                ack(1), ack(2), ack(3)));
        write(transfer, "options-window", frames(4000, rrqOptions, ack(0), ack(2), null, ack(3)));
        write(transfer, "small-blocks-netascii", frames(100, rrq("f.txt", "netascii", "blksize", "8", "windowsize", "4"),
                ack(0), ack(4), ack(3), ack(8), ack(9), ack(12), null, ack(13), ack(14)));
        write(transfer, "oack-refused", frames(300, rrq("f", "octet", "blksize", "1024"), cat(op(5), u16(8), str("no"))));
        write(transfer, "timeouts", frames(600, rrq("f", "octet", "tsize", "0"), null, null, null, null, null, null));
        write(transfer, "empty-file-garbage", frames(0, rrq("f", "octet"), new byte[] {0, 4, 0}, ack(0), ack(1)));
        write(transfer, "wrapping-window", frames(4999, rrq("f", "octet", "blksize", "8", "windowsize", "64"),
                ack(0), ack(64), ack(128), ack(200), ack(300), ack(400), ack(500), ack(600), ack(625)));

        // names: as phones write them (APS seed 2.4.3), and attempts to leave the root
        String[] names2 = {"ST2030S.inf", "ST2030S_00147FE147B3.txt", "st2030s_00147fe147b3.inf",
                "C:\\ip_phones\\mgcp\\st2030\\v100.zz", ".\\ip_phones\\mgcp\\st2030\\v100.zz", "/st2030/v100.zz",
                "SUB/inner.txt", "cert\\cacert.pem", "inside", "escape", "escapedir/secret.txt", ".hidden",
                "..\\secret.txt", "C:..\\secret.txt", "C:\\..\\..\\etc\\passwd", "st2030/../../secret.txt",
                "./../secret.txt", "\\\\server\\share\\x", "ToneTable.txt\u0000.inf", "%2e%2e/secret.txt",
                "//etc/passwd", "c:/./.././secret.txt", "ST2030S\u00ff.inf"};
        for (int i = 0; i < names2.length; i++) {
            write(name, "name-" + i, names2[i].getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    static byte[] rrq(String file, String mode, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(op(1));
        out.writeBytes(str(file));
        out.writeBytes(str(mode));
        for (String o : options) {
            out.writeBytes(str(o));
        }
        return out.toByteArray();
    }

    static byte[] ack(int block) {
        return cat(op(4), u16(block & 0xffff));
    }

    static byte[] frames(int fileLength, byte[]... datagrams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(fileLength >> 8);
        out.write(fileLength);
        for (byte[] d : datagrams) {
            if (d == null) {
                out.write(0);
            } else {
                out.write(d.length);
                out.writeBytes(d);
            }
        }
        return out.toByteArray();
    }

    static byte[] op(int code) {
        return u16(code);
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] str(String s) {
        return cat(s.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0});
    }

    // ---------------------------------------------------------------- SIP

    static void sip() throws IOException {
        Path dir = dir("sipd", "org/phoneprov/sipd/fuzz", "SipPnpFuzzTest", "datagram");
        String snom = crlf("""
                SUBSCRIBE sip:MAC%3a00135E874B49@intern.snom.de SIP/2.0
                Via: SIP/2.0/UDP 192.168.10.67:5060;rport
                From: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=658512961
                To: <sip:MAC%3a00135E874B49@intern.snom.de>
                Call-ID: 1930770594@192.168.10.67
                CSeq: 1 SUBSCRIBE
                Event: ua-profile;profile-type="device";vendor="OEM";model="OEM";version="7.1.19"
                Expires: 0
                Accept: application/url
                Contact: <sip:192.168.10.67:5060>
                Content-Length: 0

                """);
        String audiocodes = crlf("""
                SUBSCRIBE sip:224.0.1.75:5060 SIP/2.0
                Via: SIP/2.0/UDP 10.13.2.37:5060;branch=z9hG4bKac1182737
                Max-Forwards: 70
                From: <sip:00000001@10.13.2.37:5060>;tag=1c1182737
                To: <sip:224.0.1.75:5060>
                Call-ID: 1182737@10.13.2.37
                CSeq: 1 SUBSCRIBE
                Contact: <sip:00000001@10.13.2.37:5060>
                Event: ua-profile;profile-type="application";model="440HD";version="2.2.2"
                Expires: 0
                Accept: application/url
                Content-Length: 0

                """);
        String yealink = crlf("""
                SUBSCRIBE sip:MAC%3A001565aabbcc@224.0.1.75 SIP/2.0
                v: SIP/2.0/UDP 192.168.10.80:5059;rport;branch=z9hG4bK1122
                f: <sip:MAC%3A001565aabbcc@224.0.1.75>;tag=2468
                t: <sip:MAC%3A001565aabbcc@224.0.1.75>
                i: 1357@192.168.10.80
                CSeq: 1 SUBSCRIBE
                o: ua-profile;profile-type=device;vendor=Yealink;model=SIP-T46S;version=66.86.0.15
                m: <sip:192.168.10.80:5059>
                l: 0

                """);
        String okToNotify = crlf("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP 192.168.10.1:5060;branch=z9hG4bK77;rport=5060
                From: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=abc
                To: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=658512961
                Call-ID: 1930770594@192.168.10.67
                CSeq: 1 NOTIFY
                Content-Length: 0

                """);
        String challenge = crlf("""
                SIP/2.0 401 Unauthorized
                Via: SIP/2.0/UDP 192.168.10.1:5060;branch=z9hG4bK77
                From: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=abc
                To: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=658512961
                Call-ID: 1930770594@192.168.10.67
                CSeq: 1 NOTIFY
                WWW-Authenticate: Digest realm="phone", nonce="4f2a", opaque="x", algorithm=MD5, qop="auth"
                Content-Length: 0

                """);
        String checkSync = crlf("""
                NOTIFY sip:201@192.168.10.67:5060 SIP/2.0
                Via: SIP/2.0/UDP 192.168.10.1:5060;branch=z9hG4bKcs1;rport
                Max-Forwards: 70
                From: <sip:provisioning@192.168.10.1>;tag=77
                To: <sip:201@192.168.10.67>
                Call-ID: cs-1@192.168.10.1
                CSeq: 1 NOTIFY
                Event: check-sync;reboot=false
                Content-Length: 0

                """);
        String options = crlf("""
                OPTIONS sip:192.168.10.1 SIP/2.0
                Via: SIP/2.0/UDP 192.168.10.67:5060;branch=z9hG4bKo1
                From: <sip:scanner@192.168.10.67>;tag=1
                To: <sip:192.168.10.1>
                Call-ID: o1@192.168.10.67
                CSeq: 1 OPTIONS
                Content-Length: 0

                """);
        write(dir, "snom-subscribe", snom.getBytes(StandardCharsets.UTF_8));
        write(dir, "audiocodes-subscribe", audiocodes.getBytes(StandardCharsets.UTF_8));
        write(dir, "yealink-compact", yealink.getBytes(StandardCharsets.UTF_8));
        write(dir, "ok-to-notify", okToNotify.getBytes(StandardCharsets.UTF_8));
        write(dir, "401-challenge", challenge.getBytes(StandardCharsets.UTF_8));
        write(dir, "check-sync-notify", checkSync.getBytes(StandardCharsets.UTF_8));
        write(dir, "options", options.getBytes(StandardCharsets.UTF_8));
        write(dir, "event-unquoted-mac", snom.replaceFirst("Event: [^\r]*",
                "Event: ua-profile;profile-type=device;vendor=snom;model=snom320;version=1.2/3;mac=00:15:65:12:34:56")
                .getBytes(StandardCharsets.UTF_8));
        write(dir, "not-ua-profile", snom.replaceFirst("Event: [^\r]*", "Event: presence")
                .getBytes(StandardCharsets.UTF_8));
        write(dir, "cseq-mismatch", snom.replace("CSeq: 1 SUBSCRIBE", "CSeq: 1 INVITE").getBytes(StandardCharsets.UTF_8));
        write(dir, "keepalive", "\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        write(dir, "not-sip", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    }

    static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", CRLF);
    }

    // ---------------------------------------------------------------- HTTP

    static void http() throws IOException {
        Path dir = dir("httpd", "org/phoneprov/httpd/fuzz", "HttpPathFuzzTest", "requestTarget");
        String[] targets = {"/ST2030S.inf", "/ST2030S_00147FE147B3.txt", "/st2030/v100.zz?x=1#f",
                "http://10.77.0.1:8080/ST2030S_00147fe147b3.inf", "/Sub/Inner.TXT", "/inside", "/escape",
                "/escapedir/secret.txt", "/.hidden", "/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
                "/%252e%252e/secret.txt", "/%c0%ae%c0%ae/secret.txt", "/..%5csecret.txt", "/C:%5cboot.ini",
                "/c:/windows/win.ini", "//etc/passwd", "/./st2030/./v100.zz", "/st2030/../../secret.txt",
                "/ToneTable.txt%00.inf", "/%e2%80%a8x", "/a%zz", "*", "/%ef%bc%8e%ef%bc%8e/secret.txt",
                "HTTPS://h/%2E%2E/x", "/\u00c0\u00ae\u00c0\u00ae/etc", "/%2F..%2F..%2Fsecret.txt"};
        for (int i = 0; i < targets.length; i++) {
            write(dir, "target-" + i, targets[i].getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    // ---------------------------------------------------------------- helpers

    static Path dir(String module, String pkg, String cls, String method) throws IOException {
        Path d = Path.of(module, "src/test/resources", pkg, cls + "Inputs", method);
        Files.createDirectories(d);
        return d;
    }

    static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve("seed-" + name), bytes);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    static String ascii(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] pad(byte[] b, int length) {
        return b.length >= length ? b : Arrays.copyOf(b, length);
    }

    static byte[] with(byte[] b, int at, int value) {
        byte[] c = b.clone();
        c[at] = (byte) value;
        return c;
    }

    static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
