package org.phoneprov.tftpd.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.phoneprov.common.config.TftpdSettings;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.Limits;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.Netascii;
import org.phoneprov.tftpd.transfer.OptionNegotiator;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.event.Level;

/**
 * Port 69's decisions as plain Java, no sockets: a request in, a {@link RequestOutcome}
 * out. An RRQ's name goes through the name rules, is looked up (ignoring case when
 * configured), admitted against the transfer limits, read through the cache, converted
 * for netascii, and its options negotiated. The errors are those the RFCs call for:
 * 1 not found, 2 access violation for writes and refused names, 0 busy or unreadable.
 *
 * <p>Thread-safe as far as its parts are (the limits and the cache are shared).
 */
final class RequestProcessor {
    private final TftpdSettings settings;
    private final Supplier<FileResolver> resolver;
    private final FileCache cache;
    private final TransferLimits limits;
    private final Limits transferLimits;

    /** @param resolver asked per request, so a reload's files count at once */
    RequestProcessor(TftpdSettings settings, Supplier<FileResolver> resolver, FileCache cache, TransferLimits limits,
                     Limits transferLimits) {
        this.settings = settings;
        this.resolver = resolver;
        this.cache = cache;
        this.limits = limits;
        this.transferLimits = transferLimits;
    }

    RequestOutcome process(TftpPacket packet, InetSocketAddress client, long nowNanos) {
        if (!(packet instanceof TftpPacket.Request r)) {
            return new RequestOutcome.Drop("opcode " + packet.opcode().code() + " on port 69 belongs to no transfer");
        }
        if (r.opcode().equals(Opcode.WRQ)) {
            return refuse(Refusal.WRITE, "WRQ", r.filename(), ErrorCode.ACCESS_VIOLATION, "writes are not accepted here",
                    Optional.empty());
        }
        return read(r, client, nowNanos);
    }

    /** A started transfer has ended, however: its slot is free again. */
    void ended(RequestOutcome.Start start) {
        limits.release(start.client().getAddress());
    }

    private RequestOutcome read(TftpPacket.Request r, InetSocketAddress client, long nowNanos) {
        String mapped = settings.mapName(r.filename());
        FileResolver files = resolver.get();
        Lookup l = settings.caseInsensitive() ? files.resolveIgnoringCase(mapped, Transport.TFTP)
                : files.resolve(mapped, Transport.TFTP);
        if (l instanceof Lookup.Rejected rej) {
            return refuse(Refusal.REJECTED_NAME, "RRQ", r.filename(), ErrorCode.ACCESS_VIOLATION, "access violation",
                    note(Level.INFO, "tftpd.reject", "reason=" + rej.reason() + " client=" + client + " name=\""
                            + printable(r.filename()) + "\""));
        }
        if (!(l instanceof Lookup.Found found)) {
            return refuse(Refusal.NOT_FOUND, "RRQ", r.filename(), ErrorCode.FILE_NOT_FOUND, "file not found",
                    Optional.empty());
        }
        ServedFile file = found.file();
        TransferLimits.Verdict v = limits.acquire(client.getAddress());
        if (v != TransferLimits.Verdict.ADMITTED) {
            return refuse(v == TransferLimits.Verdict.SERVER_FULL ? Refusal.SERVER_FULL : Refusal.CLIENT_FULL, "RRQ",
                    file.name(), ErrorCode.NOT_DEFINED, "server busy, try again later",
                    note(Level.WARN, "tftpd.busy", "limit=" + v.name().toLowerCase(Locale.ROOT) + " client=" + client));
        }
        byte[] content;
        try {
            content = cache.content(file);
        } catch (IOException e) {
            limits.release(client.getAddress());
            return refuse(Refusal.READ_FAILED, "RRQ", file.name(), ErrorCode.NOT_DEFINED, "cannot read the file",
                    note(Level.WARN, "tftpd.read_failed", "file=\"" + file.name() + "\" error=\"" + e.getMessage()
                            + "\""));
        }
        if (r.mode().equalsIgnoreCase("netascii")) {
            content = Netascii.encode(content);
        }
        Negotiated n = OptionNegotiator.negotiate(r.options(), content.length, transferLimits);
        ReadTransfer t = new ReadTransfer(content, 0, content.length, n, transferLimits, nowNanos);
        return new RequestOutcome.Start(t, client, file.name(), file.device().or(() -> files.deviceAt(client.getAddress())),
                n, nowNanos);
    }

    private static RequestOutcome.Refuse refuse(Refusal why, String action, String name, ErrorCode code,
                                                String message, Optional<RequestOutcome.Note> note) {
        return new RequestOutcome.Refuse(why, code, message, action, printable(name), note);
    }

    private static Optional<RequestOutcome.Note> note(Level level, String event, String detail) {
        return Optional.of(new RequestOutcome.Note(level, event, detail));
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
}
