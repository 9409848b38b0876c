package org.phoneprov.sipd.pnp;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.Locale;
import java.util.Optional;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import org.phoneprov.common.mac.Mac;

/**
 * Finds the phone's MAC in a plug-and-play SUBSCRIBE. Phones put it in the user part
 * (Snom {@code sip:MAC%3a00135E874B49@...}, Yealink {@code MAC%3A001565aabbcc}, others
 * {@code MAC:...}, {@code MAC=...} or the bare 12 hex digits) of the Request-URI, From or
 * To, or in a {@code mac} parameter of the Event or Contact header; looked for in that
 * order (the Request-URI is what RFC 6080 5.1 says identifies the device).
 *
 * <p>A bare user part is taken as a MAC only if it is exactly 12 hex digits (or 6
 * separated pairs), so a 12-digit phone number would be misread; unprovisioned phones do
 * not have numbers yet, and a multicast or all-zero address is never taken.
 */
public final class PnpMac {
    private PnpMac() {
    }

    public static Optional<Mac> find(SIPRequest r, Optional<UaProfileEvent> event) {
        return fromUri(r.getRequestURI())
                .or(() -> fromAddress(r.getFrom() == null ? null : r.getFrom().getAddress()))
                .or(() -> fromAddress(r.getTo() == null ? null : r.getTo().getAddress()))
                .or(() -> event.flatMap(UaProfileEvent::mac).flatMap(PnpMac::fromUser))
                .or(() -> fromContact(r.getContactHeader()));
    }

    /** {@code MAC%3a00135E874B49}, {@code MAC:00-13-5e-87-4b-49}, {@code MAC=...}, {@code 00135e874b49}. */
    public static Optional<Mac> fromUser(String user) {
        if (user == null) {
            return Optional.empty();
        }
        String u = UrlCoding.decode(user).trim();
        if (u.length() > 4 && u.substring(0, 3).toLowerCase(Locale.ROOT).equals("mac")
                && (u.charAt(3) == ':' || u.charAt(3) == '=')) {
            u = u.substring(4).trim();
        }
        return Mac.parse(u).filter(PnpMac::isDevice);
    }

    /** Not all-zero and not a group address: what a phone's own interface can have. */
    static boolean isDevice(Mac m) {
        return m.value() != 0 && (m.oui() & 0x010000) == 0;
    }

    private static Optional<Mac> fromAddress(Address a) {
        return a == null ? Optional.empty() : fromUri(a.getURI());
    }

    /** An unescaped {@code sip:MAC:001565aabbcc@host} is, by RFC 3261 19.1.1, user "MAC" with that as its password. */
    private static Optional<Mac> fromUri(URI uri) {
        if (!(uri instanceof SipURI s)) {
            return Optional.empty();
        }
        if ("mac".equalsIgnoreCase(s.getUser()) && s.getUserPassword() != null) {
            return fromUser(s.getUserPassword());
        }
        return fromUser(s.getUser());
    }

    private static Optional<Mac> fromContact(ContactHeader c) {
        if (c == null) {
            return Optional.empty();
        }
        Optional<Mac> header = fromUser(c.getParameter("mac"));
        if (header.isPresent() || c.getAddress() == null) {
            return header;
        }
        return c.getAddress().getURI() instanceof SipURI s ? fromUser(s.getParameter("mac")) : Optional.empty();
    }
}
