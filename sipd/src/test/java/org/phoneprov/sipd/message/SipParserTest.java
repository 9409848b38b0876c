package org.phoneprov.sipd.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.sipd.message.SipSamples.bytes;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sip.address.SipURI;
import org.junit.jupiter.api.Test;

class SipParserTest {

    private static SIPRequest request(String text) {
        SipParse p = SipParser.parse(bytes(text));
        return assertInstanceOf(SipParse.Request.class, p, () -> p.toString()).message();
    }

    private static SipDrop drop(byte[] data) {
        SipParse p = SipParser.parse(data);
        return assertInstanceOf(SipParse.Dropped.class, p, () -> "expected a drop, got " + p).reason();
    }

    @Test
    void snomSubscribeParses() {
        SIPRequest r = request(SipSamples.SNOM);
        assertEquals("SUBSCRIBE", r.getMethod());
        assertEquals("MAC%3a00135E874B49", ((SipURI) r.getRequestURI()).getUser());
        assertNull(r.getTopmostVia().getBranch(), "Snom sends a Via without branch");
        assertEquals("ua-profile;profile-type=\"device\";vendor=\"OEM\";model=\"OEM\";version=\"7.1.19\"",
                SipHeaders.value(r, SipHeaders.EVENT).orElseThrow());
    }

    @Test
    void compactHeadersParse() {
        SIPRequest r = request(SipSamples.YEALINK_COMPACT);
        assertEquals("1357@192.168.10.80", r.getCallId().getCallId());
        assertEquals("2468", r.getFrom().getTag());
        assertTrue(SipHeaders.value(r, SipHeaders.EVENT).orElseThrow().startsWith("ua-profile"));
        assertEquals(5059, r.getTopmostVia().getPort());
    }

    @Test
    void responseParses() {
        SipParse p = SipParser.parse(bytes(SipSamples.OK_TO_NOTIFY));
        assertEquals(200, assertInstanceOf(SipParse.Response.class, p).message().getStatusCode());
    }

    @Test
    void leadingKeepAliveCrlfIsSkipped() {
        request("\r\n\r\n" + SipSamples.SNOM);
    }

    @Test
    void lfOnlyLineEndsAreAccepted() {
        request(SipSamples.SNOM.replace("\r\n", "\n"));
    }

    @Test
    void eventHeaderJainSipCannotParseIsKeptRaw() {
        String[] values = {
            "ua-profile;profile-type=device;vendor=Yealink;version=1.2/3",
            "ua-profile;model=Yealink T46S;mac=00:15:65:aa:bb:cc",
            "ua-profile;vendor=\"Yea\"link",
        };
        for (String v : values) {
            String text = SipSamples.SNOM.replaceFirst("Event: [^\r]*", "Event: " + v.replace("$", "\\$"));
            assertEquals(v, SipHeaders.value(request(text), SipHeaders.EVENT).orElseThrow(), v);
        }
        String compact = SipSamples.SNOM.replaceFirst("Event: [^\r]*", "o: ua-profile;version=1.2/3\r\n  ;model=x");
        assertEquals("ua-profile;version=1.2/3 ;model=x",
                SipHeaders.value(request(compact), SipHeaders.EVENT).orElseThrow(), "folded line joined");
    }

    /** At least three cases per drop reason; each must be dropped for exactly that reason. */
    @Test
    void badInputCorpus() {
        Map<SipDrop, List<byte[]>> corpus = new EnumMap<>(SipDrop.class);
        corpus.put(SipDrop.EMPTY, List.of(new byte[0], bytes("\r\n"), bytes("\r\n\r\n\n")));
        byte[] big = new byte[9 * 1024];
        Arrays.fill(big, (byte) 'a');
        byte[] bigSip = bytes(SipSamples.SNOM.replace("Accept:", "X-Pad: " + "p".repeat(8300) + "\r\nAccept:"));
        corpus.put(SipDrop.OVERSIZED, List.of(big, bigSip, new byte[SipParser.MAX_DATAGRAM + 1]));
        corpus.put(SipDrop.NOT_SIP, List.of(
                bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
                bytes("hello world"),
                new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 10, 13},
                bytes("SUBSCRIBE sip:x@y SIP/3.0\r\n\r\n"),
                bytes("SIP/2.0 99 Too Low\r\n\r\n"),
                bytes(" SUBSCRIBE sip:x@y SIP/2.0\r\n\r\n"),
                bytes("SUBSCRIBE  SIP/2.0\r\n")));
        corpus.put(SipDrop.MALFORMED, List.of(
                bytes(SipSamples.SNOM.replace("Content-Length: 0", "Content-Length: 10")),
                bytes(SipSamples.SNOM.replace("Content-Length: 0\r\n\r\n", "Content-Length: 100\r\n\r\ntruncated")),
                bytes("SUBSCRIBE sip:x@y SIP/2.0"),
                bytes("SUBSCRIBE <sip:x@y> SIP/2.0\r\nVia: x\r\n\r\n"),
                bytes("SUBSCRIBE sip: SIP/2.0\r\n\r\n")));
        corpus.put(SipDrop.MISSING_HEADER, List.of(
                bytes("SUBSCRIBE sip:x@y SIP/2.0\r\n\r\n"),
                bytes("SIP/2.0 200 OK\r\n\r\n"),
                bytes(SipSamples.SNOM.replace("Call-ID: 1930770594@192.168.10.67\r\n", "")),
                bytes(SipSamples.SNOM.replace("CSeq: 1 SUBSCRIBE", "CSeq: 1 NOTIFY")),
                bytes(SipSamples.SNOM.replaceFirst("Via: [^\r]*\r\n", "")),
                bytes(SipSamples.SNOM.replace("From: <sip", "From: <<sip")),
                bytes(SipSamples.SNOM.replaceFirst("To: [^\r]*\r\n", "")),
                bytes(SipSamples.SNOM.substring(0, SipSamples.SNOM.indexOf("Call-ID")))));
        for (Map.Entry<SipDrop, List<byte[]>> e : corpus.entrySet()) {
            assertTrue(e.getValue().size() >= 3, e.getKey() + " needs at least 3 cases");
            for (byte[] d : e.getValue()) {
                assertEquals(e.getKey(), drop(d), () -> "for: " + new String(d, 0, Math.min(d.length, 120),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        assertEquals(SipDrop.values().length, corpus.size(), "every reason covered");
    }

    @Test
    void truncationAtEveryLengthNeverThrows() {
        byte[] full = bytes(SipSamples.SNOM);
        for (int n = 0; n <= full.length; n++) {
            SipParse p = SipParser.parse(Arrays.copyOf(full, n));
            assertTrue(p != null);
        }
    }

    /** Seeded, so a failure reproduces: byte flips, inserts, deletions and truncations of real SUBSCRIBEs. */
    @Test
    void randomMutationsNeverThrow() {
        Random random = new Random(0x5107_6080L);
        List<byte[]> seeds = List.of(bytes(SipSamples.SNOM), bytes(SipSamples.AUDIOCODES),
                bytes(SipSamples.YEALINK_COMPACT), bytes(SipSamples.OK_TO_NOTIFY));
        Map<Class<?>, Integer> kinds = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] m = Mutations.mutate(seeds.get(random.nextInt(seeds.size())), random);
            SipParse p = SipParser.parse(m);
            kinds.merge(p.getClass(), 1, Integer::sum);
        }
        assertTrue(kinds.getOrDefault(SipParse.Request.class, 0) > 100, kinds::toString);
        assertTrue(kinds.getOrDefault(SipParse.Dropped.class, 0) > 100, kinds::toString);
    }
}
