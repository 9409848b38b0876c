package org.phoneprov.phonesim.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestParams;

class PhoneSipPortTest {
    private static final InetAddress TRUSTED = InetAddress.getLoopbackAddress();
    private static final Predicate<InetAddress> ONLY_TRUSTED = TRUSTED::equals;

    private final LinkedBlockingQueue<CheckSync> obeyed = new LinkedBlockingQueue<>();
    private PhoneSipPort port;
    private DatagramSocket sender;

    @BeforeEach
    void openSender() throws Exception {
        sender = new DatagramSocket(new InetSocketAddress(TRUSTED, 0));
        sender.setSoTimeout(2000);
    }

    @AfterEach
    void close() {
        sender.close();
        if (port != null) {
            port.close();
        }
    }

    private PhoneSipPort open(SipCredentials credentials) {
        InetSocketAddress at = new InetSocketAddress(TRUSTED, 0);
        return credentials == null ? new PhoneSipPort(at, ONLY_TRUSTED, obeyed::add)
                : new PhoneSipPort(at, ONLY_TRUSTED, obeyed::add, credentials);
    }

    private String uri() {
        return "sip:201@127.0.0.1:" + port.localAddress().getPort();
    }

    /** The seed's check-sync NOTIFY (3.4), addressed to the port. */
    private String notify(String event, int cseq, String extraHeaders) {
        String via = "127.0.0.1:" + sender.getLocalPort();
        return "NOTIFY " + uri() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + via + ";branch=z9hG4bK917de6b4" + cseq + "\r\n"
                + "Call-ID: 03945c5ecd70248d6e76b8f0e6c64a13@127.0.0.1\r\n"
                + "CSeq: " + cseq + " NOTIFY\r\n"
                + "From: <sip:webadmin@operator.com>;tag=8542\r\n"
                + "To: <sip:201@operator.com:5060>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Contact: <sip:" + via + ";transport=UDP>\r\n"
                + "Event: " + event + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket from, String text, InetSocketAddress to) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        from.send(new DatagramPacket(b, b.length, to));
    }

    private String roundTrip(String text) throws Exception {
        send(sender, text, port.localAddress());
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        sender.receive(p);
        return new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Test
    void obeysATrustedCheckSync() throws Exception {
        port = open(null);
        String r = roundTrip(notify("check-sync;reboot=true", 460015, ""));
        assertTrue(r.startsWith("SIP/2.0 200 OK\r\n"), r);
        assertEquals("03945c5ecd70248d6e76b8f0e6c64a13@127.0.0.1", header(r, "Call-ID"));
        assertEquals("460015 NOTIFY", header(r, "CSeq"));
        assertTrue(header(r, "Via").contains("branch=z9hG4bK917de6b4460015"));
        assertTrue(header(r, "From").contains("tag=8542"));
        assertTrue(header(r, "To").contains(";tag="), header(r, "To"));
        assertEquals("0", header(r, "Content-Length"));
        CheckSync c = obeyed.poll(2, TimeUnit.SECONDS);
        assertEquals(new CheckSync((InetSocketAddress) sender.getLocalSocketAddress(), true), c);
        assertEquals(1, port.obeyed());
    }

    @Test
    void rebootIsFalseUnlessSaid() throws Exception {
        port = open(null);
        roundTrip(notify("check-sync", 1, ""));
        assertFalse(obeyed.poll(2, TimeUnit.SECONDS).reboot());
        roundTrip(notify("Check-Sync ; Reboot=FALSE", 2, ""));
        assertFalse(obeyed.poll(2, TimeUnit.SECONDS).reboot());
        roundTrip(notify("check-sync;reboot=TRUE", 3, ""));
        assertTrue(obeyed.poll(2, TimeUnit.SECONDS).reboot());
    }

    @Test
    void aRetransmissionIsAnsweredAgainButObeyedOnce() throws Exception {
        port = open(null);
        String first = roundTrip(notify("check-sync", 7, ""));
        String again = roundTrip(notify("check-sync", 7, ""));
        assertEquals(first, again);
        assertNotNull(obeyed.poll(2, TimeUnit.SECONDS));
        assertNull(obeyed.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(1, port.obeyed());
    }

    @Test
    void ignoresUntrustedSources() throws Exception {
        port = open(null);
        // Linux routes all of 127/8 to lo: 127.0.0.2 is a source the phone does not trust.
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            stranger.setSoTimeout(300);
            send(stranger, notify("check-sync;reboot=true", 1, ""), port.localAddress());
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            boolean answered;
            try {
                stranger.receive(p);
                answered = true;
            } catch (SocketTimeoutException e) {
                answered = false;
            }
            assertFalse(answered);
        }
        assertNull(obeyed.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(1, port.ignored());
        assertEquals(0, port.obeyed());
    }

    @Test
    void refusesOtherMethodsAndEvents() throws Exception {
        port = open(null);
        String options = notify("check-sync", 1, "").replace("NOTIFY", "OPTIONS");
        String r = roundTrip(options);
        assertTrue(r.startsWith("SIP/2.0 405 "), r);
        assertEquals("NOTIFY", header(r, "Allow"));
        r = roundTrip(notify("ua-profile", 2, ""));
        assertTrue(r.startsWith("SIP/2.0 489 "), r);
        assertEquals(0, port.obeyed());
    }

    @Test
    void survivesGarbage() throws Exception {
        port = open(null);
        send(sender, "\u0000\u0001 not SIP at all", port.localAddress());
        send(sender, "NOTIFY sip:x SIP/2.0\r\nVia: ???\r\nCSeq: banana\r\n\r\n", port.localAddress());
        send(sender, "SIP/2.0 200 OK\r\n\r\n", port.localAddress());
        send(sender, "", port.localAddress());
        String r = roundTrip(notify("check-sync", 9, ""));
        assertTrue(r.startsWith("SIP/2.0 200 OK"), r);
        assertEquals(4, port.dropped());
        assertEquals(1, port.obeyed());
    }

    private static String md5(String s) {
        return DigestGuard.md5(s);
    }

    @Test
    void challengesThenObeysAVerifiedRetry() throws Exception {
        SipCredentials creds = new SipCredentials("201", "secret", "phone");
        port = open(creds);
        String challenge = roundTrip(notify("check-sync;reboot=true", 1, ""));
        assertTrue(challenge.startsWith("SIP/2.0 401 "), challenge);
        assertNull(obeyed.poll(100, TimeUnit.MILLISECONDS));
        Map<String, String> c = DigestParams.parse(header(challenge, "WWW-Authenticate")).params().orElseThrow();
        assertEquals("phone", c.get("realm"));
        assertEquals("auth", c.get("qop"));
        assertEquals("MD5", c.get("algorithm"));
        String nonce = c.get("nonce");

        String ha1 = md5("201:phone:secret");
        String ha2 = md5("NOTIFY:" + uri());
        String response = md5(ha1 + ":" + nonce + ":00000001:abcdef:auth:" + ha2);
        String auth = "Authorization: Digest username=\"201\", realm=\"phone\", nonce=\"" + nonce + "\", uri=\""
                + uri() + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\"abcdef\", qop=auth,"
                + " nc=00000001\r\n";
        String ok = roundTrip(notify("check-sync;reboot=true", 2, auth));
        assertTrue(ok.startsWith("SIP/2.0 200 OK"), ok);
        assertTrue(obeyed.poll(2, TimeUnit.SECONDS).reboot());

        // The same nonce again: the password is right, the nonce is spent.
        String stale = roundTrip(notify("check-sync", 3, auth));
        assertTrue(stale.startsWith("SIP/2.0 401 "), stale);
        assertTrue(header(stale, "WWW-Authenticate").contains("stale=true"));
    }

    @Test
    void acceptsTheRfc2069FormAndRefusesAWrongPassword() throws Exception {
        port = open(new SipCredentials("201", "secret", "phone"));
        String nonce = DigestParams.parse(header(roundTrip(notify("check-sync", 1, "")), "WWW-Authenticate"))
                .params().orElseThrow().get("nonce");
        String wrong = md5(md5("201:phone:guess") + ":" + nonce + ":" + md5("NOTIFY:" + uri()));
        String r = roundTrip(notify("check-sync", 2, "Authorization: Digest username=\"201\", realm=\"phone\", nonce=\""
                + nonce + "\", uri=\"" + uri() + "\", response=\"" + wrong + "\"\r\n"));
        assertTrue(r.startsWith("SIP/2.0 403 "), r);
        String right = md5(md5("201:phone:secret") + ":" + nonce + ":" + md5("NOTIFY:" + uri()));
        r = roundTrip(notify("check-sync", 3, "Authorization: Digest username=\"201\", realm=\"phone\", nonce=\""
                + nonce + "\", uri=\"" + uri() + "\", response=\"" + right + "\"\r\n"));
        assertTrue(r.startsWith("SIP/2.0 200 "), r);
        assertEquals(1, port.obeyed());
    }
}
