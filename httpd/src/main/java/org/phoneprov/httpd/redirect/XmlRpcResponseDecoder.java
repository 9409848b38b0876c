package org.phoneprov.httpd.redirect;

import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.phoneprov.httpd.redirect.XmlRpcReader.Refused;

/**
 * Reads a {@code <methodResponse>} (http://xmlrpc.com/spec.md, "Response example" and "Fault
 * example") for a client of an {@code autoprov.*} API: {@code phoneprov gigaset}. The answer comes
 * from the network, so it is read as {@link XmlRpcDecoder} reads a call ({@link XmlRpcReader}):
 * with the JDK's StAX parser, no DOCTYPE (so no entities, internal or external), at most
 * {@link #DEFAULT_MAX_BYTES}, values nested at most {@link #DEFAULT_MAX_DEPTH} deep, at most
 * {@link #DEFAULT_MAX_VALUES} values and {@link #DEFAULT_MAX_TEXT} characters in one text, the
 * body decoded strictly so that the parser prints nothing. Nothing is thrown: a body that is not a
 * response as the spec describes it is an {@link XmlRpcResponse.Unreadable} saying why.
 *
 * <p>The spec: "The body of the response is a single XML structure, a {@code <methodResponse>},
 * which can contain a single {@code <params>} which contains a single {@code <param>} which contains
 * a single {@code <value>}", or "a {@code <fault>} which contains a {@code <value>} which is a
 * {@code <struct>} containing two elements, one named {@code <faultCode>}, an {@code <int>} and one
 * named {@code <faultString>}, a {@code <string>}" (other members are tolerated). Thread-safe: each
 * call makes its own parser.
 */
public final class XmlRpcResponseDecoder {
    /** Far above an autoprov answer (under 300 bytes) or a fault. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 16;
    public static final int DEFAULT_MAX_VALUES = 1024;
    public static final int DEFAULT_MAX_TEXT = 8 * 1024;
    /**
     * The types an autoprov answer ({@code [boolean, string]}) and a fault hold. A double,
     * dateTime.iso8601 or base64 is refused by name, not read: nothing this client does could use one.
     */
    private static final List<String> TYPES = List.of("string", "int", "i4", "boolean", "array", "struct");

    private final XmlRpcReader.Rules rules;

    public XmlRpcResponseDecoder() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES, DEFAULT_MAX_TEXT);
    }

    public XmlRpcResponseDecoder(int maxBytes, int maxDepth, int maxValues, int maxText) {
        this.rules = new XmlRpcReader.Rules("methodResponse", "client", TYPES, maxBytes, maxDepth, maxValues, maxText);
    }

    /** The most a caller needs to read of a body: one byte more tells it the body is too long. */
    public int maxBytes() {
        return rules.maxBytes();
    }

    /** A whole response body. */
    public XmlRpcResponse decode(byte[] body) {
        try {
            return XmlRpcReader.read(body, rules, XmlRpcResponseDecoder::methodResponse);
        } catch (Refused e) {
            return new XmlRpcResponse.Unreadable(e.getMessage());
        }
    }

    /** Inside {@code <methodResponse>}: one {@code <params>} or one {@code <fault>}, through its end tag. */
    private static XmlRpcResponse methodResponse(XmlRpcReader in) throws XMLStreamException, Refused {
        if (in.next() != XMLStreamConstants.START_ELEMENT) {
            throw in.unexpected("methodResponse", "<params> or <fault>");
        }
        XmlRpcResponse out;
        switch (in.name()) {
            case "params" -> {
                in.expectStart("param", "params");
                in.expectStart("value", "param");
                out = new XmlRpcResponse.Result(in.value());
                in.expectEnd("param");
                in.expectEnd("params");
            }
            case "fault" -> {
                in.expectStart("value", "fault");
                out = fault(in.value());
                in.expectEnd("fault");
            }
            default -> throw in.unexpected("methodResponse", "<params> or <fault>");
        }
        in.expectEnd("methodResponse");
        return out;
    }

    private static XmlRpcResponse fault(XmlRpcValue v) throws Refused {
        if (v instanceof XmlRpcValue.Struct s && s.members().get("faultCode") instanceof XmlRpcValue.Int code
                && s.members().get("faultString") instanceof XmlRpcValue.Str text) {
            return new XmlRpcResponse.Fault(code.value(), text.value());
        }
        throw XmlRpcReader.structure("a <fault> holds a struct with faultCode (int) and faultString (string), not "
                + (v instanceof XmlRpcValue.Struct s ? "members {" + XmlRpcReader.oneLine(String.join(", ",
                s.members().keySet())) + "}" : "a " + v.typeName()));
    }
}
