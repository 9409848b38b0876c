package org.phoneprov.phonesim.cwmp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads an ACS envelope with a namespace-aware DOM parser that refuses a DOCTYPE (no entity
 * tricks from a server). The RPC element is the first child of {@code soap:Body} in a cwmp
 * namespace, 1-0 to 1-4; its arguments are matched by local name, in or out of a namespace,
 * as SOAP 1.1 section 7.1 leaves accessors unqualified and ACSs differ. Arrays are their
 * element children whatever {@code soap-enc:arrayType} says (TR-069 Amendment 6, A.2.2.2 asks
 * the CPE to take the elements as they are).
 */
public final class SoapReader {
    private SoapReader() {
    }

    public static AcsMessage read(byte[] xml) throws IOException {
        Document doc = parse(xml);
        Element env = doc.getDocumentElement();
        if (!"Envelope".equals(env.getLocalName()) || !SoapNames.ENV.equals(env.getNamespaceURI())) {
            throw new IOException("not a SOAP 1.1 envelope: <" + env.getTagName() + ">");
        }
        Optional<String> id = Optional.empty();
        boolean hold = false;
        Optional<Element> header = child(env, "Header");
        if (header.isPresent()) {
            id = child(header.get(), "ID").map(SoapReader::text);
            hold = child(header.get(), "HoldRequests").map(e -> bool(text(e))).orElse(false);
        }
        Element body = child(env, "Body").orElseThrow(() -> new IOException("SOAP envelope without a Body"));
        Element rpc = children(body).stream().findFirst().orElseThrow(() -> new IOException("empty SOAP Body"));
        String ns = rpc.getNamespaceURI() == null ? "" : rpc.getNamespaceURI();
        if ("Fault".equals(rpc.getLocalName()) && SoapNames.ENV.equals(ns)) {
            return new AcsMessage(id, hold, SoapNames.CWMP_1_4, fault(rpc));
        }
        if (!SoapNames.cwmp(ns)) {
            throw new IOException("<" + rpc.getLocalName() + "> is not in a cwmp namespace: '" + ns + "'");
        }
        return new AcsMessage(id, hold, ns, body(rpc));
    }

    private static AcsMessage.Body body(Element rpc) {
        String method = rpc.getLocalName();
        try {
            return switch (method) {
                case "InformResponse" -> new AcsMessage.InformResponse((int) number(rpc, "MaxEnvelopes", 1));
                case "TransferCompleteResponse" -> new AcsMessage.TransferCompleteResponse();
                default -> new AcsMessage.Request(CpeRequests.of(method, rpc));
            };
        } catch (IllegalArgumentException e) {
            return new AcsMessage.Request(new CpeRequest.Unknown(method, e.getMessage()));
        }
    }

    /** soap:Fault with detail/cwmp:Fault/FaultCode, FaultString (A.5.2). */
    private static AcsMessage.Fault fault(Element f) {
        Optional<Element> cwmp = child(f, "detail").flatMap(d -> child(d, "Fault"));
        int code = cwmp.flatMap(c -> child(c, "FaultCode")).map(e -> parseInt(text(e))).orElse(0);
        String text = cwmp.flatMap(c -> child(c, "FaultString")).map(SoapReader::text)
                .or(() -> child(f, "faultstring").map(SoapReader::text)).orElse("");
        return new AcsMessage.Fault(code, text);
    }

    static Optional<Element> child(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(e.getLocalName())).findFirst();
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element e) {
        return e.getTextContent() == null ? "" : e.getTextContent().trim();
    }

    /** The text of a required argument; missing is a bad request. */
    static String arg(Element rpc, String name) {
        return child(rpc, name).map(SoapReader::text)
                .orElseThrow(() -> new IllegalArgumentException(rpc.getLocalName() + " without " + name));
    }

    static String optionalArg(Element rpc, String name) {
        return child(rpc, name).map(SoapReader::text).orElse("");
    }

    static long number(Element rpc, String name, long otherwise) {
        Optional<Element> e = child(rpc, name);
        if (e.isEmpty() || text(e.get()).isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(text(e.get()));
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException(name + " is not a number: " + text(e.get()));
        }
    }

    static boolean bool(String s) {
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }
}
