package org.phoneprov.acsd.cwmp;

import java.util.ArrayList;
import java.util.List;

/**
 * A ParameterValueStruct (TR-069 Amendment 6, A.3.2.1): a full parameter name, its value as
 * text, and its XML Schema type as written on the wire ({@code xsd:string},
 * {@code xsd:unsignedInt}, {@code xsd:boolean}, ...).
 */
public record ParameterValue(String name, String value, String type) {
    public static ParameterValue string(String name, String value) {
        return new ParameterValue(name, value, "xsd:string");
    }

    public static ParameterValue unsignedInt(String name, long value) {
        return new ParameterValue(name, Long.toString(value), "xsd:unsignedInt");
    }

    public static ParameterValue bool(String name, boolean value) {
        return new ParameterValue(name, value ? "1" : "0", "xsd:boolean");
    }

    /** The ParameterValueStructs of a ParameterList; a missing type reads as xsd:string. */
    public static List<ParameterValue> list(XmlNode parameterList) {
        List<ParameterValue> out = new ArrayList<>();
        for (XmlNode s : parameterList.children("ParameterValueStruct")) {
            XmlNode value = s.child("Value").orElseThrow(() -> new CwmpParseException(
                    CwmpParseException.Reason.BAD_RPC, "a ParameterValueStruct has no Value"));
            out.add(new ParameterValue(s.required("Name"), value.text(),
                    value.attributes().getOrDefault("type", "xsd:string")));
        }
        return out;
    }

    /** Writes {@code <ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[n]">...}. */
    public static void write(XmlText x, List<ParameterValue> values) {
        x.open("ParameterList", "soap-enc:arrayType", "cwmp:ParameterValueStruct[" + values.size() + "]");
        for (ParameterValue p : values) {
            x.open("ParameterValueStruct").leaf("Name", p.name()).leaf("Value", "xsi:type", p.type(), p.value())
                    .close("ParameterValueStruct");
        }
        x.close("ParameterList");
    }

    /** Never print a password value: a name ending in Password is masked. */
    @Override
    public String toString() {
        return name + "=" + (name.endsWith("Password") ? "***" : value);
    }
}
