package org.phoneprov.sipd.pnp;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.List;
import java.util.random.RandomGenerator;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.phoneprov.sipd.message.SipBytes;
import org.phoneprov.sipd.message.SipHeaders;
import org.phoneprov.sipd.message.SipIds;
import org.phoneprov.sipd.message.SipResponses;

/**
 * The datagrams of a plug-and-play answer: the 200 that accepts the SUBSCRIBE and the
 * NOTIFY that carries the URL, in the one dialog the SUBSCRIBE created (RFC 6665 4.2.1,
 * 4.2.2; RFC 6080 5.1). The subscription ends at once ({@code Expires: 0},
 * {@code Subscription-State: terminated;reason=timeout}) because a phone fetches its
 * profile once and re-subscribes on its next boot. Both go to the SUBSCRIBE's source
 * address and port, not its Contact: phones send from 1053, 5059 or 5080 as well as 5060,
 * and listen where they sent from.
 *
 * <p>Not thread-safe (the random source); one per handler.
 */
public final class PnpReplies {
    /** RFC 6080 5.1: the NOTIFY body is a URL. */
    static final String CONTENT_TYPE = "application";
    static final String CONTENT_SUBTYPE = "url";

    private final RandomGenerator random;
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();

    /**
     * The two datagrams, in the order they are sent, and what identifies the NOTIFY's
     * client transaction so its response can be matched (RFC 3261 17.1.3).
     *
     * @param notifyBranch the branch of the NOTIFY's (only) Via
     * @param callId       the dialog's Call-ID, the SUBSCRIBE's
     * @param notifyCSeq   the NOTIFY's CSeq number
     */
    public record Exchange(byte[] ok, byte[] notifyRequest, String notifyBranch, String callId, long notifyCSeq) {
    }

    public PnpReplies(RandomGenerator random) {
        this.random = random;
    }

    public PnpReplies() {
        this(new SecureRandom());
    }

    /**
     * @param source where the SUBSCRIBE came from (for Via {@code received}/{@code rport} and the fallback Request-URI)
     * @param local  our unicast address and port, for our Via and Contact
     */
    public Exchange answer(SIPRequest subscribe, String url, InetSocketAddress source, InetSocketAddress local)
            throws ParseException {
        // A re-SUBSCRIBE inside a dialog already carries our tag; keep it so the NOTIFY matches.
        String tag = subscribe.getTo().getTag() != null ? subscribe.getTo().getTag() : SipIds.tag(random);
        try {
            SIPResponse ok = SipResponses.to(subscribe, Response.OK, source, tag);
            ok.setHeader(headers.createExpiresHeader(0));
            ok.setHeader(contact(local));
            SIPRequest n = notify(subscribe, url, tag, source, local);
            return new Exchange(SipBytes.encode(ok), SipBytes.encode(n), n.getTopmostVia().getBranch(),
                    n.getCallId().getCallId(), n.getCSeq().getSeqNumber());
        } catch (InvalidArgumentException e) {
            throw new ParseException(String.valueOf(e.getMessage()), 0);
        } catch (RuntimeException e) {
            // jain-sip checks some values only when it encodes them; what a phone sent is never our crash.
            ParseException p = new ParseException("cannot answer: " + e, 0);
            p.initCause(e);
            throw p;
        }
    }

    /** The error response; ACK never gets one (RFC 3261 17.2.1), and the decision never asks. */
    public byte[] refuse(SIPRequest request, PnpRefusal refusal, InetSocketAddress source) throws ParseException {
        SIPResponse r = SipResponses.to(request, refusal.status(), source, SipIds.tag(random));
        for (String value : refusal.value().split(",")) {
            // One header per value: jain-sip's factory takes a single Allow entry at a time and lists them.
            r.addHeader(headers.createHeader(refusal.header(), value.trim()));
        }
        return SipBytes.encode(r);
    }

    private SIPRequest notify(SIPRequest subscribe, String url, String tag, InetSocketAddress source,
                              InetSocketAddress local) throws ParseException, InvalidArgumentException {
        // The dialog seen from our side (RFC 3261 12.1.1): the SUBSCRIBE's To is our From, its From our To.
        FromHeader from = headers.createFromHeader((Address) subscribe.getTo().getAddress().clone(), tag);
        ToHeader to = headers.createToHeader((Address) subscribe.getFrom().getAddress().clone(),
                subscribe.getFrom().getTag());
        ViaHeader via = headers.createViaHeader(host(local.getAddress()), local.getPort(), "UDP",
                SipIds.branch(random));
        via.setRPort(); // RFC 3581: the phone answers to where the NOTIFY came from
        SIPRequest n = (SIPRequest) messages.createRequest(requestUri(subscribe, source), Request.NOTIFY,
                (CallIdHeader) subscribe.getCallId().clone(), headers.createCSeqHeader(1L, Request.NOTIFY),
                from, to, List.of(via), headers.createMaxForwardsHeader(70));
        n.setHeader(contact(local));
        // RFC 6665 8.2.1: the NOTIFY's Event matches the SUBSCRIBE's, "id" parameter included.
        if (subscribe.getHeader(SipHeaders.EVENT) instanceof SIPHeader event) {
            n.setHeader((SIPHeader) event.clone());
        }
        SubscriptionStateHeader state = headers.createSubscriptionStateHeader(SubscriptionStateHeader.TERMINATED);
        state.setReasonCode(SubscriptionStateHeader.TIMEOUT);
        n.setHeader(state);
        n.setContent(url.getBytes(StandardCharsets.UTF_8),
                headers.createContentTypeHeader(CONTENT_TYPE, CONTENT_SUBTYPE));
        return n;
    }

    /** RFC 6665 4.1.2.4 / RFC 3261 12.1.1: the remote target is the SUBSCRIBE's Contact. */
    private URI requestUri(SIPRequest subscribe, InetSocketAddress source) throws ParseException {
        ContactHeader c = subscribe.getContactHeader();
        // "Contact: *" or a Contact without a host (found by fuzzing) is no target: use the source.
        if (c != null && c.getAddress() != null && !c.getAddress().isWildcard()
                && c.getAddress().getURI() instanceof SipURI s
                && s.getHost() != null && !s.getHost().isEmpty()) {
            return (URI) s.clone();
        }
        SipURI u = addresses.createSipURI(null, host(source.getAddress()));
        u.setPort(source.getPort());
        return u;
    }

    private ContactHeader contact(InetSocketAddress local) throws ParseException {
        SipURI u = addresses.createSipURI(null, host(local.getAddress()));
        u.setPort(local.getPort());
        return headers.createContactHeader(addresses.createAddress(u));
    }

    /** An address as a SIP host: IPv6 in brackets and without a zone (RFC 3261 25.1, RFC 5118). */
    static String host(InetAddress a) {
        String h = a.getHostAddress();
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        return a instanceof Inet6Address ? "[" + h + "]" : h;
    }
}
