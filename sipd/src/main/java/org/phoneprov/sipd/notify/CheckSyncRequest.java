package org.phoneprov.sipd.notify;

import gov.nist.javax.sip.message.SIPRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * One check-sync NOTIFY as APS seed 3.4 shows it, built with JAIN-SIP and immutable.
 * Outside a subscription, so {@code Subscription-State: terminated} (RFC 6665 8.2.3
 * requires the header in every NOTIFY), and no body.
 */
public final class CheckSyncRequest {
    public static final String METHOD = "NOTIFY";
    /** The user part of our From and Contact: what a phone's log shows as the sender. */
    public static final String FROM_USER = "phoneprov";

    /** An answer to a digest challenge: {@code Authorization} or {@code Proxy-Authorization}. */
    public record Credentials(String header, String value) {
    }

    private final String user;
    private final InetSocketAddress target;
    private final InetSocketAddress source;
    private final String event;
    private final String callId;
    private final String fromTag;
    private final long cseq;
    private final String branch;
    private final Optional<Credentials> credentials;
    private final String requestUri;
    private final byte[] bytes;

    CheckSyncRequest(String user, InetSocketAddress target, InetSocketAddress source, String event, String callId,
                     String fromTag, long cseq, String branch, Optional<Credentials> credentials) {
        this.user = user;
        this.target = target;
        this.source = source;
        this.event = event;
        this.callId = callId;
        this.fromTag = fromTag;
        this.cseq = cseq;
        this.branch = branch;
        this.credentials = credentials;
        this.requestUri = "sip:" + user + "@" + host(target.getAddress()) + ":" + target.getPort();
        this.bytes = build();
    }

    /** The first NOTIFY to a target, with fresh Call-ID, tag and branch, from our bound address. */
    public static CheckSyncRequest first(Target t, InetSocketAddress source, boolean reboot) {
        return new CheckSyncRequest(t.user(), t.address(), source, t.dialect().event(reboot),
                RandomIds.callId() + "@" + host(source.getAddress()), RandomIds.tag(), 1, RandomIds.branch(),
                Optional.empty());
    }

    /**
     * The same NOTIFY again with credentials: same Call-ID and From tag, the next CSeq
     * and a new branch, since it is a new transaction (RFC 3261 22.2).
     */
    public CheckSyncRequest withCredentials(Credentials c) {
        return new CheckSyncRequest(user, target, source, event, callId, fromTag, cseq + 1, RandomIds.branch(),
                Optional.of(c));
    }

    private byte[] build() {
        try {
            Factories f = Factories.INSTANCE;
            String sourceHost = host(source.getAddress());
            SipURI uri = f.addresses.createSipURI(user, host(target.getAddress()));
            uri.setPort(target.getPort());
            SipURI toUri = f.addresses.createSipURI(user, host(target.getAddress()));
            toUri.setPort(target.getPort());
            SipURI fromUri = f.addresses.createSipURI(FROM_USER, sourceHost);
            SipURI contactUri = f.addresses.createSipURI(FROM_USER, sourceHost);
            contactUri.setPort(source.getPort());
            ViaHeader via = f.headers.createViaHeader(sourceHost, source.getPort(), "UDP", branch);
            // rport (RFC 3581): a phone behind NAT answers to where the NOTIFY came from.
            via.setRPort();
            Request r = f.messages.createRequest(uri, METHOD, f.headers.createCallIdHeader(callId),
                    f.headers.createCSeqHeader(cseq, METHOD),
                    f.headers.createFromHeader(f.addresses.createAddress(fromUri), fromTag),
                    f.headers.createToHeader(f.addresses.createAddress(toUri), null),
                    List.of(via), f.headers.createMaxForwardsHeader(70));
            r.addHeader(f.headers.createContactHeader(f.addresses.createAddress(contactUri)));
            r.addHeader(f.headers.createHeader("Event", event));
            r.addHeader(f.headers.createSubscriptionStateHeader("terminated"));
            if (credentials.isPresent()) {
                r.addHeader(f.headers.createHeader(credentials.get().header(), credentials.get().value()));
            }
            r.setHeader(f.headers.createContentLengthHeader(0));
            return ((SIPRequest) r).encodeAsBytes("UDP");
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot build a NOTIFY to " + requestUri + " with Event: " + event
                    + ": " + e.getMessage(), e);
        }
    }

    static String host(InetAddress a) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    public String user() {
        return user;
    }

    public InetSocketAddress target() {
        return target;
    }

    public InetSocketAddress source() {
        return source;
    }

    /** The Event header value, e.g. {@code check-sync;reboot=true}. */
    public String event() {
        return event;
    }

    public String callId() {
        return callId;
    }

    public String fromTag() {
        return fromTag;
    }

    public long cseq() {
        return cseq;
    }

    public String branch() {
        return branch;
    }

    public Optional<Credentials> credentials() {
        return credentials;
    }

    /** {@code sip:201@192.0.2.50:5060}: also the digest {@code uri}. */
    public String requestUri() {
        return requestUri;
    }

    /** The datagram; a copy, so the request stays immutable. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return METHOD + " " + requestUri + " Event: " + event + " CSeq: " + cseq + " branch=" + branch;
    }

    /** JAIN-SIP's factories: created once; they hold no per-message state. */
    private static final class Factories {
        static final Factories INSTANCE = new Factories();
        final AddressFactory addresses;
        final HeaderFactory headers;
        final MessageFactory messages;

        private Factories() {
            try {
                SipFactory f = SipFactory.getInstance();
                f.setPathName("gov.nist");
                addresses = f.createAddressFactory();
                headers = f.createHeaderFactory();
                messages = f.createMessageFactory();
            } catch (PeerUnavailableException e) {
                throw new IllegalStateException("JAIN-SIP reference implementation missing: " + e.getMessage(), e);
            }
        }
    }
}
