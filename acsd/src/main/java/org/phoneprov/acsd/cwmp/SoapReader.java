package org.phoneprov.acsd.cwmp;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.phoneprov.acsd.cwmp.CwmpParseException.Reason;

/**
 * Reads a CWMP SOAP envelope with StAX, defensively: the size is capped before parsing, a
 * DTD or an entity reference is refused outright (no XXE, no "billion laughs": SOAP 1.1
 * section 3 forbids a DTD in a SOAP message anyway), nesting is capped, and anything that is
 * not a SOAP 1.1 envelope with one CWMP element in its Body is a {@link CwmpParseException}.
 * Stateless; a new StAX factory per call, since factories are not documented thread-safe.
 */
public final class SoapReader {
    static final int MAX_DEPTH = 32;
    static final int MAX_ATTRIBUTES = 32;

    private final int maxBytes;

    public SoapReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Envelope read(byte[] body) {
        if (body.length > maxBytes) {
            throw new CwmpParseException(Reason.TOO_LARGE, body.length + " bytes, more than " + maxBytes);
        }
        XmlNode root = tree(body);
        if (!root.name().equals("Envelope") || !Envelope.SOAP_ENV.equals(root.namespace())) {
            throw new CwmpParseException(Reason.NOT_SOAP, "the document is {" + root.namespace() + "}" + root.name()
                    + ", not a SOAP 1.1 Envelope");
        }
        Optional<XmlNode> header = soap(root, "Header");
        XmlNode bodyNode = soap(root, "Body").orElseThrow(() -> new CwmpParseException(Reason.NOT_SOAP,
                "the Envelope has no Body"));
        if (bodyNode.children().size() != 1) {
            throw new CwmpParseException(Reason.BAD_RPC, "the Body holds " + bodyNode.children().size()
                    + " elements; CWMP sends exactly one (MaxEnvelopes 1)");
        }
        XmlNode rpc = bodyNode.children().get(0);
        Optional<XmlNode> id = header.flatMap(h -> h.child("ID"));
        CwmpVersion version = CwmpVersion.of(rpc.namespace())
                .or(() -> rpc.child("detail").flatMap(d -> d.child("Fault")).flatMap(f -> CwmpVersion.of(f.namespace())))
                .or(() -> id.flatMap(i -> CwmpVersion.of(i.namespace())))
                .orElseThrow(() -> new CwmpParseException(Reason.NOT_CWMP, "{" + rpc.namespace() + "}" + rpc.name()
                        + " is in no urn:dslforum-org:cwmp-1-0..1-4 namespace"));
        boolean hold = header.flatMap(h -> h.text("HoldRequests")).map(t -> t.equals("1") || t.equals("true"))
                .orElse(false);
        return new Envelope(version, id.map(XmlNode::text), hold, rpc);
    }

    private static Optional<XmlNode> soap(XmlNode root, String local) {
        return root.children().stream().filter(c -> c.name().equals(local) && Envelope.SOAP_ENV.equals(c.namespace()))
                .findFirst();
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private static final class Open {
        final String namespace;
        final String name;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlNode> children = new ArrayList<>();

        Open(String namespace, String name, Map<String, String> attributes) {
            this.namespace = namespace;
            this.name = name;
            this.attributes = attributes;
        }

        XmlNode close() {
            return new XmlNode(namespace, name, attributes, children.isEmpty() ? text.toString().strip() : "",
                    children);
        }
    }

    private static XmlNode tree(byte[] body) {
        XMLStreamReader r = null;
        try {
            r = factory().createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<Open> stack = new ArrayDeque<>();
            XmlNode root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE,
                            XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.NOTATION_DECLARATION ->
                            throw new CwmpParseException(Reason.DTD, "a DTD or entity reference; SOAP messages carry none");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (stack.size() >= MAX_DEPTH) {
                            throw new CwmpParseException(Reason.TOO_DEEP, "elements nested deeper than " + MAX_DEPTH);
                        }
                        stack.push(new Open(nullToEmpty(r.getNamespaceURI()), r.getLocalName(), attributes(r)));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlNode done = stack.pop().close();
                        if (stack.isEmpty()) {
                            root = done;
                        } else {
                            stack.peek().children.add(done);
                        }
                    }
                    default -> {
                        // comments, processing instructions, the document's start and end
                    }
                }
            }
            if (root == null) {
                throw new CwmpParseException(Reason.NOT_XML, "no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof CwmpParseException c) {
                throw c;
            }
            // A DTD and entity references arrive as events (refused above); what throws is not XML.
            throw new CwmpParseException(Reason.NOT_XML, oneLine(String.valueOf(e.getMessage())));
        } finally {
            close(r);
        }
    }

    private static Map<String, String> attributes(XMLStreamReader r) {
        int n = r.getAttributeCount();
        if (n > MAX_ATTRIBUTES) {
            throw new CwmpParseException(Reason.BAD_RPC, n + " attributes on " + r.getLocalName());
        }
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String oneLine(String m) {
        String line = m.replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing is held but the byte array
            }
        }
    }
}
