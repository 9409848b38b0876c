package org.phoneprov.acsd.cwmp;

import java.util.Optional;

/**
 * One SOAP envelope of a CWMP session (TR-069 Amendment 6, 3.5): the namespace version, the
 * {@code cwmp:ID} header that an answer must echo, {@code cwmp:HoldRequests}, and the one
 * element of the Body, an RPC, an RPC's response, or a SOAP Fault (MaxEnvelopes is 1, so
 * one envelope holds one of them).
 */
public record Envelope(CwmpVersion version, Optional<String> id, boolean holdRequests, XmlNode body) {
    public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/";

    /** The body's element name: {@code Inform}, {@code GetParameterValuesResponse}, ... or {@code Fault}. */
    public String method() {
        return body.name();
    }

    public boolean fault() {
        return body.name().equals("Fault") && SOAP_ENV.equals(body.namespace());
    }
}
