package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.httpd.redirect.XmlRpcDecoderTest.utf8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's reading of {@code <methodResponse>}: what servers write, and what a hostile one might. */
class XmlRpcResponseDecoderTest {
    private final XmlRpcResponseDecoder decoder = new XmlRpcResponseDecoder();

    static String response(String value) {
        return "<?xml version=\"1.0\"?><methodResponse><params><param><value>" + value
                + "</value></param></params></methodResponse>";
    }

    private String unreadable(byte[] body) {
        return assertInstanceOf(XmlRpcResponse.Unreadable.class, decoder.decode(body)).reason();
    }

    private String unreadable(String body) {
        return unreadable(utf8(body));
    }

    @Test
    void pythonsAnswersAreRead() {
        // xmlrpc.client.dumps(([True, 'ok'],), methodresponse=True), Python 3: <string> elements, line breaks.
        XmlRpcResponse ok = decoder.decode(utf8("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
                + "<value><array><data>\n<value><boolean>1</boolean></value>\n<value><string>ok</string></value>\n"
                + "</data></array></value>\n</param>\n</params>\n</methodResponse>\n"));
        assertEquals(Optional.of(new RedirectRegistry.Result(true, "ok")),
                assertInstanceOf(XmlRpcResponse.Result.class, ok).autoprov());
        // xmlrpc.client.dumps(Fault(-32601, 'no such method'), methodresponse=True)
        XmlRpcResponse fault = decoder.decode(utf8("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n"
                + "<member>\n<name>faultCode</name>\n<value><int>-32601</int></value>\n</member>\n<member>\n"
                + "<name>faultString</name>\n<value><string>no such method</string></value>\n</member>\n</struct>"
                + "</value>\n</fault>\n</methodResponse>\n"));
        assertEquals(new XmlRpcResponse.Fault(-32601, "no such method"), fault);
    }

    @Test
    void otherResultsAreReadButAreNoAutoprovPair() {
        XmlRpcResponse.Result r = assertInstanceOf(XmlRpcResponse.Result.class, decoder.decode(utf8(response(
                "<struct><member><name>a</name><value><i4>7</i4></value></member><member><name>b</name><value>"
                        + "<array><data><value>x</value><value><boolean>true</boolean></value></data></array>"
                        + "</value></member></struct>"))));
        assertEquals(new XmlRpcValue.Struct(Map.of("a", new XmlRpcValue.Int(7), "b", new XmlRpcValue.Array(List.of(
                new XmlRpcValue.Str("x"), new XmlRpcValue.Bool(true))))), r.value());
        assertEquals(Optional.empty(), r.autoprov());
        assertEquals(Optional.empty(), ((XmlRpcResponse.Result) decoder.decode(utf8(response(
                "<array><data><value><boolean>1</boolean></value><value><int>1</int></value></data></array>"))))
                .autoprov(), "[boolean, int]");
        assertEquals(new XmlRpcResponse.Result(new XmlRpcValue.Str(" a&<b ")),
                decoder.decode(utf8(response(" a&amp;<![CDATA[<]]>b "))), "no type: a string, white space kept");
    }

