package org.phoneprov.phonesim.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TFTP read, lock-step (RFC 1350), on a socket the caller owns. Asks for
 * {@code blksize} (RFC 2348) and {@code tsize} (RFC 2349); a server that ignores options
 * answers with DATA 1 and 512-byte blocks (RFC 2347), one that refuses them with ERROR 8
 * gets the plain request once more. The server's first answer fixes its transfer ID
 * (address and port); anything from another port gets ERROR 5 and changes nothing
 * (RFC 1350 section 4). On silence the last packet is sent again, up to the retry limit.
 */
final class TftpTransfer {
    /** Ethernet's 1500-byte MTU less IP, UDP and TFTP headers: RFC 2348's own example. */
    static final int ASKED_BLKSIZE = 1468;
    static final int DEFAULT_BLKSIZE = 512;
    private static final int MIN_BLKSIZE = 8;

    private enum Step { PROGRESS, IGNORED, FINISHED }

    private static final Logger log = LoggerFactory.getLogger(TftpTransfer.class);

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final String name;
    private final FetchTimeouts timeouts;
    private final long maxSize;
    /** One byte more than the largest block we allow, so an oversized DATA is seen as such. */
    private final byte[] buf = new byte[ASKED_BLKSIZE + TftpPackets.DATA_HEADER + 1];
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private boolean withOptions = true;
    private boolean oackSeen;
    /** The server's transfer ID: where its first answer came from; null until then. */
    private InetSocketAddress tid;
    private boolean answered;
    private int blksize = DEFAULT_BLKSIZE;
    /** Blocks received so far; the next is {@code blocks + 1}, 16 bits on the wire, wrapping to 0. */
    private long blocks;
    private byte[] last;
    private InetSocketAddress lastTo;
    private FetchResult result;

    TftpTransfer(DatagramSocket socket, InetSocketAddress server, String name, FetchTimeouts timeouts, long maxSize) {
        this.socket = socket;
        this.server = server;
        this.name = name;
        this.timeouts = timeouts;
        this.maxSize = maxSize;
    }

    /** Whether the server answered at all: tells a broken transfer from an unreachable server. */
    boolean answered() {
        return answered;
    }

    FetchResult run() throws IOException {
        send(TftpPackets.readRequest(name, options()), server);
        long timeoutNanos = timeouts.tftpTimeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        int tries = 0;
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (tries == timeouts.tftpRetries()) {
                    return gaveUp();
                }
                tries++;
                socket.send(new DatagramPacket(last, last.length, lastTo));
                deadline = System.nanoTime() + timeoutNanos;
                continue;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            p.setLength(buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Step step = handle((InetSocketAddress) p.getSocketAddress(), p.getLength());
            if (step == Step.FINISHED) {
                return result;
            }
            if (step == Step.PROGRESS) {
                tries = 0;
                deadline = System.nanoTime() + timeoutNanos;
            }
        }
    }

