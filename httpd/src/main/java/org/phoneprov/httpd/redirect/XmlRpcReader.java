package org.phoneprov.httpd.redirect;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What {@link XmlRpcDecoder} (a server's {@code <methodCall>}) and {@link XmlRpcResponseDecoder}
 * (a client's {@code <methodResponse>}) read alike, since both read bodies from the network: the
 * JDK's StAX parser with no DOCTYPE (so no entities, internal or external), a size limit, the
 * charset of the document ({@link XmlRpcCharset}), and the spec's value grammar
 * (http://xmlrpc.com/spec.md, "Scalar values", "struct", "array") with limits on depth, on the
 * number of values and on the length of one text. One instance walks one document; the decoder's
 * {@link Envelope} walks the root element's content with {@link #next}, {@link #value} and the
 * other steps here. Every problem is a {@link Refused} with one bounded line: the server makes it
 * a fault, the client an {@link XmlRpcResponse.Unreadable}.
 */
final class XmlRpcReader {
    /** Every type of the spec, in its order; the server reads them all. */
    static final List<String> ALL_TYPES = List.of("string", "int", "i4", "boolean", "double", "dateTime.iso8601",
            "base64", "array", "struct");

    /**
     * How one decoder reads: its root element, who it is in messages ("server", "client"), the
     * types it takes (a subset of {@link #ALL_TYPES}, listed in the message refusing another), and
     * its limits: body bytes, arrays and structs inside each other (a top-level value is depth 1),
     * {@code <value>}s in the document, and characters in one text.
     */
    record Rules(String root, String reader, List<String> types, int maxBytes, int maxDepth, int maxValues,
            int maxText) {
        Rules {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(reader, "reader");
            types = List.copyOf(types);
            if (!ALL_TYPES.containsAll(types)) {
                throw new IllegalArgumentException("not XML-RPC types: " + types);
            }
            if (maxBytes < 1 || maxDepth < 1 || maxValues < 1 || maxText < 1) {
                throw new IllegalArgumentException("decoder limits must be positive");
            }
        }
    }

    /** Why a body is refused; each decoder maps it to its own answer and nothing else sees it. */
    static final class Refused extends Exception {
        /** The kinds of the xmlrpc-epi fault codes ({@link XmlRpcFault}) the server answers with. */
        enum Problem {
            /** Not well-formed, too large, or a DOCTYPE or entity reference. */
            PARSE,
            /** An encoding this Java does not know. */
            ENCODING,
            /** Bytes wrong for the encoding. */
            CHARACTER,
            /** Well-formed XML that is not what the spec describes, or over a structural limit. */
            STRUCTURE
        }

        private final Problem problem;

        Refused(Problem problem, String message) {
            super(message, null, false, false); // an answer, not a bug: no stack trace
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    /** A decoder's own part: at the root's start tag, reads through its end tag. */
    @FunctionalInterface
    interface Envelope<T> {
        T read(XmlRpcReader in) throws XMLStreamException, Refused;
    }

    private final XMLStreamReader r;
    private final Rules rules;
    private int values;

    private XmlRpcReader(XMLStreamReader r, Rules rules) {
        this.r = r;
        this.rules = rules;
    }

    /** Reads a whole body; no unchecked exception leaves. */
    static <T> T read(byte[] body, Rules rules, Envelope<T> envelope) throws Refused {
        if (body == null || body.length == 0) {
            throw new Refused(Refused.Problem.PARSE, "the body is empty; expected an XML <" + rules.root() + ">");
        }
        if (body.length > rules.maxBytes()) {
            // Not the length: a caller may have read only one byte more than the limit.
            throw new Refused(Refused.Problem.PARSE, "the body is more than the " + rules.maxBytes() + " bytes this "
                    + rules.reader() + " reads");
        }
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(XmlRpcCharset.text(body, rules.reader())));
            return new XmlRpcReader(reader, rules).document(envelope);
        } catch (XMLStreamException e) {
            throw new Refused(Refused.Problem.PARSE, notWellFormed(e));
        } catch (RuntimeException e) {
            // Some parser failures (e.g. a malformed byte sequence deep in a text) surface unchecked.
            throw new Refused(Refused.Problem.PARSE, "not well-formed XML: "
                    + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // the body's fate is decided; nothing to release but the parser's buffers
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the class path, so these settings mean
        // what they say. A DOCTYPE is refused as soon as it is seen (other); these settings make
        // sure nothing in one is ever read or fetched before that.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false); // XML-RPC has no namespaces
        f.setProperty(XMLInputFactory.IS_COALESCING, false); // texts arrive in pieces: their limit applies early
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLReporter((message, type, info, location) -> {
            // warnings and recoverable errors: the fatal ones are thrown and become the refusal
        });
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not read: " + systemId);
        });
        return f;
    }

    private static String notWellFormed(XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int at = m.indexOf("Message: "); // the JDK's message repeats the location before the reason
        String detail = oneLine(at >= 0 ? m.substring(at + "Message: ".length()) : m);
        Location l = e.getLocation();
        String where = l == null || l.getLineNumber() < 0 ? ""
                : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber();
        return "not well-formed XML" + where + ": " + detail;
    }

    /** Text from the body, fit for one line of a message: no control characters, at most about 200. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    static Refused structure(String message) {
        return new Refused(Refused.Problem.STRUCTURE, message);
    }

    private <T> T document(Envelope<T> envelope) throws XMLStreamException, Refused {
        if (next() != XMLStreamConstants.START_ELEMENT) {
            throw structure("the document has no root element; expected <" + rules.root() + ">");
        }
        if (!name().equals(rules.root())) {
            throw structure("the root element is <" + name() + ">, not <" + rules.root() + ">");
        }
        T out = envelope.read(this);
        while (r.hasNext()) {
            next(); // to the end: a second root, text or garbage after it is the parser's error
        }
        return out;
    }

    /** The name of the element at whose start or end tag the walk is. */
    String name() {
        return r.getLocalName();
    }

    /** At {@code <value>}, a top-level one: reads through its end tag. */
    XmlRpcValue value() throws XMLStreamException, Refused {
        return value(1);
    }

    private XmlRpcValue value(int depth) throws XMLStreamException, Refused {
        if (++values > rules.maxValues()) {
            throw structure("more than " + rules.maxValues() + " values in one <" + rules.root() + ">");
        }
        if (depth > rules.maxDepth()) {
            throw structure("values nested deeper than " + rules.maxDepth() + " arrays or structs");
        }
        StringBuilder text = new StringBuilder();
        XmlRpcValue typed = null;
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        append(text, "value");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (typed != null) {
                        throw structure("a <value> holds one type element, this one also has <" + name() + ">");
                    }
                    typed = typed(name(), depth);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (typed == null) {
                        // The spec: "If no type is indicated, the type is string."
                        return new XmlRpcValue.Str(text.toString());
                    }
                    if (!text.toString().isBlank()) {
                        throw structure("a <value> with a <" + typed.typeName() + "> in it also has text");
                    }
                    return typed;
                }
                default -> other(e);
            }
        }
    }

    /** At a type element inside a value: reads through its end tag. */
    private XmlRpcValue typed(String type, int depth) throws XMLStreamException, Refused {
        if (!rules.types().contains(type)) {
            throw notAType(type);
        }
        return switch (type) {
            case "string" -> new XmlRpcValue.Str(text(type));
            case "int", "i4" -> new XmlRpcValue.Int(XmlRpcScalars.integer(text(type).trim(), type));
            case "boolean" -> new XmlRpcValue.Bool(XmlRpcScalars.bool(text(type).trim()));
            case "double" -> new XmlRpcValue.Dbl(XmlRpcScalars.dbl(text(type).trim()));
            case "dateTime.iso8601" -> new XmlRpcValue.DateTime(XmlRpcScalars.dateTime(text(type).trim()));
            case "base64" -> new XmlRpcValue.Bytes(XmlRpcScalars.base64(text(type)));
            case "array" -> array(depth);
            case "struct" -> struct(depth);
            default -> throw notAType(type); // not in ALL_TYPES, so Rules never lets it here
        };
    }

    private Refused notAType(String type) {
        return structure("<" + oneLine(type) + "> is not an XML-RPC type this " + rules.reader() + " reads ("
                + String.join(", ", rules.types()) + ")");
    }

    private XmlRpcValue array(int depth) throws XMLStreamException, Refused {
        // The spec: "An <array> contains a single <data> element, which can contain any number of <value>s."
        expectStart("data", "array");
        List<XmlRpcValue> items = new ArrayList<>();
        while (nextStart("value", "data")) {
            items.add(value(depth + 1));
        }
        expectEnd("array");
        return new XmlRpcValue.Array(items);
    }

    private XmlRpcValue struct(int depth) throws XMLStreamException, Refused {
        // The spec: "A <struct> contains <member>s and each <member> contains a <name> and a <value>."
        Map<String, XmlRpcValue> members = new LinkedHashMap<>();
        while (nextStart("member", "struct")) {
            String name = null;
            XmlRpcValue value = null;
            while (next() == XMLStreamConstants.START_ELEMENT) {
                String child = name();
                if (child.equals("name") && name == null) {
                    name = text("name");
                } else if (child.equals("value") && value == null) {
                    value = value(depth + 1);
                } else {
                    throw structure("a <member> holds one <name> and one <value>, not <" + child + "> here");
                }
            }
            if (name == null || value == null) {
                throw structure("a <member> without its " + (name == null ? "<name>" : "<value>"));
            }
            if (members.put(name, value) != null) {
                throw structure("the struct has two members named '" + oneLine(name) + "'");
            }
        }
        return new XmlRpcValue.Struct(members);
    }

    /** The text of a text-only element, at its start tag; reads through its end tag. */
    String text(String element) throws XMLStreamException, Refused {
        StringBuilder b = new StringBuilder();
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        append(b, element);
                case XMLStreamConstants.START_ELEMENT ->
                        throw structure("<" + element + "> holds text only, not <" + name() + ">");
                case XMLStreamConstants.END_ELEMENT -> {
                    return b.toString();
                }
                default -> other(e);
            }
        }
    }

    private void append(StringBuilder b, String element) throws Refused {
        if (b.length() + r.getTextLength() > rules.maxText()) {
            throw structure("a text in <" + element + "> is longer than " + rules.maxText() + " characters");
        }
        b.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
    }

    /** The next start or end tag (or the document's end), past white space, comments and PIs. */
    int next() throws XMLStreamException, Refused {
        while (true) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT,
                        XMLStreamConstants.END_DOCUMENT -> {
                    return e;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    String t = r.getText();
                    if (!t.isBlank()) {
                        throw structure("text where the spec has none: '" + oneLine(t.length() > 40
                                ? t.substring(0, 40) + "..." : t) + "'");
                    }
                }
                default -> other(e);
            }
        }
    }

    /** Past the next tag: true at a start tag {@code <element>}, false at an end tag; another start tag is refused. */
    boolean nextStart(String element, String in) throws XMLStreamException, Refused {
        if (next() != XMLStreamConstants.START_ELEMENT) {
            return false;
        }
        if (!name().equals(element)) {
            throw unexpected(in, "<" + element + ">");
        }
        return true;
    }

    /** Events that are neither tags nor text: comments and PIs mean nothing, the rest is refused. */
    private void other(int e) throws Refused {
        switch (e) {
            case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                // allowed anywhere, meaning nothing
            }
            case XMLStreamConstants.DTD -> throw new Refused(Refused.Problem.PARSE,
                    "a DOCTYPE is not accepted: XML-RPC has no use for one, and entity declarations are refused");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw new Refused(Refused.Problem.PARSE,
                    "entity references other than the five predefined ones are not accepted");
            default -> throw structure("unexpected XML event " + e);
        }
    }

    void expectStart(String element, String in) throws XMLStreamException, Refused {
        if (next() != XMLStreamConstants.START_ELEMENT || !name().equals(element)) {
            throw unexpected(in, "<" + element + ">");
        }
    }

    void expectEnd(String element) throws XMLStreamException, Refused {
        if (next() != XMLStreamConstants.END_ELEMENT) {
            throw unexpected(element, "</" + element + ">");
        }
    }

    /** At the tag the walk did not expect. */
    Refused unexpected(String in, String expected) {
        String got = switch (r.getEventType()) {
            case XMLStreamConstants.START_ELEMENT -> "<" + name() + ">";
            case XMLStreamConstants.END_ELEMENT -> "</" + name() + ">";
            default -> "the end of the document";
        };
        return structure("in <" + in + ">, expected " + expected + " but found " + got);
    }
}
