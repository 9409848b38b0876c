package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class XmlRpcEncoderTest {
    private static final String DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    /**
     * Falconieri's response expression (nethesis/falconieri providers/gigaset.go), as Go reads it:
     * no flags, so '.' does not match a newline.
     */
    private static final Pattern FALCONIERI = Pattern.compile("<params><param><value><array><data><value><boolean>(.*)"
            + "</boolean></value><value>(.*)</value></data></array></value></param></params>");

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aResultArrayIsWrittenOnOneLineWithBareStrings() {
        byte[] out = XmlRpcEncoder.response(new RedirectRegistry.Result(false, "mac_not_found:7C2F80123456").toXmlRpc());
        assertEquals(DECL + "<methodResponse><params><param><value><array><data><value><boolean>0</boolean></value>"
                + "<value>mac_not_found:7C2F80123456</value></data></array></value></param></params></methodResponse>\n",
                text(out));
    }

    @Test
    void falconierisExpressionFindsTheBooleanAndTheMessage() {
        for (RedirectRegistry.Result r : List.of(new RedirectRegistry.Result(true, "ok"),
                new RedirectRegistry.Result(false, "url_invalid:ftp://x"),
                new RedirectRegistry.Result(false, "mac_already_in_use:7C2F80123456"))) {
            Matcher m = FALCONIERI.matcher(text(XmlRpcEncoder.response(r.toXmlRpc())));
            assertTrue(m.find(), r.toString());
            assertEquals(r.ok() ? "1" : "0", m.group(1)); // Go's strconv.ParseBool reads 1 and 0
            assertEquals(r.message(), m.group(2)); // so strings.HasPrefix(message, "url_invalid:") works
        }
    }

    @Test
    void aFaultIsAStructOfCodeThenString() {
        byte[] out = XmlRpcEncoder.fault(XmlRpcFault.METHOD_NOT_FOUND, "method 'x' not found");
        assertEquals(DECL + "<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>-32601"
                + "</int></value></member><member><name>faultString</name><value>method 'x' not found</value></member>"
                + "</struct></value></fault></methodResponse>\n", text(out));
    }

    @Test
    void textIsEscapedAndWhatXmlCannotCarryIsReplaced() throws Exception {
        String nasty = "a<b>&c]]>d\"e'f\r\ng\u0001h\u0000i\uD800j\uFFFEk\uD83D\uDE00l\tm\u00e9";
        byte[] out = XmlRpcEncoder.fault(1, nasty);
        String s = text(out);
        assertTrue(s.contains("a&lt;b&gt;&amp;c]]&gt;d\"e'f&#13;\ng\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uD83D\uDE00l\tm\u00e9"), s);
        Document d = parse(out);
        assertEquals("a<b>&c]]>d\"e'f\r\ng\uFFFDh\uFFFDi\uFFFDj\uFFFDk\uD83D\uDE00l\tm\u00e9",
                d.getElementsByTagName("value").item(2).getTextContent());
    }

    @Test
    void everyTypeIsWrittenAsTheSpecShowsIt() throws Exception {
        Map<String, XmlRpcValue> members = new LinkedHashMap<>();
        members.put("i", new XmlRpcValue.Int(-5));
        members.put("n&m", new XmlRpcValue.Bool(true));
        XmlRpcValue v = new XmlRpcValue.Array(List.of(new XmlRpcValue.Dbl(1.5e10), new XmlRpcValue.Dbl(-0.25),
                new XmlRpcValue.DateTime(LocalDateTime.of(1998, 7, 17, 14, 8, 55)),
                new XmlRpcValue.Bytes(new byte[] {'A', 'B', 'C'}), new XmlRpcValue.Struct(members),
                new XmlRpcValue.Array(List.of())));
        String s = text(XmlRpcEncoder.response(v));
        assertTrue(s.contains("<value><array><data><value><double>15000000000</double></value>"
                + "<value><double>-0.25</double></value>"
                + "<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>"
                + "<value><base64>QUJD</base64></value>"
                + "<value><struct><member><name>i</name><value><int>-5</int></value></member>"
                + "<member><name>n&amp;m</name><value><boolean>1</boolean></value></member></struct></value>"
                + "<value><array><data></data></array></value></data></array></value>"), s);
        parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
