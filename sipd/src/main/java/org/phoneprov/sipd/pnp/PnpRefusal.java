package org.phoneprov.sipd.pnp;

/**
 * The error answers sent on the unicast socket (never to the multicast group, where
 * another responder may be the right one). Each carries the header RFC 3261 and RFC 6665
 * ask for, so the client learns what would have worked.
 */
public enum PnpRefusal {
    /** RFC 3261 21.4.6: a 405 MUST carry Allow. */
    METHOD_NOT_ALLOWED(405, "Allow", "SUBSCRIBE, NOTIFY"),
    /** RFC 6665 8.3.2 (was RFC 3265 7.3.2): a 489 carries Allow-Events with the packages we serve. */
    BAD_EVENT(489, "Allow-Events", UaProfileEvent.PACKAGE);

    private final int status;
    private final String header;
    private final String value;

    PnpRefusal(int status, String header, String value) {
        this.status = status;
        this.header = header;
        this.value = value;
    }

    public int status() {
        return status;
    }

    public String header() {
        return header;
    }

    public String value() {
        return value;
    }
}
