package org.phoneprov.sipd.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.sipd.notify.NotifyResult.Outcome;

/** End to end on 127.0.0.1: the client against fake phones on plain sockets. */
class CheckSyncClientTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final SipdSettings.CheckSync FAST = new SipdSettings.CheckSync(0, 5060, 0, 1000, 20, 300);
    private static final String CHALLENGE = "WWW-Authenticate: Digest realm=\"phone\", nonce=\"n0nce\","
            + " qop=\"auth\", opaque=\"op4que\"";

    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private CheckSyncClient client;
    private FakePhone phone;

    @BeforeEach
    void open() throws Exception {
        client = new CheckSyncClient(LOOPBACK, FAST, events::add);
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        if (phone != null) {
            phone.close();
        }
    }

    private Target target(FakePhone p) {
        return Fixtures.target(Fixtures.MAC, p.address(), Optional.of(Fixtures.line("201", "201", "s3cret")));
    }

    private NotifyResult sendOne(FakePhone p, boolean reboot) throws Exception {
        List<NotifyResult> results = client.send(List.of(target(p)), reboot).get(5, TimeUnit.SECONDS);
        assertEquals(1, results.size());
        return results.get(0);
    }

    @Test
    void okIsAcceptedAndRecorded() throws Exception {
        phone = new FakePhone(req -> Optional.of(new String[] {"200 OK"}));
        NotifyResult r = sendOne(phone, false);
        assertEquals(Outcome.ACCEPTED, r.outcome());
        assertEquals(200, r.status());
        assertEquals(phone.address(), r.target());
        String req = phone.received.get(0);
        assertTrue(req.startsWith("NOTIFY sip:201@127.0.0.1:" + phone.address().getPort() + " SIP/2.0\r\n"), req);
        assertEquals(Optional.of("check-sync"), FakePhone.header(req, "Event"));
        InetSocketAddress local = client.localAddress();
        assertTrue(FakePhone.header(req, "Via").orElseThrow().startsWith("SIP/2.0/UDP 127.0.0.1:" + local.getPort()
                + ";branch=z9hG4bK"), req);
        assertEquals(Optional.of("<sip:phoneprov@127.0.0.1:" + local.getPort() + ">"),
                FakePhone.header(req, "Contact"));
        Event e = awaitEvent();
        assertEquals("sipd", e.daemon());
        assertEquals("NOTIFY", e.action());
        assertEquals(Optional.of(Fixtures.MAC), e.device());
        assertEquals("check-sync", e.file());
        assertEquals("accepted", e.result());
        long length = req.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(e.bytes() >= length && e.bytes() % length == 0, "bytes " + e.bytes());
        assertEquals(Optional.of(phone.address()), e.client());
        assertTrue(e.micros() >= 0);
    }

    @Test
    void challengeIsAnsweredWithValidDigestCredentials() throws Exception {
        phone = new FakePhone(req -> {
            Optional<String> auth = FakePhone.header(req, "Authorization");
            if (auth.isEmpty()) {
                return Optional.of(new String[] {"401 Unauthorized", CHALLENGE});
            }
            return Optional.of(new String[] {validMd5(auth.get(), "201", "phone", "s3cret", "n0nce")
                    ? "200 OK" : "403 Bad Credentials"});
        });
        NotifyResult r = sendOne(phone, false);
        assertEquals(Outcome.ACCEPTED, r.outcome(), r.detail());
        String authed = phone.received.stream().filter(m -> m.contains("Authorization:")).findFirst().orElseThrow();
        assertEquals(Optional.of("2 NOTIFY"), FakePhone.header(authed, "CSeq"));
        assertEquals(FakePhone.header(phone.received.get(0), "Call-ID"), FakePhone.header(authed, "Call-ID"));
        assertTrue(FakePhone.header(authed, "Authorization").orElseThrow().contains("opaque=\"op4que\""));
    }

    @Test
    void twoChallengesAreRejected() throws Exception {
        phone = new FakePhone(req -> Optional.of(new String[] {"401 Unauthorized", CHALLENGE}));
        NotifyResult r = sendOne(phone, false);
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals(401, r.status());
        assertTrue(r.detail().contains("authentication refused"), r.detail());
        assertEquals("rejected 401", awaitEvent().result());
    }

    @Test
    void silenceIsNoAnswerAfterRetransmissions() throws Exception {
        phone = new FakePhone(req -> Optional.empty());
        long start = System.nanoTime();
        NotifyResult r = sendOne(phone, false);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Outcome.NO_ANSWER, r.outcome());
        assertTrue(phone.received.size() >= 3, "sends: " + phone.received.size());
        String branch = FakePhone.header(phone.received.get(0), "Via").orElseThrow();
        assertTrue(phone.received.stream().allMatch(m -> FakePhone.header(m, "Via").orElseThrow().equals(branch)),
                "retransmissions are the same request");
        assertTrue(tookMs >= 290 && tookMs < 2_000, "took " + tookMs + " ms");
        assertEquals("no-answer", awaitEvent().result());
    }

    @Test
    void rebootIsInTheEventHeader() throws Exception {
        phone = new FakePhone(req -> Optional.of(new String[] {"200 OK"}));
        assertEquals(Outcome.ACCEPTED, sendOne(phone, true).outcome());
        assertEquals(Optional.of("check-sync;reboot=true"), FakePhone.header(phone.received.get(0), "Event"));
        assertEquals("check-sync;reboot=true", awaitEvent().file());
    }

    @Test
    void declineIsRejectedWithItsCode() throws Exception {
        phone = new FakePhone(req -> Optional.of(new String[] {"603 Decline"}));
        NotifyResult r = sendOne(phone, false);
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals(603, r.status());
        assertEquals("603 Decline", r.detail());
        assertEquals("rejected 603", awaitEvent().result());
    }

    @Test
    void aGroupComesBackInTargetOrder() throws Exception {
        phone = new FakePhone(req -> Optional.of(new String[] {"200 OK"}));
        try (FakePhone decliner = new FakePhone(req -> Optional.of(new String[] {"486 Busy Here"}))) {
            Mac other = Mac.parse("00:14:7F:E1:47:B4").orElseThrow();
            List<Target> targets = List.of(
                    Fixtures.target(other, decliner.address(), Optional.empty()), target(phone));
            List<NotifyResult> results = client.send(targets, false).get(5, TimeUnit.SECONDS);
            assertEquals(List.of(other, Fixtures.MAC), results.stream().map(NotifyResult::mac).toList());
            assertEquals(List.of(Outcome.REJECTED, Outcome.ACCEPTED),
                    results.stream().map(NotifyResult::outcome).toList());
        }
        assertEquals(List.of(), client.send(List.of(), false).get(1, TimeUnit.SECONDS));
    }

    @Test
    void garbageAndRequestsGetNothingAndBreakNothing() throws Exception {
        phone = new FakePhone(req -> Optional.of(new String[] {"200 OK"}));
        phone.sendTo(client.localAddress(), "\u0001\u0002garbage");
        phone.sendTo(client.localAddress(), "OPTIONS sip:phoneprov@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP"
                + " 127.0.0.1:9;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: 1\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        phone.sendTo(client.localAddress(), "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKnone\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: none\r\nCSeq: 1 NOTIFY\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertEquals(Outcome.ACCEPTED, sendOne(phone, false).outcome());
        long deadline = System.nanoTime() + 2_000_000_000L;
        while ((client.malformed() < 1 || client.ignored() < 2) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, client.malformed());
        assertEquals(2, client.ignored());
        // Nothing came back to the sender of the OPTIONS: only the NOTIFY reached the phone.
        assertEquals(1, phone.received.size());
    }

    @Test
    void closeFailsWhatIsStillRunning() throws Exception {
        CheckSyncClient slow = new CheckSyncClient(LOOPBACK, new SipdSettings.CheckSync(0, 5060, 0, 50, 500, 32_000),
                e -> { });
        phone = new FakePhone(req -> Optional.empty());
        var future = slow.send(List.of(target(phone)), false);
        Thread.sleep(50);
        slow.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(2, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("closed"));
        slow.close();
    }

    @Test
    void anAddressOfAnotherHostIsAClearBindError() throws Exception {
        InetAddress elsewhere = InetAddress.getByName("192.0.2.1");
        BindException e = assertThrows(BindException.class, () -> new CheckSyncClient(elsewhere, FAST, x -> { }));
        assertTrue(e.getMessage().contains("192.0.2.1"), e.getMessage());
        assertTrue(e.getMessage().contains("must be an address of this host (suite.check_sync_source)"),
                e.getMessage());
        BindException wildcard = assertThrows(BindException.class,
                () -> new CheckSyncClient(InetAddress.getByName("0.0.0.0"), FAST, x -> { }));
        assertTrue(wildcard.getMessage().contains("must be an address of this host"), wildcard.getMessage());
    }

    @Test
    void aPortInUseSaysSo() throws Exception {
        SipdSettings.CheckSync taken = new SipdSettings.CheckSync(client.localAddress().getPort(), 5060, 0, 50, 20,
                300);
        BindException e = assertThrows(BindException.class, () -> new CheckSyncClient(LOOPBACK, taken, x -> { }));
        assertTrue(e.getMessage().contains("127.0.0.1:" + client.localAddress().getPort()), e.getMessage());
    }

    private Event awaitEvent() throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(1, events.size());
        return events.peek();
    }

    /** Checks an Authorization the way a phone would, without DigestAnswer (RFC 2617 3.2.2.1). */
    private static boolean validMd5(String authorization, String user, String realm, String password, String nonce) {
        Map<String, String> p = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(authorization);
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!user.equals(p.get("username")) || !realm.equals(p.get("realm")) || !nonce.equals(p.get("nonce"))
                || !"auth".equals(p.get("qop")) || !"op4que".equals(p.get("opaque"))) {
            return false;
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5("NOTIFY:" + p.get("uri"));
        String expected = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return expected.equals(p.get("response")) && p.get("uri").startsWith("sip:201@127.0.0.1:");
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
