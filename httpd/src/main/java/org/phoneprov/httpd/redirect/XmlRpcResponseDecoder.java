package org.phoneprov.httpd.redirect;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a {@code <methodResponse>} (http://xmlrpc.com/spec.md, "Response example" and "Fault
 * example") for a client of an {@code autoprov.*} API: {@code phoneprov gigaset}. The answer comes
 * from the network, so it is read as {@link XmlRpcDecoder} reads a call: with the JDK's StAX parser,
 * no DOCTYPE (so no entities, internal or external), at most {@link #DEFAULT_MAX_BYTES}, values nested
 * at most {@link #DEFAULT_MAX_DEPTH} deep, at most {@link #DEFAULT_MAX_VALUES} values and
 * {@link #DEFAULT_MAX_TEXT} characters in one text. Nothing is thrown: a body that is not a response
 * as the spec describes it is an {@link XmlRpcResponse.Unreadable} saying why.
 *
 * <p>The spec: "The body of the response is a single XML structure, a {@code <methodResponse>},
 * which can contain a single {@code <params>} which contains a single {@code <param>} which contains
 * a single {@code <value>}", or "a {@code <fault>} which contains a {@code <value>} which is a
 * {@code <struct>} containing two elements, one named {@code <faultCode>}, an {@code <int>} and one
 * named {@code <faultString>}, a {@code <string>}" (other members are tolerated). Values may be of the
 * types an autoprov answer ({@code [boolean, string]}) and a fault hold: string, int/i4, boolean,
 * array and struct. A double, dateTime.iso8601 or base64 is refused by name, not read: nothing this
 * client does could use one.
 *
 * <p>The body is decoded here, not by the parser, because the JDK parser prints bytes wrong for the
 * encoding to stderr as a "[Fatal Error]" line, which has no place in a command's output. The
 * encoding is found as XML 1.0 appendix F says: a byte order mark (which UTF-16 must have, XML 1.0
 * section 4.3.3), else the XML declaration's, else UTF-8. Thread-safe: each call makes its own parser.
 */
public final class XmlRpcResponseDecoder {
    /** Far above an autoprov answer (under 300 bytes) or a fault. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_VALUES = 1024;
    public static final int DEFAULT_MAX_TEXT = 8 * 1024;
    /** The encoding in an XML declaration (XML 1.0 production EncName). */
    private static final Pattern DECLARED = Pattern.compile(
            "<\\?xml\\s[^>]*?encoding\\s*=\\s*([\"'])([A-Za-z][A-Za-z0-9._-]*)\\1");
    private static final Pattern INT = Pattern.compile("[+-]?[0-9]{1,10}");

    private final int maxBytes;
    private final int maxDepth;
    private final int maxValues;
    private final int maxText;

    public XmlRpcResponseDecoder() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES, DEFAULT_MAX_TEXT);
    }

    public XmlRpcResponseDecoder(int maxBytes, int maxDepth, int maxValues, int maxText) {
        if (maxBytes < 1 || maxDepth < 1 || maxValues < 1 || maxText < 1) {
            throw new IllegalArgumentException("decoder limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
        this.maxText = maxText;
    }

    /** The most a caller needs to read of a body: one byte more tells it the body is too long. */
    public int maxBytes() {
        return maxBytes;
    }

    /** A whole response body. */
    public XmlRpcResponse decode(byte[] body) {
        if (body == null || body.length == 0) {
            return new XmlRpcResponse.Unreadable("the body is empty; expected an XML <methodResponse>");
        }
        if (body.length > maxBytes) {
            return new XmlRpcResponse.Unreadable("the body is more than the " + maxBytes + " bytes this client reads");
        }
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(chars(body)));
            return new Walk(reader).methodResponse();
        } catch (Refused e) {
            return new XmlRpcResponse.Unreadable(e.getMessage());
        } catch (XMLStreamException e) {
            return new XmlRpcResponse.Unreadable("not well-formed XML: " + oneLine(parserMessage(e)));
        } catch (RuntimeException e) {
            // Some parser failures surface unchecked; the answer is unreadable all the same.
            return new XmlRpcResponse.Unreadable("not well-formed XML: " + oneLine(e.toString()));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // the answer is decided; nothing to release but the parser's buffers
                }
            }
        }
    }

    /** Why the body is not a response; only ever caught in {@link #decode}. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static String chars(byte[] body) throws Refused {
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(body, 0xFE, 0xFF)) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(body, 0xFF, 0xFE)) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else {
            String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
            int end = head.indexOf("?>");
            Matcher m = DECLARED.matcher(end < 0 ? head : head.substring(0, end));
            if (m.lookingAt()) {
                try {
                    cs = Charset.forName(m.group(2));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new Refused("the answer's encoding '" + m.group(2) + "' is not one this Java knows");
                }
            }
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused("the body is not valid " + cs.name() + ", the encoding it declares or implies");
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, so these settings mean what they say; a DOCTYPE is refused
        // when it is seen (Walk.other), and nothing in one is read or fetched before that.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false); // texts arrive in pieces: their limit applies early
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLReporter((message, type, info, location) -> {
            // warnings: the fatal errors are thrown
        });
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not read: " + systemId);
        });
        return f;
    }

    private static String parserMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int at = m.indexOf("Message: ");
        String where = e.getLocation() == null || e.getLocation().getLineNumber() < 0 ? ""
                : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": ";
        return where + (at >= 0 ? m.substring(at + "Message: ".length()) : m);
    }

    /** Text from the server, fit for one line of a message. */
    private static String oneLine(String s) {
        String t = s.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    /** One document's walk: recursive descent over the spec's response grammar. */
    private final class Walk {
        private final XMLStreamReader r;
        private int values;

        Walk(XMLStreamReader r) {
            this.r = r;
        }

        XmlRpcResponse methodResponse() throws XMLStreamException, Refused {
            if (next() != XMLStreamConstants.START_ELEMENT) {
                throw new Refused("the document has no root element; expected <methodResponse>");
            }
            if (!r.getLocalName().equals("methodResponse")) {
                throw new Refused("the root element is <" + r.getLocalName() + ">, not <methodResponse>");
            }
            if (next() != XMLStreamConstants.START_ELEMENT) {
                throw unexpected("methodResponse", "<params> or <fault>");
            }
            XmlRpcResponse out;
            switch (r.getLocalName()) {
                case "params" -> {
                    expectStart("param", "params");
                    expectStart("value", "param");
                    out = new XmlRpcResponse.Result(value(1));
                    expectEnd("param");
                    expectEnd("params");
                }
                case "fault" -> {
                    expectStart("value", "fault");
                    out = fault(value(1));
                    expectEnd("fault");
                }
                default -> throw unexpected("methodResponse", "<params> or <fault>");
            }
            expectEnd("methodResponse");
            while (r.hasNext()) {
                next(); // to the end: a second root or text after it is the parser's error
            }
            return out;
        }

        private XmlRpcResponse fault(XmlRpcValue v) throws Refused {
            if (v instanceof XmlRpcValue.Struct s && s.members().get("faultCode") instanceof XmlRpcValue.Int code
                    && s.members().get("faultString") instanceof XmlRpcValue.Str text) {
                return new XmlRpcResponse.Fault(code.value(), text.value());
            }
            throw new Refused("a <fault> holds a struct with faultCode (int) and faultString (string), not "
                    + (v instanceof XmlRpcValue.Struct s ? "members {" + oneLine(String.join(", ", s.members().keySet()))
                    + "}" : "a " + v.typeName()));
        }

        /** At {@code <value>}: reads through its end tag. */
        private XmlRpcValue value(int depth) throws XMLStreamException, Refused {
            if (++values > maxValues) {
                throw new Refused("more than " + maxValues + " values in one answer");
            }
            if (depth > maxDepth) {
                throw new Refused("values nested deeper than " + maxDepth + " arrays or structs");
            }
            StringBuilder text = new StringBuilder();
            XmlRpcValue typed = null;
            while (true) {
                int e = r.next();
                if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA || e == XMLStreamConstants.SPACE) {
                    append(text, "value");
                } else if (e == XMLStreamConstants.START_ELEMENT) {
                    if (typed != null) {
                        throw new Refused("a <value> holds one type element, this one also <" + r.getLocalName() + ">");
                    }
                    typed = typed(r.getLocalName(), depth);
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    if (typed != null && !text.toString().isBlank()) {
                        throw new Refused("a <value> with a <" + typed.typeName() + "> in it also has text");
                    }
                    // The spec: "If no type is indicated, the type is string."
                    return typed != null ? typed : new XmlRpcValue.Str(text.toString());
                } else {
                    other(e);
                }
            }
        }

        /** At a type element inside a value: reads through its end tag. */
        private XmlRpcValue typed(String type, int depth) throws XMLStreamException, Refused {
            switch (type) {
                case "string":
                    return new XmlRpcValue.Str(text(type));
                case "int":
                case "i4":
                    String n = text(type).trim();
                    try {
                        if (INT.matcher(n).matches()) {
                            return new XmlRpcValue.Int(Integer.parseInt(n));
                        }
                    } catch (NumberFormatException e) {
                        // out of range: refused below
                    }
                    throw new Refused("<" + type + "> holds '" + oneLine(n) + "', not a four-byte signed integer");
                case "boolean":
                    // The spec's 0 and 1; "true" and "false" too, as XmlRpcDecoder and gorilla-xmlrpc read them.
                    String b = text(type).trim().toLowerCase(Locale.ROOT);
                    if (b.equals("1") || b.equals("0") || b.equals("true") || b.equals("false")) {
                        return new XmlRpcValue.Bool(b.equals("1") || b.equals("true"));
                    }
                    throw new Refused("<boolean> holds '" + oneLine(b) + "', not 0 or 1");
                case "array":
                    return array(depth);
                case "struct":
                    return struct(depth);
                default:
                    throw new Refused("<" + oneLine(type) + "> is not a type an autoprov answer or fault holds"
                            + " (string, int, i4, boolean, array, struct)");
            }
        }

        private XmlRpcValue array(int depth) throws XMLStreamException, Refused {
            expectStart("data", "array");
            List<XmlRpcValue> items = new ArrayList<>();
            while (next() == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals("value")) {
                    throw unexpected("data", "<value>");
                }
                items.add(value(depth + 1));
            }
            expectEnd("array");
            return new XmlRpcValue.Array(items);
        }

        private XmlRpcValue struct(int depth) throws XMLStreamException, Refused {
            Map<String, XmlRpcValue> members = new LinkedHashMap<>();
            while (next() == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals("member")) {
                    throw unexpected("struct", "<member>");
                }
                expectStart("name", "member");
                String name = text("name");
                expectStart("value", "member");
                if (members.put(name, value(depth + 1)) != null) {
                    throw new Refused("the struct has two members named '" + oneLine(name) + "'");
                }
                expectEnd("member");
            }
            return new XmlRpcValue.Struct(members);
        }

        /** The text of a text-only element, at its start tag; reads through its end tag. */
        private String text(String element) throws XMLStreamException, Refused {
            StringBuilder b = new StringBuilder();
            while (true) {
                int e = r.next();
                if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA || e == XMLStreamConstants.SPACE) {
                    append(b, element);
                } else if (e == XMLStreamConstants.START_ELEMENT) {
                    throw new Refused("<" + element + "> holds text only, not <" + r.getLocalName() + ">");
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    return b.toString();
                } else {
                    other(e);
                }
            }
        }

        private void append(StringBuilder b, String element) throws Refused {
            if (b.length() + r.getTextLength() > maxText) {
                throw new Refused("a text in <" + element + "> is longer than " + maxText + " characters");
            }
            b.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        }

        /** The next start or end tag (or the document's end), past white space, comments and PIs. */
        private int next() throws XMLStreamException, Refused {
            while (true) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT || e == XMLStreamConstants.END_ELEMENT
                        || e == XMLStreamConstants.END_DOCUMENT) {
                    return e;
                }
                if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA || e == XMLStreamConstants.SPACE) {
                    if (!r.getText().isBlank()) {
                        throw new Refused("text where the spec has none: '" + oneLine(r.getText()) + "'");
                    }
                } else {
                    other(e);
                }
            }
        }

        /** Events that are neither tags nor text: comments and PIs mean nothing, the rest is refused. */
        private void other(int e) throws Refused {
            if (e == XMLStreamConstants.DTD) {
                throw new Refused("a DOCTYPE is not accepted: XML-RPC has no use for one, and entities are not read");
            }
            if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new Refused("entity references other than the five predefined ones are not accepted");
            }
            if (e != XMLStreamConstants.COMMENT && e != XMLStreamConstants.PROCESSING_INSTRUCTION) {
                throw new Refused("unexpected XML event " + e);
            }
        }

        private void expectStart(String element, String in) throws XMLStreamException, Refused {
            if (next() != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals(element)) {
                throw unexpected(in, "<" + element + ">");
            }
        }

        private void expectEnd(String element) throws XMLStreamException, Refused {
            if (next() != XMLStreamConstants.END_ELEMENT) {
                throw unexpected(element, "</" + element + ">");
            }
        }

        private Refused unexpected(String in, String expected) {
            String got = switch (r.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> "<" + r.getLocalName() + ">";
                case XMLStreamConstants.END_ELEMENT -> "</" + r.getLocalName() + ">";
                default -> "the end of the document";
            };
            return new Refused("in <" + in + ">, expected " + expected + " but found " + got);
        }
    }
}
