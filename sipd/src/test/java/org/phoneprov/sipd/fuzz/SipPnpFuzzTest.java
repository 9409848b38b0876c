package org.phoneprov.sipd.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.javax.sip.message.SIPRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.net.Cidr;
import org.phoneprov.sipd.message.SipDatagramDecoder;
import org.phoneprov.sipd.message.SipParse;
import org.phoneprov.sipd.message.SipParser;
import org.phoneprov.sipd.notify.NotifyResponse;
import org.phoneprov.sipd.pnp.NotifyRetransmitter;
import org.phoneprov.sipd.pnp.PendingNotifies;
import org.phoneprov.sipd.pnp.PnpContext;
import org.phoneprov.sipd.pnp.PnpCounters;
import org.phoneprov.sipd.pnp.PnpDecision;
import org.phoneprov.sipd.pnp.PnpHandler;
import org.phoneprov.sipd.pnp.PnpOutcome;
import org.phoneprov.sipd.pnp.PnpReplies;
import org.phoneprov.sipd.pnp.ReplySocket;
import org.slf4j.helpers.NOPLogger;

/**
 * Any datagram on the SIP port or the plug-and-play group:
 * <ul>
 * <li>{@link SipParser#parse} returns a request, a response or a drop, never throws, and a
 *     drop's detail is short printable ASCII for the log line;</li>
 * <li>a request goes through {@link PnpDecision#decide} (multicast and unicast, IPv4 and
 *     IPv6 sources) without throwing, and an answer or a refusal is built by
 *     {@link PnpReplies}, which may only refuse with its declared {@link ParseException};</li>
 * <li>a response is matched against a pending NOTIFY without throwing;</li>
 * <li>the check-sync client's {@link NotifyResponse#parse} returns or throws its declared
 *     {@link ParseException}, nothing else;</li>
 * <li>the whole pipeline ({@link SipDatagramDecoder}, {@link PnpHandler}), on the group
 *     and on unicast, lets nothing out and keeps its channel open.</li>
 * </ul>
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/sipd/fuzz/SipPnpFuzzTestInputs/datagram/}.
 * Fuzzing: {@code fuzz/run.sh 10 sip}.
 */
class SipPnpFuzzTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.168.10.1", 5060);
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.1.75", 5060);
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.168.10.67", 5060);
    private static final InetSocketAddress PHONE6 = new InetSocketAddress("2001:db8::67", 5060);
    private static final long NOW = 5_000_000_000L;
    private static final RateLimitedLog QUIET = new RateLimitedLog(NOPLogger.NOP_LOGGER);

    private static final SipdSettings.Pnp SETTINGS = new SipdSettings.Pnp(address("224.0.1.75"), List.of(),
            List.of(Cidr.parse("192.168.10.0/24").orElseThrow(), Cidr.parse("2001:db8::/32").orElseThrow()), 5,
            List.of(rule("snom", List.of("oem", "snom"), null, List.of("device"), "http://10.77.0.1/snom/{mac}.xml"),
                    rule("audiocodes", List.of(), "4[0-9]{2}HD", List.of("application"), "tftp://10.13.4.121"),
                    rule("yealink", List.of("yealink"), "SIP-T4.*", List.of("device"),
                            "http://10.77.0.1/yealink/{MAC}.cfg?model={model}&v={version}&by={vendor}"),
                    rule("gigaset", List.of(), null, "^(Gigaset )?(N510|N720|N870|Maxwell)", List.of(),
                            "http://10.77.0.1/gigaset/{MAC}.xml"),
                    rule("any-with-mac", List.of(), null, List.of(), "http://10.77.0.1/{vendor}/{model}/{mac}"),
                    rule("fallback", List.of(), null, List.of(), "http://10.77.0.1/any.cfg")));

    @FuzzTest(maxDuration = "10m")
    void datagram(byte[] input) {
        SipParse parsed = SipParser.parse(input);
        assertNotNull(parsed);
        if (parsed instanceof SipParse.Dropped d) {
            assertNotNull(d.reason());
            assertPrintable(d.detail());
        } else if (parsed instanceof SipParse.Request r) {
            decideAndReply(r.message(), PHONE, true);
            decideAndReply(request(input), PHONE, false);
            decideAndReply(request(input), PHONE6, false);
        } else {
            SipParse.Response r = (SipParse.Response) parsed;
            PendingNotifies pending = new PendingNotifies();
            pending.add("z9hG4bK77", "1930770594@192.168.10.67", 1, new byte[] {1}, PHONE, NOW);
            pending.onResponse(r.message(), NOW + 1);
        }

        try {
            NotifyResponse.parse(input);
        } catch (ParseException expected) {
            // declared: not SIP
        }

        handler(input, true);
        handler(input, false);
    }

    private static SIPRequest request(byte[] input) {
        return ((SipParse.Request) SipParser.parse(input)).message();
    }

    /** As the handler: decide, then build the answer or the refusal; only the declared exception may leave. */
    private static void decideAndReply(SIPRequest request, InetSocketAddress source, boolean multicast) {
        PnpOutcome outcome = new PnpDecision().decide(request, source, multicast, SETTINGS, NOW);
        assertNotNull(outcome);
        PnpReplies replies = new PnpReplies(new Random(6080));
        try {
            if (outcome instanceof PnpOutcome.Answer a) {
                assertFalse(multicast && !"SUBSCRIBE".equals(request.getMethod()));
                PnpReplies.Exchange x = replies.answer(request, a.url(), source, LOCAL);
                assertTrue(x.ok().length > 0 && x.notifyRequest().length > 0);
                assertNotNull(x.notifyBranch());
            } else if (outcome instanceof PnpOutcome.Refuse r) {
                assertFalse(multicast, "the group never gets an error response");
                assertTrue(replies.refuse(request, r.refusal(), source).length > 0);
            } else {
                PnpOutcome.Silence s = (PnpOutcome.Silence) outcome;
                assertNotNull(s.reason());
                assertPrintable(s.detail());
            }
        } catch (ParseException declared) {
            // PnpReplies' declared refusal to build from this request; the handler counts and logs it
        }
    }

    /** The whole handler on its channel: nothing escapes, the channel stays open, exactly one outcome is counted. */
    private static void handler(byte[] input, boolean multicast) {
        EmbeddedChannel reply = new EmbeddedChannel();
        EmbeddedChannel channel = new EmbeddedChannel();
        PnpCounters counters = new PnpCounters();
        try {
            PnpContext pnp = new PnpContext(() -> SETTINGS, new PnpDecision(), new PnpReplies(new Random(1)), counters,
                    e -> { }, QUIET, Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC), () -> NOW);
            ReplySocket socket = new ReplySocket(reply, () -> LOCAL,
                    new NotifyRetransmitter(reply, new PendingNotifies(), counters, QUIET, () -> NOW));
            channel.pipeline().addLast(new SipDatagramDecoder(counters.drops(), QUIET, () -> NOW),
                    new PnpHandler(pnp, socket, multicast));
            channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(input), multicast ? GROUP : LOCAL, PHONE));
            channel.checkException();
            reply.checkException();
            assertTrue(channel.isOpen() && reply.isOpen(), "a datagram never closes a channel");
            long outcomes = counters.drops().total() + counters.silences().total() + counters.answered()
                    + counters.refused() + counters.responses() + counters.failed();
            assertEquals(1, outcomes, counters::toString);
        } finally {
            channel.finishAndReleaseAll();
            reply.finishAndReleaseAll();
        }
    }

    /** Log-line text: printable ASCII, no double quote (it sits inside detail="..."), bounded. */
    private static void assertPrintable(String s) {
        assertNotNull(s);
        assertTrue(s.length() <= 300, "detail of " + s.length() + " characters");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            assertTrue(c >= 0x20 && c < 0x7f && c != '"', "not printable: U+" + Integer.toHexString(c) + " in " + s);
        }
    }

    private static SipdSettings.PnpRule rule(String name, List<String> vendors, String model, List<String> types,
                                             String url) {
        return rule(name, vendors, model, null, types, url);
    }

    private static SipdSettings.PnpRule rule(String name, List<String> vendors, String model, String userAgent,
                                             List<String> types, String url) {
        return new SipdSettings.PnpRule(name, vendors, pattern(model), pattern(userAgent), types, url);
    }

    private static Optional<Pattern> pattern(String p) {
        return Optional.ofNullable(p).map(m -> Pattern.compile(m, Pattern.CASE_INSENSITIVE));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
