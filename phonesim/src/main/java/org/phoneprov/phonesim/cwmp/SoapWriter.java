package org.phoneprov.phonesim.cwmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the CPE's envelopes with a StAX stream writer, so every text and attribute is
 * escaped by the writer: prefixes {@code soap}, {@code soap-enc}, {@code xsd}, {@code xsi} and
 * {@code cwmp} (TR-069 Amendment 6, A.2 and A.3), the RPC element qualified, its arguments
 * unqualified, arrays with {@code soap-enc:arrayType} (A.2.2.2: "cwmp:ParameterValueStruct[3]").
 * One envelope per message: this CPE sends MaxEnvelopes 1, as the Gigaset seed fixes it.
 */
public final class SoapWriter {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    /** Writes one RPC element's content. */
    interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private SoapWriter() {
    }

    /**
     * An envelope with {@code cwmp:ID} (mustUnderstand 1) and, for an Inform, the versions this
     * CPE supports ({@code cwmp:SupportedCWMPVersions}, mustUnderstand 0, 3.7.4: an ACS of an
     * older version ignores it).
     */
    static byte[] envelope(String ns, String id, boolean versions, String method, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            open(w, ns, id);
            if (versions) {
                w.writeStartElement("cwmp", "SupportedCWMPVersions", ns);
                w.writeAttribute("soap", SoapNames.ENV, "mustUnderstand", "0");
                w.writeCharacters(String.join(",", SoapNames.VERSIONS));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeStartElement("soap", "Body", SoapNames.ENV);
            w.writeStartElement("cwmp", method, ns);
            body.write(w);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing " + method + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** A.3.3.1 Inform. */
    public static byte[] inform(String id, CpeIdentity device, List<CwmpEvent> events, String currentTime,
                                int retryCount, List<ParameterTree.Value> params) {
        return envelope(SoapNames.CWMP_1_4, id, true, "Inform", w -> {
            w.writeStartElement("DeviceId");
            leaf(w, "Manufacturer", device.manufacturer());
            leaf(w, "OUI", device.oui());
            leaf(w, "ProductClass", device.productClass());
            leaf(w, "SerialNumber", device.serialNumber());
            w.writeEndElement();
            array(w, "Event", "cwmp:EventStruct", events.size());
            for (CwmpEvent e : events) {
                w.writeStartElement("EventStruct");
                leaf(w, "EventCode", e.code());
                leaf(w, "CommandKey", e.commandKey());
                w.writeEndElement();
            }
            w.writeEndElement();
            leaf(w, "MaxEnvelopes", "1");
            leaf(w, "CurrentTime", currentTime);
            leaf(w, "RetryCount", Integer.toString(retryCount));
            valueList(w, params);
        });
    }

    /** A.3.3.2 TransferComplete; a FaultCode of 0 is success. */
    public static byte[] transferComplete(String ns, String id, String commandKey, int faultCode, String faultString,
                                          String startTime, String completeTime) {
        return envelope(ns, id, false, "TransferComplete", w -> {
            leaf(w, "CommandKey", commandKey);
            w.writeStartElement("FaultStruct");
            leaf(w, "FaultCode", Integer.toString(faultCode));
            leaf(w, "FaultString", faultString);
            w.writeEndElement();
            leaf(w, "StartTime", startTime);
            leaf(w, "CompleteTime", completeTime);
        });
    }

    static byte[] rpcMethods(String ns, String id) {
        return envelope(ns, id, false, "GetRPCMethodsResponse", w -> {
            array(w, "MethodList", "xsd:string", CpeRequest.SUPPORTED.size());
            for (String m : CpeRequest.SUPPORTED) {
                leaf(w, "string", m);
            }
            w.writeEndElement();
        });
    }

    static byte[] names(String ns, String id, List<ParameterTree.Info> infos) {
        return envelope(ns, id, false, "GetParameterNamesResponse", w -> {
            array(w, "ParameterList", "cwmp:ParameterInfoStruct", infos.size());
            for (ParameterTree.Info i : infos) {
                w.writeStartElement("ParameterInfoStruct");
                leaf(w, "Name", i.name());
                leaf(w, "Writable", i.writable() ? "1" : "0");
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    static byte[] values(String ns, String id, List<ParameterTree.Value> values) {
        return envelope(ns, id, false, "GetParameterValuesResponse", w -> valueList(w, values));
    }

    static byte[] attributes(String ns, String id, Map<String, ParameterTree.Attributes> attrs) {
        return envelope(ns, id, false, "GetParameterAttributesResponse", w -> {
            array(w, "ParameterList", "cwmp:ParameterAttributeStruct", attrs.size());
            for (Map.Entry<String, ParameterTree.Attributes> a : attrs.entrySet()) {
                w.writeStartElement("ParameterAttributeStruct");
                leaf(w, "Name", a.getKey());
                leaf(w, "Notification", Integer.toString(a.getValue().notification()));
                array(w, "AccessList", "xsd:string", a.getValue().accessList().size());
                for (String s : a.getValue().accessList()) {
                    leaf(w, "string", s);
                }
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** A response whose arguments are all simple: {@code Status}, {@code InstanceNumber} and the like, in order. */
    static byte[] simple(String ns, String id, String method, Map<String, String> args) {
        return envelope(ns, id, false, method, w -> {
            for (Map.Entry<String, String> a : args.entrySet()) {
                leaf(w, a.getKey(), a.getValue());
            }
        });
    }

    /**
     * A CPE fault (A.5.1): soap:Fault with faultcode Client or Server, faultstring "CWMP fault",
     * detail/cwmp:Fault, and for SetParameterValues a SetParameterValuesFault per parameter.
     */
    static byte[] fault(String ns, String id, CwmpFault f, Optional<String> method) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            open(w, ns, id);
            w.writeEndElement();
            w.writeStartElement("soap", "Body", SoapNames.ENV);
            w.writeStartElement("soap", "Fault", SoapNames.ENV);
            leaf(w, "faultcode", f.soapFaultCode());
            leaf(w, "faultstring", "CWMP fault");
            w.writeStartElement("detail");
            w.writeStartElement("cwmp", "Fault", ns);
            leaf(w, "FaultCode", Integer.toString(f.code()));
            leaf(w, "FaultString", f.text());
            if (method.filter("SetParameterValues"::equals).isPresent()) {
                for (CwmpFault.ParamFault p : f.params()) {
                    w.writeStartElement("SetParameterValuesFault");
                    leaf(w, "ParameterName", p.name());
                    leaf(w, "FaultCode", Integer.toString(p.code()));
                    leaf(w, "FaultString", p.text());
                    w.writeEndElement();
                }
            }
            for (int i = 0; i < 5; i++) {
                w.writeEndElement(); // cwmp:Fault, detail, soap:Fault, Body, Envelope
            }
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing a fault: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The document, the Envelope with every namespace, and the open Header with its cwmp:ID. */
    private static void open(XMLStreamWriter w, String ns, String id) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("soap", "Envelope", SoapNames.ENV);
        w.writeNamespace("soap", SoapNames.ENV);
        w.writeNamespace("soap-enc", SoapNames.ENC);
        w.writeNamespace("xsd", SoapNames.XSD);
        w.writeNamespace("xsi", SoapNames.XSI);
        w.writeNamespace("cwmp", ns);
        w.writeStartElement("soap", "Header", SoapNames.ENV);
        w.writeStartElement("cwmp", "ID", ns);
        w.writeAttribute("soap", SoapNames.ENV, "mustUnderstand", "1");
        w.writeCharacters(id);
        w.writeEndElement();
    }

    private static void valueList(XMLStreamWriter w, List<ParameterTree.Value> params) throws XMLStreamException {
        array(w, "ParameterList", "cwmp:ParameterValueStruct", params.size());
        for (ParameterTree.Value p : params) {
            w.writeStartElement("ParameterValueStruct");
            leaf(w, "Name", p.name());
            w.writeStartElement("Value");
            w.writeAttribute("xsi", SoapNames.XSI, "type", p.type().xsiType());
            w.writeCharacters(p.value());
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void array(XMLStreamWriter w, String name, String type, int size) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeAttribute("soap-enc", SoapNames.ENC, "arrayType", type + "[" + size + "]");
    }

    private static void leaf(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
