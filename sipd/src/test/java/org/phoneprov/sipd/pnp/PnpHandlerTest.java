package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.sipd.pnp.PnpFixtures.AUDIOCODES;
import static org.phoneprov.sipd.pnp.PnpFixtures.SNOM;
import static org.phoneprov.sipd.pnp.PnpFixtures.YEALINK;
import static org.phoneprov.sipd.pnp.PnpFixtures.settings;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.sipd.message.Mutations;
import org.phoneprov.sipd.message.SipDatagramDecoder;
import org.phoneprov.sipd.message.SipDrop;
import org.phoneprov.sipd.message.SipParse;
import org.phoneprov.sipd.message.SipParser;
import org.phoneprov.sipd.message.SipSamples;
import org.slf4j.LoggerFactory;

class PnpHandlerTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.168.10.1", 5060);
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.1.75", 5060);
    private static final InetSocketAddress SNOM_PHONE = new InetSocketAddress("192.168.10.67", 5060);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    private final AtomicReference<SipdSettings.Pnp> settings = new AtomicReference<>(settings(SNOM, AUDIOCODES, YEALINK));
    private final List<Event> events = new ArrayList<>();
    private final PnpCounters counters = new PnpCounters();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(PnpHandlerTest.class),
            Duration.ofSeconds(10), 5, () -> 0L);

    /** A handler answering through {@code reply}. */
    private PnpHandler handler(EmbeddedChannel reply, boolean multicast) {
        PnpContext pnp = new PnpContext(settings::get, new PnpDecision(), new PnpReplies(new Random(1)), counters,
                events::add, log, Clock.fixed(T0, ZoneOffset.UTC), nanos::get);
        ReplySocket socket = new ReplySocket(reply, () -> LOCAL,
                new NotifyRetransmitter(reply, new PendingNotifies(), counters, log, nanos::get));
        return new PnpHandler(pnp, socket, multicast);
    }

    /** The decoder and {@code handler} on {@code ch}: the pipeline SipServer builds. */
    private void pipeline(EmbeddedChannel ch, PnpHandler handler) {
        ch.pipeline().addLast(new SipDatagramDecoder(counters.drops(), log, nanos::get), handler);
    }

    private void pipeline(EmbeddedChannel ch, EmbeddedChannel reply, boolean multicast) {
        pipeline(ch, handler(reply, multicast));
    }

    private EmbeddedChannel unicast() {
        EmbeddedChannel ch = new EmbeddedChannel();
        pipeline(ch, ch, false);
        return ch;
    }

    private EmbeddedChannel group(EmbeddedChannel reply) {
        EmbeddedChannel ch = new EmbeddedChannel();
        pipeline(ch, reply, true);
        return ch;
    }

    private static void receive(EmbeddedChannel ch, String text, InetSocketAddress from, InetSocketAddress to) {
        receive(ch, SipSamples.bytes(text), from, to);
    }

    private static void receive(EmbeddedChannel ch, byte[] data, InetSocketAddress from, InetSocketAddress to) {
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(data), to, from));
    }

    /** The next datagram written, its bytes, checking it goes to {@code to}. */
    private static byte[] sent(EmbeddedChannel ch, InetSocketAddress to) {
        DatagramPacket p = ch.readOutbound();
        assertTrue(p != null, "expected a datagram");
        try {
            assertEquals(to, p.recipient());
            return ByteBufUtil.getBytes(p.content());
        } finally {
            p.release();
        }
    }

    @Test
    void snomOnTheGroupGetsOkThenNotifyThroughTheReplyChannel() {
        EmbeddedChannel reply = new EmbeddedChannel();
        EmbeddedChannel group = group(reply);
        nanos.set(5_000_000_000L);
        receive(group, SipSamples.SNOM, SNOM_PHONE, GROUP);

        assertNull(group.readOutbound(), "nothing leaves from the multicast socket");
        SIPResponse ok = assertInstanceOf(SipParse.Response.class, SipParser.parse(sent(reply, SNOM_PHONE))).message();
        byte[] notifyBytes = sent(reply, SNOM_PHONE);
        SIPRequest notify = assertInstanceOf(SipParse.Request.class, SipParser.parse(notifyBytes)).message();
        assertNull(reply.readOutbound());
        assertEquals(200, ok.getStatusCode());
        assertEquals("NOTIFY", notify.getMethod());
        assertEquals(ok.getTo().getTag(), notify.getFrom().getTag());
        assertEquals("http://10.77.0.1/snom/00135e874b49.xml", new String(notify.getRawContent()));

        assertEquals(1, events.size());
        Event e = events.get(0);
        assertEquals(new Event(T0, "sipd", "PNP", Mac.parse("00135E874B49"), "http://10.77.0.1/snom/00135e874b49.xml",
                "answered", notifyBytes.length, 0, Optional.of(SNOM_PHONE)), e);
        assertEquals(1, counters.answered());
    }

    @Test
    void oneHandlerServesTheGroupOnEveryInterface() {
        EmbeddedChannel reply = new EmbeddedChannel();
        PnpHandler onGroup = handler(reply, true);
        EmbeddedChannel lan = new EmbeddedChannel();
        EmbeddedChannel voiceVlan = new EmbeddedChannel();
        pipeline(lan, onGroup);
        pipeline(voiceVlan, onGroup);
        InetSocketAddress other = new InetSocketAddress("192.168.10.68", 5060);
        receive(lan, SipSamples.SNOM, SNOM_PHONE, GROUP);
        receive(voiceVlan, SipSamples.SNOM, other, GROUP);
        sent(reply, SNOM_PHONE);
        sent(reply, SNOM_PHONE);
        sent(reply, other);
        sent(reply, other);
        assertEquals(2, counters.answered());
    }

    @Test
    void answersGoToTheSourcePortNotTheContact() {
        EmbeddedChannel ch = unicast();
        InetSocketAddress from1053 = new InetSocketAddress("192.168.10.67", 1053);
        receive(ch, SipSamples.SNOM, from1053, LOCAL);
        sent(ch, from1053);
        sent(ch, from1053);
    }

    @Test
    void audioCodesAnsweredWithTftpUrl() {
        EmbeddedChannel ch = unicast();
        InetSocketAddress phone = new InetSocketAddress("10.13.2.37", 5060);
        receive(ch, SipSamples.AUDIOCODES, phone, GROUP);
        sent(ch, phone);
        SIPRequest notify = assertInstanceOf(SipParse.Request.class, SipParser.parse(sent(ch, phone))).message();
        assertEquals("tftp://10.13.4.121", new String(notify.getRawContent()));
        assertEquals(Optional.empty(), events.get(0).device());
    }

    @Test
    void dropsSilencesAndResponsesAreCountedNotAnswered() {
        EmbeddedChannel reply = new EmbeddedChannel();
        EmbeddedChannel group = group(reply);
        receive(group, new byte[] {1, 2, 3}, SNOM_PHONE, GROUP);
        receive(group, new byte[0], SNOM_PHONE, GROUP);
        receive(group, SipSamples.OK_TO_NOTIFY, SNOM_PHONE, GROUP);
        receive(group, SipSamples.SNOM, new InetSocketAddress("172.16.0.9", 5060), GROUP);
        receive(group, PnpFixtures.snomWithEvent("presence"), SNOM_PHONE, GROUP);
        assertNull(reply.readOutbound());
        assertNull(group.readOutbound());
        assertEquals(1, counters.drops().count(SipDrop.NOT_SIP));
        assertEquals(1, counters.drops().count(SipDrop.EMPTY));
        assertEquals(1, counters.responses());
        assertEquals(1, counters.silences().count(PnpSilence.NOT_ALLOWED_SUBNET));
        assertEquals(1, counters.silences().count(PnpSilence.NOT_UA_PROFILE));
        assertEquals(0, counters.answered());
        assertTrue(events.isEmpty(), "silences are counted, not events");
    }

    @Test
    void unicastRefusesOtherMethodsAndEventsButNotAck() {
        EmbeddedChannel ch = unicast();
        receive(ch, SipSamples.SNOM.replace("SUBSCRIBE sip:", "OPTIONS sip:").replace("CSeq: 1 SUBSCRIBE",
                "CSeq: 1 OPTIONS"), SNOM_PHONE, LOCAL);
        assertEquals(405, assertInstanceOf(SipParse.Response.class, SipParser.parse(sent(ch, SNOM_PHONE)))
                .message().getStatusCode());
        receive(ch, PnpFixtures.snomWithEvent("presence"), SNOM_PHONE, LOCAL);
        assertEquals(489, assertInstanceOf(SipParse.Response.class, SipParser.parse(sent(ch, SNOM_PHONE)))
                .message().getStatusCode());
        receive(ch, SipSamples.SNOM.replace("SUBSCRIBE sip:", "ACK sip:").replace("CSeq: 1 SUBSCRIBE", "CSeq: 1 ACK"),
                SNOM_PHONE, LOCAL);
        assertNull(ch.readOutbound());
        assertEquals(2, counters.refused());
    }

    @Test
    void aReloadSwapsTheRules() {
        EmbeddedChannel ch = unicast();
        settings.set(settings());
        receive(ch, SipSamples.SNOM, SNOM_PHONE, LOCAL);
        assertNull(ch.readOutbound());
        assertEquals(1, counters.silences().count(PnpSilence.NO_RULE));
        settings.set(settings(SNOM));
        receive(ch, SipSamples.SNOM, SNOM_PHONE, LOCAL);
        sent(ch, SNOM_PHONE);
        sent(ch, SNOM_PHONE);
    }

    @Test
    void rateLimitedSourceGetsSilence() {
        settings.set(settings(1, SNOM));
        EmbeddedChannel ch = unicast();
        receive(ch, SipSamples.SNOM, SNOM_PHONE, LOCAL);
        receive(ch, SipSamples.SNOM, SNOM_PHONE, LOCAL);
        sent(ch, SNOM_PHONE);
        sent(ch, SNOM_PHONE);
        assertNull(ch.readOutbound());
        assertEquals(1, counters.silences().count(PnpSilence.RATE_LIMITED));
    }

    /** Seeded mutations of real SUBSCRIBEs through the whole handler: nothing throws, nothing fails, the channel lives. */
    @Test
    void randomMutationsNeverThrowOrFail() {
        EmbeddedChannel ch = unicast();
        Random random = new Random(0xC0FFEEL);
        List<byte[]> seeds = List.of(SipSamples.bytes(SipSamples.SNOM), SipSamples.bytes(SipSamples.AUDIOCODES),
                SipSamples.bytes(SipSamples.YEALINK_COMPACT), SipSamples.bytes(SipSamples.OK_TO_NOTIFY));
        for (int i = 0; i < 20_000; i++) {
            nanos.addAndGet(1_000_000_000L); // a fresh rate budget, so replies get built for mutated input
            byte[] m = Mutations.mutate(seeds.get(random.nextInt(seeds.size())), random);
            receive(ch, m, SNOM_PHONE, LOCAL);
            for (Object o; (o = ch.readOutbound()) != null; ) {
                DatagramPacket p = (DatagramPacket) o;
                assertInstanceOf(SipParse.class, SipParser.parse(ByteBufUtil.getBytes(p.content())));
                p.release();
            }
        }
        ch.checkException();
        assertTrue(ch.isOpen());
        assertEquals(0, counters.failed(), counters::toString);
        assertTrue(counters.answered() > 100, counters::toString);
        assertTrue(counters.drops().total() > 100, counters::toString);
    }
}
