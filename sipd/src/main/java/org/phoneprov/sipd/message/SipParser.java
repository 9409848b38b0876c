package org.phoneprov.sipd.message;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One UDP datagram → {@link SipParse}: a request, a response, or a drop with its
 * {@link SipDrop} reason. Never throws: jain-sip's lexer fails in many ways on hostile
 * input, and no input may take the daemon down.
 *
 * <p>jain-sip silently leaves out a header it cannot parse. For the {@code Event} header
 * that would lose exactly the requests plug-and-play must be tolerant of (phones write
 * {@code version=1.2/3}, {@code mac=00:15:65:...}, unquoted values with spaces), so a
 * dropped {@code Event} is put back as an extension header with its raw value.
 */
public final class SipParser {
    /** Larger than any real SUBSCRIBE or NOTIFY; RFC 3261 18.1.1 keeps UDP messages near the MTU. */
    public static final int MAX_DATAGRAM = 8192;

    /** RFC 3261 7.1: Method SP Request-URI SP SIP-Version; the method is a token (25.1). */
    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+ \\S+ (?i:SIP/2\\.0)");
    /** RFC 3261 7.2: SIP-Version SP Status-Code SP Reason-Phrase; some stacks leave out an empty phrase. */
    private static final Pattern STATUS_LINE = Pattern.compile("(?i:SIP/2\\.0) [1-6][0-9][0-9]( [^\\r\\n]*)?");
    private static final int MAX_FIRST_LINE = 1024;

    private SipParser() {
    }

    public static SipParse parse(byte[] datagram) {
        if (datagram.length > MAX_DATAGRAM) {
            return new SipParse.Dropped(SipDrop.OVERSIZED, "bytes=" + datagram.length);
        }
        int start = 0;
        while (start < datagram.length && (datagram[start] == '\r' || datagram[start] == '\n')) {
            start++;
        }
        if (start == datagram.length) {
            return new SipParse.Dropped(SipDrop.EMPTY, "bytes=" + datagram.length);
        }
        if (!sipFirstLine(datagram, start)) {
            return new SipParse.Dropped(SipDrop.NOT_SIP, "first line not a SIP request or status line");
        }
        byte[] message = start == 0 ? datagram : Arrays.copyOfRange(datagram, start, datagram.length);
        Optional<String> unsafe = JainSipGuard.refuse(message);
        if (unsafe.isPresent()) {
            return new SipParse.Dropped(SipDrop.MALFORMED, unsafe.get());
        }
        SIPMessage m;
        try {
            m = new StringMsgParser().parseSIPMessage(message, true, false, null);
        } catch (Throwable t) {
            // jain-sip's messages start with the input's char[] identity ("[C@1b2c3d"): noise in a log line.
            String why = String.valueOf(t.getMessage()).replaceAll("\\[C@[0-9a-f]+", "").trim();
            // A ParseException's text says what is wrong; any other throwable is jain-sip tripping over the input.
            String kind = t instanceof java.text.ParseException ? "" : t.getClass().getSimpleName() + ": ";
            return new SipParse.Dropped(SipDrop.MALFORMED, Printable.of(kind + why, 160));
        }
        if (m == null) {
            return new SipParse.Dropped(SipDrop.MALFORMED, "no message");
        }
        Optional<String> missing = missingHeader(m);
        if (missing.isPresent()) {
            return new SipParse.Dropped(SipDrop.MISSING_HEADER, missing.get());
        }
        Optional<String> badPort = badRport(m);
        if (badPort.isPresent()) {
            return new SipParse.Dropped(SipDrop.MALFORMED, badPort.get());
        }
        if (m instanceof SIPRequest r) {
            try {
                restoreEvent(r, message);
            } catch (Throwable t) {
                return new SipParse.Dropped(SipDrop.MALFORMED, "Event header: " + Printable.of(t.getMessage(), 60));
            }
            return new SipParse.Request(r);
        }
        if (m instanceof SIPResponse r) {
            return new SipParse.Response(r);
        }
        return new SipParse.Dropped(SipDrop.MALFORMED, "neither request nor response");
    }

    private static boolean sipFirstLine(byte[] d, int start) {
        int end = start;
        while (end < d.length && d[end] != '\n' && end - start < MAX_FIRST_LINE) {
            end++;
        }
        if (end > start && d[end - 1] == '\r') {
            end--;
        }
        String line = new String(d, start, end - start, StandardCharsets.ISO_8859_1);
        return REQUEST_LINE.matcher(line).matches() || STATUS_LINE.matcher(line).matches();
    }

    /** RFC 3261 8.1.1: the headers every request carries; 8.2.2.3 / 12.2.1.1: CSeq names the request's method. */
    private static Optional<String> missingHeader(SIPMessage m) {
        if (m.getCallId() == null) {
            return Optional.of("Call-ID");
        }
        if (m.getCSeq() == null) {
            return Optional.of("CSeq");
        }
        if (m.getFrom() == null) {
            return Optional.of("From");
        }
        if (m.getTo() == null) {
            return Optional.of("To");
        }
        if (m.getViaHeaders() == null || m.getViaHeaders().isEmpty()) {
            return Optional.of("Via");
        }
        if (m instanceof SIPRequest r && !r.getMethod().equals(r.getCSeq().getMethod())) {
            return Optional.of("CSeq method " + Printable.of(r.getCSeq().getMethod(), 20) + " for "
                    + Printable.of(r.getMethod(), 20));
        }
        return Optional.empty();
    }

    private static void restoreEvent(SIPRequest r, byte[] message) throws java.text.ParseException {
        if (r.getHeader(SipHeaders.EVENT) != null) {
            return;
        }
        Optional<String> raw = RawHeaders.value(message, SipHeaders.EVENT, "o");
        if (raw.isPresent()) {
            ExtensionHeaderImpl event = new ExtensionHeaderImpl(SipHeaders.EVENT);
            event.setValue(raw.get());
            r.setHeader(event);
        }
    }

    /**
     * RFC 3581: {@code rport} is empty in a request or a port number. jain-sip keeps any
     * text and throws NumberFormatException later, when a response copies the Via (found
     * by fuzzing), so a Via whose rport is not a port is refused here.
     */
    private static Optional<String> badRport(SIPMessage m) {
        javax.sip.header.ViaHeader bad = null;
        for (java.util.ListIterator<?> it = m.getHeaders(javax.sip.header.ViaHeader.NAME); it.hasNext(); ) {
            Object h = it.next();
            if (h instanceof javax.sip.header.ViaHeader v) {
                String rport = v.getParameter("rport");
                if (rport != null && !rport.isEmpty() && !rport.matches("[0-9]{1,5}")) {
                    bad = v;
                    break;
                }
            }
        }
        return bad == null ? Optional.empty()
                : Optional.of("Via rport=" + Printable.of(bad.getParameter("rport"), 20) + " is not a port");
    }
}
