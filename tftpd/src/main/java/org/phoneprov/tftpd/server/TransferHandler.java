package org.phoneprov.tftpd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.tftpd.codec.TftpDecoder;
import org.phoneprov.tftpd.codec.TftpEncoder;
import org.phoneprov.tftpd.codec.TftpParseException;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.event.Level;

/**
 * One transfer on its own port (RFC 1350: each transfer has its own TID), connected to
 * the client so the kernel drops datagrams from anyone else. Feeds ACKs and timeouts to
 * the {@link ReadTransfer} state machine and sends what it returns, a window per flush.
 *
 * <p>A transfer that ends on a datagram closes its channel only after the read that
 * brought it: Netty 4.1's epoll datagram read loop ({@code EpollDatagramChannel.epollInReady})
 * does not stop when a handler closes the channel, and reads the descriptor once more.
 * By then the kernel may have given that number to a socket httpd just accepted, and the
 * stale read took the phone's HTTP request off it (bench/README.md, boot-storm: the
 * requests that were never answered), or a TFTP ACK off another transfer's new port.
 */
final class TransferHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final ReadTransfer transfer;
    private final InetSocketAddress client;
    private final Consumer<ReadTransfer> onEnd;
    private final RateLimitedLog log;
    private ScheduledFuture<?> timer;
    private boolean ended;

    TransferHandler(ReadTransfer transfer, InetSocketAddress client, Consumer<ReadTransfer> onEnd, RateLimitedLog log) {
        this.transfer = transfer;
        this.client = client;
        this.onEnd = onEnd;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        send(ctx, transfer.start(System.nanoTime()));
        arm(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
        if (ended || !p.sender().equals(client)) {
            return; // ended: a datagram the same read loop brought after the last ACK
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
        if (endIfOver(ctx)) {
            // Inside Netty's read loop: close once it has returned (see the class comment).
            ctx.channel().eventLoop().execute(ctx::close);
        }
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
        if (endIfOver(ctx)) {
            ctx.close(); // a timer task, outside any read loop
        } else {
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

    /** Whether the transfer has just ended (the caller closes the channel); false while it runs or once ended. */
    private boolean endIfOver(ChannelHandlerContext ctx) {
        if (ended || transfer.state() == ReadTransfer.State.RUNNING) {
            return false;
        }
        ended = true;
        if (timer != null) {
            timer.cancel(false);
        }
        onEnd.accept(transfer);
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PortUnreachableException) {
            return; // ICMP port unreachable: the client went away. The state machine's timeout ends it.
        }
        log.log(Level.WARN, "tftpd.transfer_error", "client=" + client + " error=\"" + cause + "\"");
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
