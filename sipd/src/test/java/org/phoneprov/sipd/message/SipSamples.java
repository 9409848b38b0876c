package org.phoneprov.sipd.message;

import java.nio.charset.StandardCharsets;

/** Real plug-and-play SUBSCRIBEs, as phones send them to 224.0.1.75:5060 (CRLF line ends). */
public final class SipSamples {
    /** Snom: MAC in the user part as {@code MAC%3a...}, Via with rport and no branch. */
    public static final String SNOM = crlf("""
            SUBSCRIBE sip:MAC%3a00135E874B49@intern.snom.de SIP/2.0
            Via: SIP/2.0/UDP 192.168.10.67:5060;rport
            From: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=658512961
            To: <sip:MAC%3a00135E874B49@intern.snom.de>
            Call-ID: 1930770594@192.168.10.67
            CSeq: 1 SUBSCRIBE
            Event: ua-profile;profile-type="device";vendor="OEM";model="OEM";version="7.1.19"
            Expires: 0
            Accept: application/url
            Contact: <sip:192.168.10.67:5060>
            Content-Length: 0

            """);

    /** AudioCodes: no MAC, no vendor, profile-type application, addressed to the group. */
    public static final String AUDIOCODES = crlf("""
            SUBSCRIBE sip:224.0.1.75:5060 SIP/2.0
            Via: SIP/2.0/UDP 10.13.2.37:5060;branch=z9hG4bKac1182737
            Max-Forwards: 70
            From: <sip:00000001@10.13.2.37:5060>;tag=1c1182737
            To: <sip:224.0.1.75:5060>
            Call-ID: 1182737@10.13.2.37
            CSeq: 1 SUBSCRIBE
            Contact: <sip:00000001@10.13.2.37:5060>
            Event: ua-profile;profile-type="application";model="440HD";version="2.2.2"
            Expires: 0
            Accept: application/url
            Content-Length: 0

            """);

    /** Yealink, every header that has one in compact form (RFC 3261 7.3.3). */
    public static final String YEALINK_COMPACT = crlf("""
            SUBSCRIBE sip:MAC%3A001565aabbcc@224.0.1.75 SIP/2.0
            v: SIP/2.0/UDP 192.168.10.80:5059;rport;branch=z9hG4bK1122
            f: <sip:MAC%3A001565aabbcc@224.0.1.75>;tag=2468
            t: <sip:MAC%3A001565aabbcc@224.0.1.75>
            i: 1357@192.168.10.80
            CSeq: 1 SUBSCRIBE
            o: ua-profile;profile-type=device;vendor=Yealink;model=SIP-T46S;version=66.86.0.15
            m: <sip:192.168.10.80:5059>
            l: 0

            """);

    /**
     * A Gigaset Maxwell 3 as Gigaset's wiki traces it (docs/vendor-formats.md 5): the MAC in the
     * Request-URI as {@code MAC%3A...} at host {@code local}, and no vendor in the Event header.
     * Only the Request-Line and the URL body are in the trace; the rest is what RFC 6080 asks
     * for, with the product name first in the User-Agent ("the PBX identifies it via the
     * SIP-User-Agent header, which is containing at first the product name").
     */
    public static final String GIGASET_MAXWELL = crlf("""
            SUBSCRIBE sip:MAC%3A7C2F8030D21E@local SIP/2.0
            Via: SIP/2.0/UDP 192.168.10.71:5060;branch=z9hG4bK-7c2f8030d21e-1
            From: <sip:MAC%3A7C2F8030D21E@local>;tag=3021
            To: <sip:MAC%3A7C2F8030D21E@local>
            Call-ID: 7c2f8030d21e-1@192.168.10.71
            CSeq: 1 SUBSCRIBE
            Event: ua-profile;profile-type="device"
            User-Agent: Gigaset Maxwell 3/2.11.6
            Expires: 0
            Accept: application/url
            Contact: <sip:192.168.10.71:5060>
            Content-Length: 0

            """);

    /**
     * An N510 IP PRO, as far as is known: its SUBSCRIBE's Event parameters are not documented, so
     * it says vendor="OEM" as Gigaset's Snom-based P-series does (docs/vendor-formats.md 5), and
     * its User-Agent is the one the N510 sends over HTTP (Wazo wazo-gigaset, vendor-formats 2.4).
     */
    public static final String GIGASET_N510 = crlf("""
            SUBSCRIBE sip:MAC%3a7C2F804DF9A9@224.0.1.75 SIP/2.0
            Via: SIP/2.0/UDP 192.168.10.72:5060;rport;branch=z9hG4bK-n510-1
            From: <sip:MAC%3a7C2F804DF9A9@224.0.1.75>;tag=510
            To: <sip:MAC%3a7C2F804DF9A9@224.0.1.75>
            Call-ID: 4df9a9-1@192.168.10.72
            CSeq: 1 SUBSCRIBE
            Event: ua-profile;profile-type="device";vendor="OEM";model="OEM";version="42.245"
            User-Agent: N510 IP PRO/42.245.00.000.000;7C2F804DF9A9
            Expires: 0
            Accept: application/url
            Contact: <sip:192.168.10.72:5060>
            Content-Length: 0

            """);

    /** The phone's answer to our NOTIFY. */
    public static final String OK_TO_NOTIFY = crlf("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP 192.168.10.1:5060;branch=z9hG4bK77;rport=5060
            From: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=abc
            To: <sip:MAC%3a00135E874B49@intern.snom.de>;tag=658512961
            Call-ID: 1930770594@192.168.10.67
            CSeq: 1 NOTIFY
            Content-Length: 0

            """);

    private SipSamples() {
    }

    public static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