    private Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        if (withOptions) {
            o.put("blksize", Integer.toString(ASKED_BLKSIZE));
            o.put("tsize", "0");
        }
        return o;
    }

    private Step handle(InetSocketAddress from, int len) throws IOException {
        if (tid == null) {
            if (!from.getAddress().equals(server.getAddress())) {
                return Step.IGNORED; // not the server we asked
            }
            tid = from;
            answered = true;
        } else if (!from.equals(tid)) {
            quietly(TftpPackets.error(TftpPackets.ERR_UNKNOWN_TID, "Unknown transfer ID"), from);
            return Step.IGNORED;
        }
        return switch (TftpPackets.opcode(buf, len)) {
            case TftpPackets.ERROR -> error(len);
            case TftpPackets.OACK -> oack(len);
            case TftpPackets.DATA -> data(len);
            default -> abort(TftpPackets.ERR_ILLEGAL_OPERATION, "unexpected TFTP packet, opcode "
                    + TftpPackets.opcode(buf, len));
        };
    }

    private Step error(int len) throws IOException {
        int code = len >= 4 ? TftpPackets.second(buf) : TftpPackets.ERR_NOT_DEFINED;
        String message = TftpPackets.errorMessage(buf, len);
        if (code == TftpPackets.ERR_OPTION_REFUSED && withOptions && !oackSeen) {
            // RFC 2347: a server may refuse the options; the client may ask again without them.
            log.debug("phonesim.tftp.options_refused server={} file={}", server, name);
            withOptions = false;
            tid = null;
            send(TftpPackets.readRequest(name, options()), server);
            return Step.PROGRESS;
        }
        String detail = "TFTP error " + code + ": " + message;
        return finish(code == TftpPackets.ERR_FILE_NOT_FOUND ? new FetchResult.NotFound(detail)
                : new FetchResult.Failed(detail));
    }

    private Step oack(int len) throws IOException {
        if (!withOptions || blocks > 0) {
            return abort(TftpPackets.ERR_ILLEGAL_OPERATION, "OACK where DATA was expected");
        }
        if (oackSeen) {
            send(TftpPackets.ack(0), tid); // our ACK 0 got lost
            return Step.IGNORED;
        }
        var options = TftpPackets.oackOptions(buf, len);
        if (options.isEmpty()) {
            return abort(TftpPackets.ERR_OPTION_REFUSED, "malformed OACK");
        }
        for (Map.Entry<String, String> o : options.get().entrySet()) {
            long value;
            try {
                value = Long.parseLong(o.getValue());
            } catch (NumberFormatException e) {
                return abort(TftpPackets.ERR_OPTION_REFUSED, "OACK " + o.getKey() + " is not a number");
            }
            switch (o.getKey()) {
                case "blksize" -> {
                    if (value < MIN_BLKSIZE || value > ASKED_BLKSIZE) {
                        return abort(TftpPackets.ERR_OPTION_REFUSED, "OACK blksize " + value + " outside "
                                + MIN_BLKSIZE + ".." + ASKED_BLKSIZE);
                    }
                    blksize = (int) value;
                }
                case "tsize" -> {
                    if (value > maxSize) {
                        return abort(TftpPackets.ERR_DISK_FULL, "file of " + value + " bytes is over the limit of "
                                + maxSize);
                    }
                }
                default -> {
                    return abort(TftpPackets.ERR_OPTION_REFUSED, "OACK has option " + o.getKey()
                            + " that was not asked for");
                }
            }
        }
        oackSeen = true;
        send(TftpPackets.ack(0), tid);
        return Step.PROGRESS;
    }

    private Step data(int len) throws IOException {
        if (len < TftpPackets.DATA_HEADER) {
            return abort(TftpPackets.ERR_ILLEGAL_OPERATION, "DATA shorter than its header");
        }
        int block = TftpPackets.second(buf);
        if (block == (int) ((blocks + 1) & 0xFFFF)) {
            int n = len - TftpPackets.DATA_HEADER;
            if (n > blksize) {
                return abort(TftpPackets.ERR_ILLEGAL_OPERATION, "DATA of " + n + " bytes, blksize is " + blksize);
            }
            if (body.size() + (long) n > maxSize) {
                return abort(TftpPackets.ERR_DISK_FULL, "file is over the limit of " + maxSize + " bytes");
            }
            body.write(buf, TftpPackets.DATA_HEADER, n);
            blocks++;
            send(TftpPackets.ack(block), tid);
            // A short block, even an empty one, ends the transfer (RFC 1350 section 6).
            return n < blksize ? finish(new FetchResult.Ok(body.toByteArray())) : Step.PROGRESS;
        }
        if (blocks > 0 && block == (int) (blocks & 0xFFFF)) {
            send(last, lastTo); // the server resent its last block: our ACK got lost
        }
        return Step.IGNORED;
    }

    private FetchResult gaveUp() {
        String wait = timeouts.tftpTimeout().toMillis() + " ms x " + (timeouts.tftpRetries() + 1);
        if (!answered) {
            return new FetchResult.Unreachable("no answer from " + server + " (" + wait + ")");
        }
        quietly(TftpPackets.error(TftpPackets.ERR_NOT_DEFINED, "timed out"), tid);
        return new FetchResult.Failed("transfer broke off after block " + blocks + ": no packet (" + wait + ")");
    }

    private Step abort(int code, String why) {
        quietly(TftpPackets.error(code, why), tid);
        return finish(new FetchResult.Failed(why));
    }

    private Step finish(FetchResult r) {
        result = r;
        return Step.FINISHED;
    }

    private void send(byte[] packet, InetSocketAddress to) throws IOException {
        last = packet;
        lastTo = to;
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    /** An ERROR on the way out: the transfer ends either way, so a failed send changes nothing. */
    private void quietly(byte[] packet, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            log.debug("phonesim.tftp.error_not_sent to={} reason={}", to, e.toString());
        }
    }
}
