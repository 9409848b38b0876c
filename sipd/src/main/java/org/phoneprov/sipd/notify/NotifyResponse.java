package org.phoneprov.sipd.notify;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.Header;
import javax.sip.header.ViaHeader;
import org.phoneprov.common.auth.DigestAnswer;

/**
 * What a transaction needs of a response to its NOTIFY: the status, the fields it is
 * matched by, and any digest challenges. Plain values, so transactions are tested
 * without building SIP messages.
 *
 * @param branch     the top Via's branch, "" when missing
 * @param challenges the {@code WWW-Authenticate} (401) or {@code Proxy-Authenticate} (407) values
 */
public record NotifyResponse(int status, String reason, String branch, String callId, long cseq, String cseqMethod,
                             List<String> challenges) {

    public NotifyResponse {
        challenges = List.copyOf(challenges);
    }

    /**
     * Parses a datagram. Empty for a request or a keep-alive ({@code CRLFCRLF}, RFC 5626):
     * a client has nothing to do with them.
     *
     * @throws ParseException when it is not SIP
     */
    public static Optional<NotifyResponse> parse(byte[] datagram) throws ParseException {
        if (blank(datagram)) {
            return Optional.empty();
        }
        java.util.Optional<String> unsafe = org.phoneprov.sipd.message.JainSipGuard.refuse(datagram);
        if (unsafe.isPresent()) {
            throw new ParseException("unparseable SIP: " + unsafe.get(), 0);
        }
        SIPMessage m;
        try {
            m = new StringMsgParser().parseSIPMessage(datagram, true, false, null);
        } catch (RuntimeException e) {
            // JAIN-SIP throws unchecked exceptions on some malformed input; a datagram is never our crash.
            ParseException p = new ParseException("unparseable SIP: " + e, 0);
            p.initCause(e);
            throw p;
        }
        if (m == null) {
            throw new ParseException("not a SIP message", 0);
        }
        if (!(m instanceof SIPResponse r)) {
            return Optional.empty();
        }
        ViaHeader via = r.getTopmostViaHeader();
        CallIdHeader callId = r.getCallIdHeader();
        CSeqHeader cseq = r.getCSeqHeader();
        List<String> challenges = new ArrayList<>();
        String challengeHeader = DigestAnswer.challengeHeaderName(r.getStatusCode());
        ListIterator<?> it = r.getHeaders(challengeHeader);
        while (it != null && it.hasNext()) {
            Header h = (Header) it.next();
            challenges.add(h instanceof SIPHeader s ? s.getHeaderValue() : valueOf(h.toString()));
        }
        return Optional.of(new NotifyResponse(r.getStatusCode(),
                r.getReasonPhrase() == null ? "" : r.getReasonPhrase(),
                via == null || via.getBranch() == null ? "" : via.getBranch(),
                callId == null || callId.getCallId() == null ? "" : callId.getCallId(),
                cseq == null ? -1 : cseq.getSeqNumber(),
                cseq == null || cseq.getMethod() == null ? "" : cseq.getMethod(),
                challenges));
    }

    public boolean provisional() {
        return status < 200;
    }

    /** {@code 403 Forbidden}. */
    public String statusLine() {
        return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }

    private static boolean blank(byte[] d) {
        for (byte b : d) {
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t' && b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String valueOf(String headerLine) {
        int colon = headerLine.indexOf(':');
        return (colon < 0 ? headerLine : headerLine.substring(colon + 1)).trim();
    }
}
