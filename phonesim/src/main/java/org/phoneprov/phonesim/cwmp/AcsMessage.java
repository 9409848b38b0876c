package org.phoneprov.phonesim.cwmp;

import java.util.Optional;

/**
 * One SOAP envelope from the ACS, as {@link SoapReader} read it: the header's cwmp:ID and
 * HoldRequests (TR-069 Amendment 6, A.2.2 "SOAP Headers"), the cwmp namespace it used, and
 * what its body is.
 */
public record AcsMessage(Optional<String> id, boolean holdRequests, String cwmpNamespace, Body body) {
    /** What the body held. */
    public sealed interface Body {
    }

    /** A request for the CPE to answer. */
    public record Request(CpeRequest request) implements Body {
    }

    /** A.3.3.1: the answer to the CPE's Inform. */
    public record InformResponse(int maxEnvelopes) implements Body {
    }

    /** A.3.3.2: the answer to the CPE's TransferComplete. */
    public record TransferCompleteResponse() implements Body {
    }

    /** The ACS's SOAP Fault to a CPE request (A.5.2: 8000-8899; 8005 asks for a retry). */
    public record Fault(int code, String text) implements Body {
    }
}