    @Test
    void anIso88591DeclarationAndAByteOrderMarkAreHonoured() {
        byte[] latin = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + response("M\u00fcller")
                .substring("<?xml version=\"1.0\"?>".length())).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(new XmlRpcResponse.Result(new XmlRpcValue.Str("M\u00fcller")), decoder.decode(latin));
        byte[] utf16 = ("\uFEFF" + response("\u00e9")).getBytes(StandardCharsets.UTF_16BE);
        assertEquals(new XmlRpcResponse.Result(new XmlRpcValue.Str("\u00e9")), decoder.decode(utf16));
    }

    @Test
    void aFaultNeedsItsCodeAndString() {
        String tolerant = "<methodResponse><fault><value><struct><member><name>faultString</name><value>no</value>"
                + "</member><member><name>extra</name><value><int>1</int></value></member><member><name>faultCode"
                + "</name><value><i4>4</i4></value></member></struct></value></fault></methodResponse>";
        assertEquals(new XmlRpcResponse.Fault(4, "no"), decoder.decode(utf8(tolerant)), "any order, extra members");
        String noCode = unreadable("<methodResponse><fault><value><struct><member><name>faultString</name>"
                + "<value>x</value></member></struct></value></fault></methodResponse>");
        assertTrue(noCode.contains("faultCode (int) and faultString (string), not members {faultString}"), noCode);
        assertTrue(unreadable("<methodResponse><fault><value>oops</value></fault></methodResponse>")
                .contains("not a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<methodResponse/>",
            "<methodResponse><params/></methodResponse>",
            "<methodResponse><params><param><value>a</value></param><param><value>b</value></param></params></methodResponse>",
            "<methodResponse><params><param><value>a</value></param></params><fault/></methodResponse>",
            "<methodCall><methodName>a</methodName></methodCall>",
            "<html><body>502 Bad Gateway</body></html>",
            "<methodResponse>text<params/></methodResponse>",
            "<methodResponse><params><param><value><nil/></value></param></params></methodResponse>",
            "<methodResponse><params><param><value><double>1.5</double></value></param></params></methodResponse>",
            "<methodResponse><params><param><value><int>2147483648</int></value></param></params></methodResponse>",
            "<methodResponse><params><param><value><boolean>yes</boolean></value></param></params></methodResponse>",
            "<methodResponse><params><param><value><string>a<b/></string></value></param></params></methodResponse>",
            "<methodResponse><params><param><value>x<int>1</int></value></param></params></methodResponse>",
            "<methodResponse><params><param><value><struct><member><name>a</name><value>1</value></member>"
                    + "<member><name>a</name><value>2</value></member></struct></value></param></params></methodResponse>",
            "<methodResponse><params><param><value>a</value></param></params></methodResponse><second/>",
            "<methodResponse><params><param><value>a</value></param></params>",
            "not xml at all",
    })
    void whatIsNotAResponseIsUnreadableWithAReason(String body) {
        String why = unreadable(body);
        assertFalse(why.isBlank());
        assertFalse(why.contains("\n"), why);
    }

    @Test
    void emptyOversizedAndBadlyEncodedBodiesAreRefusedBeforeParsing() {
        assertTrue(unreadable(new byte[0]).contains("empty"));
        assertTrue(((XmlRpcResponse.Unreadable) new XmlRpcResponseDecoder(100, 16, 1024, 8192)
                .decode(utf8(response("x".repeat(200))))).reason().contains("more than the 100 bytes"));
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            byte[] latin1 = response("M\u00fcller").getBytes(StandardCharsets.ISO_8859_1); // declared as nothing: UTF-8
            assertTrue(unreadable(latin1).contains("not valid UTF-8"));
            assertTrue(unreadable("<?xml version=\"1.0\" encoding=\"x-klingon\"?>" + response("a").substring(21))
                    .contains("'x-klingon'"));
        } finally {
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "nothing printed by the parser");
    }

    @Test
    void limitsOfDepthValuesAndTextHold() {
        String deep = "<array><data><value>".repeat(16) + "1" + "</value></data></array>".repeat(16);
        assertTrue(unreadable(response(deep)).contains("nested deeper than 16"));
        String fifteen = "<array><data><value>".repeat(15) + "1" + "</value></data></array>".repeat(15);
        assertInstanceOf(XmlRpcResponse.Result.class, decoder.decode(utf8(response(fifteen))));
        String many = "<array><data>" + "<value>1</value>".repeat(1024) + "</data></array>";
        assertTrue(unreadable(response(many)).contains("more than 1024 values"));
        assertTrue(unreadable(response("x".repeat(8193))).contains("longer than 8192"));
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String why = unreadable("<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>" + response("&xxe;").substring(21));
        assertFalse(why.contains("TOP-SECRET"), why);
        assertTrue(why.contains("DOCTYPE"), why);
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY x \"FETCHED\">");
        String external = unreadable("<!DOCTYPE methodResponse SYSTEM \"" + dtd.toUri() + "\">" + response("&x;")
                .substring(21));
        assertFalse(external.contains("FETCHED"), external);
    }

    @Test
    void valuesAndCharsetsAreReadAsTheServersDecoderReadsThem() {
        // Both decoders walk with XmlRpcReader: XML 1.0 appendix F's UTF-16 without a byte order mark,
        // a member's <value> before its <name>, and the client's own list of types when one is refused.
        assertEquals(new XmlRpcResponse.Result(new XmlRpcValue.Str("x")),
                decoder.decode(response("x").getBytes(StandardCharsets.UTF_16LE)));
        assertEquals(new XmlRpcResponse.Result(new XmlRpcValue.Struct(Map.of("a", new XmlRpcValue.Str("1")))),
                decoder.decode(utf8(response("<struct><member><value>1</value><name>a</name></member></struct>"))));
        String why = unreadable(response("<double>1.5</double>"));
        assertTrue(why.contains("<double> is not an XML-RPC type this client reads (string, int, i4, boolean, array,"
                + " struct)"), why);
    }

    @Test
    void serverTextInAReasonIsOneBoundedLine() {
        String why = unreadable(response("<" + "x".repeat(500) + "/>"));
        assertTrue(why.length() < 400, why);
        assertFalse(unreadable("<methodResponse>\u0007bell\n\ttext<params/></methodResponse>").contains("\u0007"));
    }
}
