package org.phoneprov.httpd.redirect;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@code <methodResponse>} (UTF-8) holding one result or a fault, and, for this suite's
 * own client ({@code phoneprov gigaset}), a {@code <methodCall>}.
 *
 * <p>After the XML declaration, the response is one line with no white space between tags, and strings as a
 * bare {@code <value>text</value>} (the spec: "If no type is indicated, the type is string"),
 * because that is the shape Falconieri matches with a regular expression, not an XML parser:
 * {@code <params><param><value><array><data><value><boolean>(.*)</boolean></value><value>(.*)</value></data></array></value></param></params>},
 * then {@code strings.HasPrefix(message, "url_invalid:")} on the second group
 * (nethesis/falconieri {@code providers/gigaset.go}, {@code utils/utils.go}). A {@code <string>}
 * element there would end up inside the message and defeat those prefixes. PHP's
 * {@code xmlrpc_decode} (peoplefone) and any spec-conforming client read either form.
 * Booleans are {@code 1}/{@code 0} as the spec writes them (Go's {@code strconv.ParseBool} takes both).
 */
public final class XmlRpcEncoder {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss", Locale.ROOT);
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    /** The spec's method name characters, as {@link XmlRpcDecoder} checks them. */
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_.:/]{1,128}");

    private XmlRpcEncoder() {
    }

    /** {@code <methodResponse><params><param>value</param></params></methodResponse>}. */
    public static byte[] response(XmlRpcValue result) {
        StringBuilder b = new StringBuilder(256).append(DECLARATION).append("<methodResponse><params><param>");
        value(b, result);
        return b.append("</param></params></methodResponse>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code <methodResponse><fault><value><struct>} with {@code faultCode} (int) and
     * {@code faultString} (string), as the spec's "Fault example".
     */
    public static byte[] fault(int code, String message) {
        Map<String, XmlRpcValue> members = new LinkedHashMap<>(); // the spec's order: code, then string
        members.put("faultCode", new XmlRpcValue.Int(code));
        members.put("faultString", new XmlRpcValue.Str(message == null ? "" : message));
        StringBuilder b = new StringBuilder(256).append(DECLARATION).append("<methodResponse><fault>");
        value(b, new XmlRpcValue.Struct(members));
        return b.append("</fault></methodResponse>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code <methodCall><methodName>name</methodName><params><param>value</param>...</params></methodCall>},
     * in the same one-line form as the responses: what {@link XmlRpcDecoder} reads, and what
     * peoplefone's {@code xmlrpc_encode_request} and gorilla-xmlrpc send (docs/vendor-formats.md section 3).
     *
     * @throws IllegalArgumentException for a method name the spec does not allow (the caller's bug)
     */
    public static byte[] call(String methodName, List<XmlRpcValue> params) {
        if (!METHOD_NAME.matcher(methodName).matches()) {
            throw new IllegalArgumentException("not an XML-RPC method name: " + methodName);
        }
        StringBuilder b = new StringBuilder(256).append(DECLARATION).append("<methodCall><methodName>")
                .append(methodName).append("</methodName><params>");
        for (XmlRpcValue p : params) {
            b.append("<param>");
            value(b, p);
            b.append("</param>");
        }
        return b.append("</params></methodCall>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder b, XmlRpcValue v) {
        b.append("<value>");
        if (v instanceof XmlRpcValue.Str s) {
            escape(b, s.value());
        } else if (v instanceof XmlRpcValue.Int i) {
            b.append("<int>").append(i.value()).append("</int>");
        } else if (v instanceof XmlRpcValue.Bool o) {
            b.append("<boolean>").append(o.value() ? '1' : '0').append("</boolean>");
        } else if (v instanceof XmlRpcValue.Dbl d) {
            // The spec's double has no exponent: 1.5E10 is written out in digits.
            b.append("<double>").append(BigDecimal.valueOf(d.value()).toPlainString()).append("</double>");
        } else if (v instanceof XmlRpcValue.DateTime t) {
            b.append("<dateTime.iso8601>").append(DATE_TIME.format(t.value())).append("</dateTime.iso8601>");
        } else if (v instanceof XmlRpcValue.Bytes y) {
            b.append("<base64>").append(Base64.getEncoder().encodeToString(y.value())).append("</base64>");
        } else if (v instanceof XmlRpcValue.Array a) {
            b.append("<array><data>");
            for (XmlRpcValue item : a.values()) {
                value(b, item);
            }
            b.append("</data></array>");
        } else if (v instanceof XmlRpcValue.Struct s) {
            b.append("<struct>");
            for (Map.Entry<String, XmlRpcValue> m : s.members().entrySet()) {
                b.append("<member><name>");
                escape(b, m.getKey());
                b.append("</name>");
                value(b, m.getValue());
                b.append("</member>");
            }
            b.append("</struct>");
        }
        b.append("</value>");
    }

    /**
     * Character data: {@code & < >} as entities, CR as {@code &#13;} (a parser would turn a raw
     * one into LF), and what XML 1.0 cannot carry at all (other C0 controls, lone surrogates,
     * U+FFFE, U+FFFF) as U+FFFD.
     */
    static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;");
                default -> {
                    boolean legal = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    b.appendCodePoint(legal ? c : 0xFFFD);
                }
            }
        }
    }
}
