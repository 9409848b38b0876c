package org.phoneprov.sipd.message;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Optional;
import javax.sip.header.Header;

/** Header names this daemon reads or writes, and a tolerant way to read one's value. */
public final class SipHeaders {
    public static final String EVENT = "Event";
    public static final String ALLOW = "Allow";
    public static final String ALLOW_EVENTS = "Allow-Events";
    public static final String SUBSCRIPTION_STATE = "Subscription-State";
    public static final String USER_AGENT = "User-Agent";

    private SipHeaders() {
    }

    /** The value after the colon, as jain-sip encodes it (or as received, for a restored header). */
    public static Optional<String> value(SIPMessage m, String name) {
        Header h = m.getHeader(name);
        if (h instanceof SIPHeader s) {
            return Optional.ofNullable(s.getHeaderValue()).map(String::trim);
        }
        return Optional.empty();
    }
}
