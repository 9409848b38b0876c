package org.phoneprov.httpd.redirect;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML-RPC {@code <methodCall>} (http://xmlrpc.com/spec.md) with StAX, refusing what a
 * management API has no use for and an attacker does: a DOCTYPE of any kind (so no external
 * entities, no entity expansion), bodies over {@link #DEFAULT_MAX_BYTES}, values nested deeper than
 * {@link #DEFAULT_MAX_DEPTH}, more than {@link #DEFAULT_MAX_VALUES} values, and texts longer than
 * {@link #DEFAULT_MAX_TEXT}. Every problem is an {@link XmlRpcFault}: {@link XmlRpcFault#PARSE_ERROR}
 * for what the XML parser refuses or what is refused before parsing (size, DOCTYPE),
 * {@link XmlRpcFault#UNSUPPORTED_ENCODING} and {@link XmlRpcFault#INVALID_CHARACTER} for an unknown
 * encoding or bytes wrong for it, {@link XmlRpcFault#INVALID_REQUEST} for well-formed XML that is not
 * a methodCall as the spec describes it or exceeds a structural limit. No unchecked exception
 * leaves {@link #decode}.
 *
 * <p>The encoding comes from the document (BOM or XML declaration), so PHP's xmlrpc extension
 * with its default {@code encoding="iso-8859-1"} declaration is read correctly. Thread-safe: each
 * call makes its own parser.
 */
public final class XmlRpcDecoder {
    /** The body the caller (the HTTP handler) should accept at most, and that decode checks again. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** Arrays and structs inside each other; a top-level parameter is depth 1. */
    public static final int DEFAULT_MAX_DEPTH = 16;
    /** {@code <value>} elements in the whole request. */
    public static final int DEFAULT_MAX_VALUES = 1024;
    /** Characters in one text: a string, a member name, a number, base64. */
    public static final int DEFAULT_MAX_TEXT = 8 * 1024;
    private static final int MAX_METHOD_NAME = 128;
    /** The spec: "The string may only contain identifier characters, upper and lower-case A-Z, the
     * numeric characters, 0-9, underscore, dot, colon and slash." */
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_.:/]+");
    /** The encoding in an XML declaration (XML 1.0 production EncName). */
    private static final Pattern DECLARED = Pattern.compile(
            "<\\?xml\\s[^>]*?encoding\\s*=\\s*([\"'])([A-Za-z][A-Za-z0-9._-]*)\\1");
    private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** The spec's example {@code 19980717T14:08:55}; the extended ISO form is also written by some clients. */
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));

    private final int maxBytes;
    private final int maxDepth;
    private final int maxValues;
    private final int maxText;

    public XmlRpcDecoder() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES, DEFAULT_MAX_TEXT);
    }

    public XmlRpcDecoder(int maxBytes, int maxDepth, int maxValues, int maxText) {
        if (maxBytes < 1 || maxDepth < 1 || maxValues < 1 || maxText < 1) {
            throw new IllegalArgumentException("decoder limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
        this.maxText = maxText;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Decodes a whole request body. */
    public XmlRpcRequest decode(byte[] body) throws XmlRpcFault {
        if (body == null || body.length == 0) {
            throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "empty request body; expected an XML <methodCall>");
        }
        if (body.length > maxBytes) {
            throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "request body is " + body.length
                    + " bytes, more than the " + maxBytes + " this server reads");
        }
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(chars(body)));
            return new Parse(reader).methodCall();
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        } catch (RuntimeException e) {
            // Some parser failures (e.g. a malformed byte sequence deep in a text) surface unchecked.
            throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "not well-formed XML: " + oneLine(e.getMessage()));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // the request's fate is decided; nothing to release but the parser's buffers
                }
            }
        }
    }

    /**
     * The body as text. Decoded here, not by the parser, so that bytes wrong for the encoding
     * are a clean {@link XmlRpcFault#INVALID_CHARACTER} (the JDK parser also prints those to
     * stderr). The encoding is found as XML 1.0 appendix F says: a byte order mark, else the
     * {@code encoding} of the XML declaration, else UTF-8.
     */
    private static String chars(byte[] body) throws XmlRpcFault {
        Charset cs;
        int skip = 0;
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            cs = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0x00, '<', 0x00, '?')) {
            cs = StandardCharsets.UTF_16BE;
            skip = body[0] == 0 ? 0 : 2;
        } else if (startsWith(body, 0xFF, 0xFE) || startsWith(body, '<', 0x00, '?', 0x00)) {
            cs = StandardCharsets.UTF_16LE;
            skip = body[0] == '<' ? 0 : 2;
        } else {
            cs = declaredEncoding(body);
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_CHARACTER, "the body is not valid " + cs.name()
                    + " (" + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()) + ")");
        }
    }

    private static Charset declaredEncoding(byte[] body) throws XmlRpcFault {
        String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("<?xml")) {
            return StandardCharsets.UTF_8;
        }
        int end = head.indexOf("?>");
        Matcher m = DECLARED.matcher(end < 0 ? head : head.substring(0, end));
        if (!m.lookingAt()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(2));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new XmlRpcFault(XmlRpcFault.UNSUPPORTED_ENCODING, "encoding '" + m.group(2)
                    + "' is not supported; send UTF-8");
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
        // The JDK's own implementation, whatever else is on the class path, so these settings mean
        // what they say. A DOCTYPE is refused as soon as it is seen (Parse.next); these settings
        // make sure nothing in one is ever read or fetched before that.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false); // XML-RPC has no namespaces
        f.setProperty(XMLInputFactory.IS_COALESCING, false); // texts arrive in pieces: their limit applies early
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLReporter((message, type, info, location) -> {
            // warnings and recoverable errors: the fatal ones are thrown and become the fault
        });
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not read: " + systemId);
        });
        return f;
    }

    private static XmlRpcFault notWellFormed(XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int at = m.indexOf("Message: ");
        String detail = oneLine(at >= 0 ? m.substring(at + "Message: ".length()) : m);
        Location l = e.getLocation();
        String where = l == null || l.getLineNumber() < 0 ? ""
                : " at line " + l.getLineNumber() + ", column " + l.getColumnNumber();
        return new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "not well-formed XML" + where + ": " + detail);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static XmlRpcFault invalid(String message) {
        return new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, message);
    }

    /** One document's walk: recursive descent over the spec's grammar. */
    private final class Parse {
        private final XMLStreamReader r;
        private int values;

        Parse(XMLStreamReader r) {
            this.r = r;
        }

        XmlRpcRequest methodCall() throws XMLStreamException, XmlRpcFault {
            if (next() != XMLStreamConstants.START_ELEMENT) {
                throw invalid("the document has no root element; expected <methodCall>");
            }
            if (!r.getLocalName().equals("methodCall")) {
                throw invalid("the root element is <" + r.getLocalName() + ">, not <methodCall>");
            }
            expectStart("methodName", "methodCall");
            String name = text("methodName").trim();
            if (name.length() > MAX_METHOD_NAME || !METHOD_NAME.matcher(name).matches()) {
                throw invalid("the method name is not 1 to " + MAX_METHOD_NAME + " of the characters the spec allows"
                        + " (A-Z a-z 0-9 _ . : /)");
            }
            List<XmlRpcValue> params = new ArrayList<>();
            int e = next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals("params")) {
                    throw unexpected("methodCall", "<params>");
                }
                while (next() == XMLStreamConstants.START_ELEMENT) {
                    if (!r.getLocalName().equals("param")) {
                        throw unexpected("params", "<param>");
                    }
                    expectStart("value", "param");
                    params.add(value(1));
                    expectEnd("param");
                }
                e = next();
            }
            if (e != XMLStreamConstants.END_ELEMENT) {
                throw unexpected("methodCall", "</methodCall>");
            }
            while (r.hasNext()) {
                next(); // to the end: a second root, text or garbage after it is the parser's error
            }
            return new XmlRpcRequest(name, params);
        }

        /** At {@code <value>}: reads through its end tag. */
        private XmlRpcValue value(int depth) throws XMLStreamException, XmlRpcFault {
            if (++values > maxValues) {
                throw invalid("more than " + maxValues + " values in one request");
            }
            if (depth > maxDepth) {
                throw invalid("values nested deeper than " + maxDepth + " arrays or structs");
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
                            throw invalid("a <value> holds one type element, this one also has <"
                                    + r.getLocalName() + ">");
                        }
                        typed = typed(r.getLocalName(), depth);
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (typed == null) {
                            // The spec: "If no type is indicated, the type is string."
                            return new XmlRpcValue.Str(text.toString());
                        }
                        if (!text.toString().isBlank()) {
                            throw invalid("a <value> with a <" + typed.typeName() + "> in it also has text");
                        }
                        return typed;
                    }
                    default -> other(e);
                }
            }
        }

        /** At a type element inside a value: reads through its end tag. */
        private XmlRpcValue typed(String type, int depth) throws XMLStreamException, XmlRpcFault {
            switch (type) {
                case "string":
                    return new XmlRpcValue.Str(text("string"));
                case "i4":
                case "int":
                    return new XmlRpcValue.Int(integer(text(type).trim(), type));
                case "boolean":
                    return new XmlRpcValue.Bool(bool(text(type).trim()));
                case "double":
                    return new XmlRpcValue.Dbl(dbl(text(type).trim()));
                case "dateTime.iso8601":
                    return new XmlRpcValue.DateTime(dateTime(text(type).trim()));
                case "base64":
                    return new XmlRpcValue.Bytes(base64(text(type)));
                case "array":
                    return array(depth);
                case "struct":
                    return struct(depth);
                default:
                    throw invalid("<" + type + "> is not an XML-RPC type this server reads (string, int, i4,"
                            + " boolean, double, dateTime.iso8601, base64, array, struct)");
            }
        }

        private XmlRpcValue array(int depth) throws XMLStreamException, XmlRpcFault {
            // The spec: "An <array> contains a single <data> element, which can contain any number of <value>s."
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

        private XmlRpcValue struct(int depth) throws XMLStreamException, XmlRpcFault {
            // The spec: "A <struct> contains <member>s and each <member> contains a <name> and a <value>."
            Map<String, XmlRpcValue> members = new LinkedHashMap<>();
            while (next() == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals("member")) {
                    throw unexpected("struct", "<member>");
                }
                String name = null;
                XmlRpcValue value = null;
                while (next() == XMLStreamConstants.START_ELEMENT) {
                    String child = r.getLocalName();
                    if (child.equals("name") && name == null) {
                        name = text("name");
                    } else if (child.equals("value") && value == null) {
                        value = value(depth + 1);
                    } else {
                        throw invalid("a <member> holds one <name> and one <value>, not <" + child + "> here");
                    }
                }
                if (name == null || value == null) {
                    throw invalid("a <member> without its " + (name == null ? "<name>" : "<value>"));
                }
                if (members.put(name, value) != null) {
                    throw invalid("the struct has two members named '" + name + "'");
                }
            }
            return new XmlRpcValue.Struct(members);
        }

        /** The text of a text-only element, at its start tag; reads through its end tag. */
        private String text(String element) throws XMLStreamException, XmlRpcFault {
            StringBuilder b = new StringBuilder();
            while (true) {
                int e = r.next();
                switch (e) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            append(b, element);
                    case XMLStreamConstants.START_ELEMENT ->
                            throw invalid("<" + element + "> holds text only, not <" + r.getLocalName() + ">");
                    case XMLStreamConstants.END_ELEMENT -> {
                        return b.toString();
                    }
                    default -> other(e);
                }
            }
        }

        private void append(StringBuilder b, String element) throws XmlRpcFault {
            if (b.length() + r.getTextLength() > maxText) {
                throw invalid("a text in <" + element + "> is longer than " + maxText + " characters");
            }
            b.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        }

        /** The next start or end tag, past white space, comments and processing instructions. */
        private int next() throws XMLStreamException, XmlRpcFault {
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
                            throw invalid("text where the spec has none: '" + oneLine(t.length() > 40
                                    ? t.substring(0, 40) + "..." : t) + "'");
                        }
                    }
                    default -> other(e);
                }
            }
        }

        /** Events that are neither tags nor text. */
        private void other(int e) throws XmlRpcFault {
            switch (e) {
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // allowed anywhere, meaning nothing
                }
                case XMLStreamConstants.DTD -> throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR,
                        "a DOCTYPE is not accepted: XML-RPC has no use for one, and entity declarations are refused");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR,
                        "entity references other than the five predefined ones are not accepted");
                default -> throw invalid("unexpected XML event " + e);
            }
        }

        private void expectStart(String element, String in) throws XMLStreamException, XmlRpcFault {
            if (next() != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals(element)) {
                throw unexpected(in, "<" + element + ">");
            }
        }

        private void expectEnd(String element) throws XMLStreamException, XmlRpcFault {
            if (next() != XMLStreamConstants.END_ELEMENT) {
                throw unexpected(element, "</" + element + ">");
            }
        }

        private XmlRpcFault unexpected(String in, String expected) {
            String got = switch (r.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> "<" + r.getLocalName() + ">";
                case XMLStreamConstants.END_ELEMENT -> "</" + r.getLocalName() + ">";
                default -> "the end of the document";
            };
            return invalid("in <" + in + ">, expected " + expected + " but found " + got);
        }
    }

    private static int integer(String s, String type) throws XmlRpcFault {
        if (!INT.matcher(s).matches()) {
            throw invalid("<" + type + "> holds '" + oneLine(s) + "', not a whole number");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw invalid("<" + type + "> " + oneLine(s) + " is out of the four-byte signed range");
        }
    }

    private static boolean bool(String s) throws XmlRpcFault {
        // The spec says 0 (false) or 1 (true); "true"/"false" are also read, as gorilla-xmlrpc does.
        switch (s.toLowerCase(Locale.ROOT)) {
            case "1":
            case "true":
                return true;
            case "0":
            case "false":
                return false;
            default:
                throw invalid("<boolean> holds '" + oneLine(s) + "', not 0 or 1");
        }
    }

    private static double dbl(String s) throws XmlRpcFault {
        if (DOUBLE.matcher(s).matches()) {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw invalid("<double> holds '" + oneLine(s) + "', not a finite decimal number");
    }

    private static LocalDateTime dateTime(String s) throws XmlRpcFault {
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(s, f);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw invalid("<dateTime.iso8601> holds '" + oneLine(s) + "', not a date like 19980717T14:08:55");
    }

    private static byte[] base64(String s) throws XmlRpcFault {
        try {
            // Line breaks are usual (Python writes one every 76 characters); anything else not base64 is refused.
            return Base64.getDecoder().decode(s.replaceAll("[ \\t\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw invalid("<base64> does not hold base64: " + oneLine(e.getMessage()));
        }
    }
}
