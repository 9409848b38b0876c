package org.phoneprov.phonesim.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated phone's SIP port, as far as provisioning goes: it obeys check-sync
 * NOTIFYs (APS seed 3.4) from trusted sources. {@code AuthNotifyCheckSync} decides who is
 * trusted ({@code obeys}); "Packets coming from not trusted ip's will be ignored", so an
 * untrusted source gets no answer at all. A trusted check-sync gets {@code 200 OK} and
 * then {@code onCheckSync}, which runs on the receive thread and must return quickly
 * (hand the work to the phone's own thread). With {@link SipCredentials}, a NOTIFY must
 * also pass a Digest challenge first ({@link DigestGuard}).
 *
 * <p>Other requests get 405, other events 489 (RFC 6665 8.2.2); responses and anything
 * that is not SIP are dropped and counted. Retransmissions get the first answer again and
 * are obeyed once ({@link RecentAnswers}). Nothing received can stop the receive thread.
 */
public final class PhoneSipPort implements AutoCloseable {
    /** RFC 3261 18.1.1 keeps UDP messages near the MTU; a check-sync is some 500 bytes. */
    static final int MAX_DATAGRAM = 8192;
    private static final int POLL_MILLIS = 500;
    private static final String METHOD = "NOTIFY";

    private static final Logger log = LoggerFactory.getLogger(PhoneSipPort.class);

    private final DatagramSocket socket;
    private final Predicate<InetAddress> obeys;
    private final Consumer<CheckSync> onCheckSync;
    private final Optional<DigestGuard> guard;
    private final RecentAnswers recent = new RecentAnswers(System::nanoTime);
    private final SipAnswers answers = new SipAnswers();
    private final AtomicInteger obeyed = new AtomicInteger();
    private final AtomicInteger ignored = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Thread receiver;
    private volatile boolean closed;

    /**
     * @param bindAt      the phone's SIP address, usually its leased address and port 5060
     * @param obeys       whether a source is trusted ({@code AuthNotifyCheckSync}; 0.0.0.0 trusts all)
     * @param onCheckSync what the phone does with an obeyed check-sync; quick, see above
     * @throws UncheckedIOException when the port cannot be bound
     */
    public PhoneSipPort(InetSocketAddress bindAt, Predicate<InetAddress> obeys, Consumer<CheckSync> onCheckSync) {
        this(bindAt, obeys, onCheckSync, Optional.empty());
    }

    /** As above, and a NOTIFY must answer a Digest challenge for {@code credentials} first. */
    public PhoneSipPort(InetSocketAddress bindAt, Predicate<InetAddress> obeys, Consumer<CheckSync> onCheckSync,
                        SipCredentials credentials) {
        this(bindAt, obeys, onCheckSync, Optional.of(credentials));
    }

    private PhoneSipPort(InetSocketAddress bindAt, Predicate<InetAddress> obeys, Consumer<CheckSync> onCheckSync,
                         Optional<SipCredentials> credentials) {
        this.obeys = obeys;
        this.onCheckSync = onCheckSync;
        this.guard = credentials.map(c -> new DigestGuard(c, System::nanoTime));
        try {
            this.socket = new DatagramSocket(bindAt);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind the phone's SIP port " + bindAt + ": " + e.getMessage(), e);
        }
        try {
            socket.setSoTimeout(POLL_MILLIS);
        } catch (SocketException e) {
            socket.close();
            throw new UncheckedIOException("cannot set up the phone's SIP port " + bindAt, e);
        }
        this.receiver = new Thread(this::receiveLoop, "phonesim-sip-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    /** Check-syncs answered 200 and handed to the phone. */
    public int obeyed() {
        return obeyed.get();
    }

    /** Requests from untrusted sources, left unanswered. */
    public int ignored() {
        return ignored.get();
    }

    /** Datagrams that were not SIP requests: garbage, responses, oversized. */
    public int dropped() {
        return dropped.get();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void receiveLoop() {
        byte[] buf = new byte[MAX_DATAGRAM + 1];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            p.setLength(buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (closed || socket.isClosed()) {
                    return;
                }
                log.debug("phonesim.sip.receive_failed reason={}", e.toString());
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            try {
                handle(java.util.Arrays.copyOf(buf, p.getLength()), from);
            } catch (RuntimeException | Error e) {
                // jain-sip or the phone's callback tripped: this datagram is lost, the port keeps serving.
                dropped.incrementAndGet();
                log.debug("phonesim.sip.handler_failed from={} reason={}", from, e.toString());
            }
        }
    }

    private void handle(byte[] datagram, InetSocketAddress from) {
        Optional<SIPRequest> parsed = parse(datagram);
        if (parsed.isEmpty()) {
            dropped.incrementAndGet();
            log.debug("phonesim.sip.drop from={} reason=not a SIP request", from);
            return;
        }
        SIPRequest r = parsed.get();
        String method = r.getMethod();
        if (method.equals("ACK")) {
            return; // never answered (RFC 3261 17.2.1)
        }
        if (!obeys.test(from.getAddress())) {
            ignored.incrementAndGet();
            log.debug("phonesim.sip.ignore from={} method={} reason=untrusted source", from, method);
            return;
        }
        String key = RecentAnswers.key(r.getCallId().getCallId(), r.getCSeq().getSeqNumber(), method);
        Optional<byte[]> again = recent.find(key);
        if (again.isPresent()) {
            send(again.get(), from);
            return;
        }
        if (!method.equals(METHOD)) {
            answer(r, key, from, 405, Map.of("Allow", METHOD));
            return;
        }
        Optional<Boolean> reboot = RawSipHeaders.value(datagram, "Event", "o").flatMap(CheckSyncEvent::reboot);
        if (reboot.isEmpty()) {
            answer(r, key, from, 489, Map.of("Allow-Events", CheckSyncEvent.EVENT));
            return;
        }
        if (guard.isPresent() && !authorized(guard.get(), r, datagram, key, from)) {
            return;
        }
        obeyed.incrementAndGet(); // before the 200 leaves, so whoever saw the 200 sees the count
        answer(r, key, from, 200, Map.of());
        log.info("phonesim.sip.check_sync from={} reboot={}", from, reboot.get());
        try {
            onCheckSync.accept(new CheckSync(from, reboot.get()));
        } catch (RuntimeException e) {
            // The phone's trouble, not the port's: the 200 is out, the next NOTIFY is served as usual.
            log.warn("phonesim.sip.callback_failed from={} reason={}", from, e.toString());
        }
    }

    /** Answers 401 or 403 itself and returns false, unless the credentials verify. */
    private boolean authorized(DigestGuard g, SIPRequest r, byte[] datagram, String key, InetSocketAddress from) {
        String uri = RawSipHeaders.requestUri(datagram).orElse("");
        DigestGuard.Verdict v = g.check(RawSipHeaders.value(datagram, "Authorization", null), r.getMethod(), uri);
        switch (v) {
            case ACCEPT -> {
                return true;
            }
            case CHALLENGE, STALE -> {
                Map<String, String> h = new LinkedHashMap<>();
                h.put("WWW-Authenticate", g.challenge(v == DigestGuard.Verdict.STALE));
                answer(r, key, from, 401, h);
            }
            case FORBID -> {
                log.info("phonesim.sip.forbidden from={} reason=credentials do not verify", from);
                answer(r, key, from, 403, Map.of());
            }
        }
        return false;
    }

    private void answer(SIPRequest r, String key, InetSocketAddress to, int status, Map<String, String> extra) {
        byte[] bytes;
        try {
            bytes = answers.answer(r, status, extra);
        } catch (java.text.ParseException e) {
            dropped.incrementAndGet();
            log.debug("phonesim.sip.no_answer to={} status={} reason={}", to, status, e.getMessage());
            return;
        }
        recent.remember(key, bytes);
        send(bytes, to);
    }

    private void send(byte[] bytes, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            // The sender retransmits on silence (RFC 3261 17.1.2.2), and we answer its retransmission.
            log.debug("phonesim.sip.send_failed to={} reason={}", to, e.toString());
        }
    }

    /** A request with the headers an answer needs, or empty; jain-sip fails in many ways on garbage. */
    private static Optional<SIPRequest> parse(byte[] datagram) {
        if (datagram.length == 0 || datagram.length > MAX_DATAGRAM) {
            return Optional.empty();
        }
        SIPMessage m;
        try {
            m = new StringMsgParser().parseSIPMessage(datagram, true, false, null);
        } catch (Throwable t) {
            return Optional.empty();
        }
        if (!(m instanceof SIPRequest r) || r.getCallId() == null || r.getCSeq() == null || r.getFrom() == null
                || r.getTo() == null || r.getViaHeaders() == null || r.getViaHeaders().isEmpty()
                || r.getMethod() == null) {
            return Optional.empty();
        }
        return Optional.of(r);
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            receiver.join(2L * POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
