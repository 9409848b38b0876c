package org.phoneprov.sipd.message;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.net.InetSocketAddress;
import java.text.ParseException;

/** Responses to a received request, with the Via and To handling RFC 3261 asks of a UAS. */
public final class SipResponses {
    private SipResponses() {
    }

    /**
     * Via(s), From, To, Call-ID and CSeq copied (RFC 3261 8.2.6.2); a To tag added when the
     * request had none (a dialog-creating or error final response needs one); the top Via
     * stamped as {@link #stampVia} says.
     *
     * @param toTag used only when the request's To has no tag yet
     */
    public static SIPResponse to(SIPRequest request, int status, InetSocketAddress source, String toTag)
            throws ParseException {
        SIPResponse r;
        try {
            r = request.createResponse(status);
        } catch (RuntimeException e) {
            // jain-sip copies headers it parsed leniently and may throw on their values only now.
            ParseException p = new ParseException("cannot answer: " + e.getMessage(), 0);
            p.initCause(e);
            throw p;
        }
        if (r.getTo().getTag() == null && status > 100) {
            r.getTo().setTag(toTag);
        }
        Via top = r.getTopmostVia();
        if (top != null) {
            stampVia(top, source);
        }
        return r;
    }

    /**
     * RFC 3261 18.2.1: add {@code received=} when the sent-by host is not the packet's
     * source address. RFC 3581 4: when the client asked with a bare {@code rport}, fill in
     * the source port and always add {@code received=}, so a phone behind NAT learns its
     * public address.
     */
    public static void stampVia(Via via, InetSocketAddress source) throws ParseException {
        if (source.getAddress() == null) {
            return;
        }
        String ip = source.getAddress().getHostAddress();
        int percent = ip.indexOf('%');
        if (percent >= 0) {
            ip = ip.substring(0, percent);
        }
        if (via.hasParameter("rport")) {
            via.setParameter("rport", Integer.toString(source.getPort()));
            via.setReceived(ip);
        } else if (!sameHost(via.getHost(), ip)) {
            via.setReceived(ip);
        }
    }

    private static boolean sameHost(String sentBy, String ip) {
        if (sentBy == null) {
            return false;
        }
        String h = sentBy.startsWith("[") && sentBy.endsWith("]") ? sentBy.substring(1, sentBy.length() - 1) : sentBy;
        return h.equalsIgnoreCase(ip);
    }
}
