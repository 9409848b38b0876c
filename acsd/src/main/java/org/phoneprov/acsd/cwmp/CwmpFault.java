package org.phoneprov.acsd.cwmp;

import java.util.ArrayList;
import java.util.List;

/**
 * A CPE's SOAP Fault in answer to an ACS request (TR-069 Amendment 6, A.5.1): the CWMP fault
 * code and string from {@code detail/cwmp:Fault}, and for SetParameterValues the
 * SetParameterValuesFault list naming each parameter that failed and why.
 */
public record CwmpFault(FaultCode code, String text, List<ParameterFault> parameters) {
    public CwmpFault {
        parameters = List.copyOf(parameters);
    }

    public record ParameterFault(String name, FaultCode code, String text) {
    }

    public static CwmpFault decode(XmlNode soapFault) {
        XmlNode f = soapFault.child("detail").flatMap(d -> d.child("Fault")).orElseThrow(() -> new CwmpParseException(
                CwmpParseException.Reason.BAD_RPC, "a SOAP Fault without detail/cwmp:Fault"));
        List<ParameterFault> params = new ArrayList<>();
        for (XmlNode p : f.children("SetParameterValuesFault")) {
            params.add(new ParameterFault(p.text("ParameterName").orElse(""),
                    FaultCode.valueOf((int) p.number("FaultCode")), p.text("FaultString").orElse("")));
        }
        return new CwmpFault(FaultCode.valueOf((int) f.number("FaultCode")), f.text("FaultString").orElse(""), params);
    }

    /** {@code 9005 Invalid parameter name} form, for events and task results. */
    public String summary() {
        StringBuilder b = new StringBuilder().append(code.code()).append(' ').append(text.isEmpty() ? code.text() : text);
        for (ParameterFault p : parameters) {
            b.append("; ").append(p.name).append(": ").append(p.code.code());
        }
        return b.toString();
    }
}
