package org.phoneprov.tftpd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.phoneprov.tftpd.codec.TftpDecoder;
import org.phoneprov.tftpd.codec.TftpEncoder;
import org.phoneprov.tftpd.codec.TftpParseException;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.ReadTransfer;

/**
 * One transfer on its own port (RFC 1350: each transfer has its own TID), connected to
 * the client so the kernel drops datagrams from anyone else. Feeds ACKs and timeouts to
 * the {@link ReadTransfer} state machine and sends what it returns, a window per flush.
 */
final class TransferHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final ReadTransfer transfer;
    private final InetSocketAddress client;
    private final Consumer<ReadTransfer> onEnd;
    private ScheduledFuture<?> timer;
    private boolean ended;

    TransferHandler(ReadTransfer transfer, InetSocketAddress client, Consumer<ReadTransfer> onEnd) {
        this.transfer = transfer;
        this.client = client;
        this.onEnd = onEnd;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx, transfer.start(System.nanoTime()));
        arm(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
        if (!p.sender().equals(client)) {
            return;
        }
        TftpPacket packet;
        try {
            packet = TftpDecoder.decode(p.content());
        } catch (TftpParseException e) {
            return; // a garbled datagram from our own client: the timeout will resend
        }
        if (packet instanceof TftpPacket.Ack ack) {
            send(ctx, transfer.onAck(ack.block(), System.nanoTime()));
        } else if (packet instanceof TftpPacket.Error error) {
            transfer.onError(error.code(), error.message());
        }
        endIfOver(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        if (ended || transfer.state() != ReadTransfer.State.RUNNING) {
            return;
        }
        long delay = Math.max(0, transfer.deadlineNanos() - System.nanoTime());
        timer = ctx.executor().schedule(() -> tick(ctx), delay, TimeUnit.NANOSECONDS);
    }

    /** A timer that fires before the (moved) deadline only re-arms; the state machine decides. */
    private void tick(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (now >= transfer.deadlineNanos()) {
            send(ctx, transfer.onTimeout(now));
        }
        if (!endIfOver(ctx)) {
            arm(ctx);
        }
    }

    private void send(ChannelHandlerContext ctx, List<TftpPacket> packets) {
        if (packets.isEmpty()) {
            return;
        }
        for (TftpPacket packet : packets) {
            ByteBuf b = TftpEncoder.encode(packet, ctx.alloc());
            ctx.write(new DatagramPacket(b, client));
        }
        ctx.flush();
    }

    private boolean endIfOver(ChannelHandlerContext ctx) {
        if (ended || transfer.state() == ReadTransfer.State.RUNNING) {
            return ended;
        }
        ended = true;
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.close();
        onEnd.accept(transfer);
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // e.g. ICMP port unreachable: the client went away. The state machine's timeout ends it.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            ended = true;
            if (timer != null) {
                timer.cancel(false);
            }
            onEnd.accept(transfer);
        }
    }
}
