package org.phoneprov.sipd.pnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.sipd.pnp.PnpFixtures.SNOM;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.sipd.message.SipBytes;
import org.phoneprov.sipd.message.SipDatagramDecoder;
import org.phoneprov.sipd.message.SipParse;
import org.phoneprov.sipd.message.SipParser;
import org.phoneprov.sipd.message.SipResponses;
import org.phoneprov.sipd.message.SipSamples;
import org.slf4j.LoggerFactory;

/** The responder's NOTIFY retransmission through Netty: one table, fed by the group and the reply socket. */
class PnpRetransmissionTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.168.10.1", 5060);
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.1.75", 5060);
    private static final InetSocketAddress PHONE = new InetSocketAddress("192.168.10.67", 5060);

    private final PnpCounters counters = new PnpCounters();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(PnpRetransmissionTest.class),
            Duration.ofSeconds(10), 5, nanos::get);
    private final EmbeddedChannel reply = new EmbeddedChannel();
    private final EmbeddedChannel group = new EmbeddedChannel();
    private final NotifyRetransmitter notifies = new NotifyRetransmitter(reply, new PendingNotifies(), counters, log,
            nanos::get);
    private byte[] firstNotify;

    @BeforeEach
    void aSnomIsAnsweredThroughTheReplySocket() {
        PnpDecision decision = new PnpDecision();
        PnpReplies replies = new PnpReplies(new Random(1));
        PnpContext pnp = new PnpContext(() -> settings(SNOM), decision, replies, counters, e -> { }, log,
                Clock.fixed(Instant.parse("2024-05-01T08:00:00Z"), ZoneOffset.UTC), nanos::get);
        ReplySocket socket = new ReplySocket(reply, () -> LOCAL, notifies);
        SipDatagramDecoder decoder = new SipDatagramDecoder(counters.drops(), log, nanos::get);
        reply.pipeline().addLast(decoder, new PnpHandler(pnp, socket, false));
        group.pipeline().addLast(decoder, new PnpHandler(pnp, socket, true));
        notifies.start();
        receive(group, SipSamples.bytes(SipSamples.SNOM), GROUP);
        assertInstanceOf(SipParse.Response.class, SipParser.parse(sent()));
        firstNotify = sent();
        assertNull(reply.readOutbound());
    }

    private static void receive(EmbeddedChannel ch, byte[] data, InetSocketAddress to) {
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(data), to, PHONE));
    }

    private byte[] sent() {
        DatagramPacket p = reply.readOutbound();
        assertTrue(p != null, "expected a datagram");
        try {
            assertEquals(PHONE, p.recipient());
            return ByteBufUtil.getBytes(p.content());
        } finally {
            p.release();
        }
    }

    /** Moves both clocks (ours and the event loop's) in tick-sized steps; how many datagrams left meanwhile. */
    private int advance(long millis) {
        int written = 0;
        for (long done = 0; done < millis; done += NotifyRetransmitter.TICK_MILLIS) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(NotifyRetransmitter.TICK_MILLIS));
            reply.advanceTimeBy(NotifyRetransmitter.TICK_MILLIS, TimeUnit.MILLISECONDS);
            reply.runScheduledPendingTasks();
            for (Object o; (o = reply.readOutbound()) != null; written++) {
                ((DatagramPacket) o).release();
            }
        }
        return written;
    }

    /** The phone's answer to our NOTIFY, as it would build it. */
    private byte[] answer(int status, String branch) throws Exception {
        SIPRequest notify = assertInstanceOf(SipParse.Request.class, SipParser.parse(firstNotify)).message();
        SIPResponse r = SipResponses.to(notify, status, LOCAL, "phone");
        if (branch != null) {
            r.getTopmostVia().setBranch(branch);
        }
        return SipBytes.encode(r);
    }

    @Test
    void anUnansweredNotifyIsWrittenAgainAfterT1() {
        assertEquals(0, advance(400));
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        reply.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        reply.runScheduledPendingTasks();
        assertArrayEquals(firstNotify, sent(), "the same datagram, same branch");
        assertNull(reply.readOutbound());
        assertEquals(1, counters.notifyRetransmissions());
    }

    @Test
    void aTwoHundredOnTheMulticastGroupStopsIt() throws Exception {
        assertEquals(1, advance(500));
        receive(group, answer(200, null), GROUP);
        receive(reply, answer(200, null), LOCAL); // the phone retransmits its 200
        assertEquals(0, advance(40_000));
        assertEquals(1, counters.notifyRetransmissions());
        assertEquals(0, counters.notifyTimeouts());
        assertEquals(2, counters.responses());
        assertEquals(1, counters.notifyAccepted(), "one NOTIFY, one result");
    }

    @Test
    void aTwoHundredWithAManglingBranchOnTheReplySocketStopsIt() throws Exception {
        receive(reply, answer(200, "z9hG4bKrewritten"), LOCAL);
        assertEquals(0, advance(40_000));
        assertEquals(0, counters.notifyRetransmissions());
        assertEquals(1, counters.responses());
    }

    @Test
    void aProvisionalSlowsItToT2() throws Exception {
        receive(group, answer(100, null), GROUP);
        assertEquals(1, advance(500));
        assertEquals(0, advance(3_900));
        assertEquals(1, advance(100));
    }

    @Test
    void noAnswerEndsAtTimerFAsATimeout() {
        assertEquals(10, advance(32_000));
        assertEquals(1, counters.notifyTimeouts());
        assertEquals(0, counters.notifyAccepted() + counters.notifyRejected());
        assertEquals(0, advance(10_000));
        assertEquals(10, counters.notifyRetransmissions());
    }

    @Test
    void aFinalErrorEndsItAsRejectedAndAProvisionalIsNoResult() throws Exception {
        receive(reply, answer(180, null), LOCAL);
        assertEquals(0, counters.notifyAccepted() + counters.notifyRejected());
        receive(reply, answer(481, null), LOCAL);
        assertEquals(0, advance(40_000));
        assertEquals(1, counters.notifyRejected());
        assertEquals(0, counters.notifyAccepted());
    }

    @Test
    void stoppedItSendsNothingMore() {
        notifies.stop();
        assertEquals(0, advance(10_000));
        reply.checkException();
    }
}
