package org.phoneprov.sipd.message;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.function.LongSupplier;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.event.Level;

/**
 * {@link DatagramPacket} → {@link SipInbound}, through {@link SipParser}. A datagram that
 * is no usable SIP message is counted in {@link SipDropCounters}, logged (rate-limited:
 * {@code sipd.drop reason=NOT_SIP from=192.168.10.67:5060 bytes=3 detail="..."}) and
 * dropped. The parser never throws, so no datagram can close the channel.
 */
@Sharable
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private final SipDropCounters drops;
    private final RateLimitedLog log;
    private final LongSupplier nanoTime;

    /** @param nanoTime the clock the handlers' timers run on; each message is stamped with it */
    public SipDatagramDecoder(SipDropCounters drops, RateLimitedLog log, LongSupplier nanoTime) {
        this.drops = drops;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        long received = nanoTime.getAsLong();
        byte[] datagram = ByteBufUtil.getBytes(packet.content());
        SipParse parsed = SipParser.parse(datagram);
        if (parsed instanceof SipParse.Dropped d) {
            drops.increment(d.reason());
            log.log(Level.INFO, "sipd.drop", "reason=" + d.reason() + " from=" + Printable.address(packet.sender())
                    + " bytes=" + datagram.length + " detail=\"" + d.detail() + "\"");
            return;
        }
        out.add(new SipInbound((SipParse.Message) parsed, packet.sender(), packet.recipient(), received));
    }
}
