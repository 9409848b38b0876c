package org.phoneprov.tftpd.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.phoneprov.common.config.TftpdSettings;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;
import org.phoneprov.tftpd.codec.TftpInbound;
import org.phoneprov.tftpd.codec.TftpMalformed;
import org.phoneprov.tftpd.codec.TftpOutbound;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.Netascii;
import org.phoneprov.tftpd.transfer.OptionNegotiator;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.event.Level;

/**
 * Port 69: turns a read request into a transfer on its own port, or into the ERROR the
 * RFCs call for (1 not found, 2 access violation for writes and refused names, 0 busy,
 * 4/8 for malformed requests). DATA and ACK on port 69 belong to no transfer: silence.
 */
final class RequestHandler extends SimpleChannelInboundHandler<Object> {
    static final String DAEMON = "tftpd";
    private final TftpdSettings settings;
    private final Supplier<FileResolver> resolver;
    private final EventSink events;
    private final FileCache cache;
    private final TransferLimits limits;
    private final org.phoneprov.tftpd.transfer.Limits transferLimits;
    private final TransferStarter starter;
    private final RateLimitedLog log;

    /** Opens the per-transfer channel; the server owns the event loops. */
    interface TransferStarter {
        void start(ReadTransfer transfer, InetSocketAddress client, java.util.function.Consumer<ReadTransfer> onEnd);
    }

    RequestHandler(TftpdSettings settings, Supplier<FileResolver> resolver, EventSink events, FileCache cache,
                   TransferLimits limits, org.phoneprov.tftpd.transfer.Limits transferLimits, TransferStarter starter,
                   RateLimitedLog log) {
        this.settings = settings;
        this.resolver = resolver;
        this.events = events;
        this.cache = cache;
        this.limits = limits;
        this.transferLimits = transferLimits;
        this.starter = starter;
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TftpMalformed m) {
            ctx.writeAndFlush(new TftpOutbound(m.answer(), m.sender()));
            return;
        }
        TftpInbound in = (TftpInbound) msg;
        if (!(in.packet() instanceof TftpPacket.Request r)) {
            return;
        }
        if (r.opcode().equals(Opcode.WRQ)) {
            refuse(ctx, in.sender(), r.filename(), "WRQ", ErrorCode.ACCESS_VIOLATION, "writes are not accepted here");
            return;
        }
        read(ctx, r, in.sender());
    }

    private void read(ChannelHandlerContext ctx, TftpPacket.Request r, InetSocketAddress client) {
        long start = System.nanoTime();
        String mapped = settings.mapName(r.filename());
        FileResolver files = resolver.get();
        Lookup l = settings.caseInsensitive() ? files.resolveIgnoringCase(mapped, Transport.TFTP)
                : files.resolve(mapped, Transport.TFTP);
        if (l instanceof Lookup.Rejected rej) {
            log.log(Level.INFO, "tftpd.reject", "reason=" + rej.reason() + " client=" + client + " name=\""
                    + printable(r.filename()) + "\"");
            refuse(ctx, client, r.filename(), "RRQ", ErrorCode.ACCESS_VIOLATION, "access violation");
            return;
        }
        if (!(l instanceof Lookup.Found found)) {
            refuse(ctx, client, r.filename(), "RRQ", ErrorCode.FILE_NOT_FOUND, "file not found");
            return;
        }
        ServedFile file = found.file();
        TransferLimits.Verdict v = limits.acquire(client.getAddress());
        if (v != TransferLimits.Verdict.ADMITTED) {
            log.log(Level.WARN, "tftpd.busy", "limit=" + v.name().toLowerCase(Locale.ROOT) + " client=" + client);
            refuse(ctx, client, file.name(), "RRQ", ErrorCode.NOT_DEFINED, "server busy, try again later");
            return;
        }
        byte[] content;
        try {
            content = cache.content(file);
        } catch (IOException e) {
            limits.release(client.getAddress());
            log.log(Level.WARN, "tftpd.read_failed", "file=\"" + file.name() + "\" error=\"" + e.getMessage() + "\"");
            refuse(ctx, client, file.name(), "RRQ", ErrorCode.NOT_DEFINED, "cannot read the file");
            return;
        }
        if (r.mode().equalsIgnoreCase("netascii")) {
            content = Netascii.encode(content);
        }
        Negotiated n = OptionNegotiator.negotiate(r.options(), content.length, transferLimits);
        ReadTransfer t = new ReadTransfer(content, 0, content.length, n, transferLimits, System.nanoTime());
        Optional<Mac> device = file.device().or(() -> files.deviceAt(client.getAddress()));
        starter.start(t, client, done -> {
            limits.release(client.getAddress());
            String result = done.state() == ReadTransfer.State.DONE ? "ok"
                    : "failed:" + done.failure().orElse("abandoned").replace(' ', '_');
            events.record(new Event(Instant.now(), DAEMON, "RRQ", device, file.name(),
                    result + " blksize=" + n.blksize() + " window=" + n.windowsize(), done.bytesSent(),
                    (System.nanoTime() - start) / 1000, Optional.of(client)));
        });
    }

    private void refuse(ChannelHandlerContext ctx, InetSocketAddress client, String name, String action, ErrorCode code,
                        String message) {
        ctx.writeAndFlush(new TftpOutbound(new TftpPacket.Error(code, message), client));
        events.record(new Event(Instant.now(), DAEMON, action, Optional.empty(), printable(name),
                "error:" + code.code(), 0, 0, Optional.of(client)));
    }

    /** Names are client bytes: keep them printable in logs and events. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (byte x : s.getBytes(StandardCharsets.ISO_8859_1)) {
            if (b.length() >= 200) {
                break;
            }
            b.append(x >= 0x20 && x < 0x7F && x != '"' ? (char) x : '?');
        }
        return b.toString();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.log(Level.WARN, "tftpd.error", "error=\"" + cause + "\"");
    }
}
