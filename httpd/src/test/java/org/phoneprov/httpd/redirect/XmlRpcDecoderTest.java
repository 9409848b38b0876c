package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlRpcDecoderTest {
    private final XmlRpcDecoder decoder = new XmlRpcDecoder();

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String call(String method, String params) {
        return "<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>" + params
                + "</params></methodCall>";
    }

    static String param(String value) {
        return "<param><value>" + value + "</value></param>";
    }

    /** Written once by Python 3.11.7's {@code xmlrpc.client.dumps(params, method)} and checked in. */
    static byte[] resource(String name) throws IOException {
        try (InputStream in = XmlRpcDecoderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private XmlRpcFault refused(byte[] body) {
        return assertThrows(XmlRpcFault.class, () -> decoder.decode(body));
    }

    private XmlRpcFault refused(String body) {
        return refused(utf8(body));
    }

    @Test
    void pythonsRegisterDeviceRequestDecodes() throws Exception {
        // xmlrpc.client.dumps(('7c2f80123456-1a2b', 'https://prov.example.com/%MACD/%DVID/', 'Acme & Söhne'),
        //                     'autoprov.registerDevice')
        XmlRpcRequest r = decoder.decode(resource("python-registerDevice.xml"));
        assertEquals("autoprov.registerDevice", r.methodName());
        assertEquals(List.of(new XmlRpcValue.Str("7c2f80123456-1a2b"),
                new XmlRpcValue.Str("https://prov.example.com/%MACD/%DVID/"), new XmlRpcValue.Str("Acme & Söhne")),
                r.params());
    }

    @Test
    void pythonsStructRequestDecodes() throws Exception {
        XmlRpcRequest r = decoder.decode(resource("python-register-struct.xml"));
        assertEquals(List.of(new XmlRpcValue.Struct(Map.of("Mac", new XmlRpcValue.Str("7C2F80123456-1A2B"),
                "Url", new XmlRpcValue.Str("http://prov.example.com/x"),
                "Provider", new XmlRpcValue.Str("Falconieri")))), r.params());
    }

    @Test
    void everyTypePythonWritesDecodes() throws Exception {
        // xmlrpc.client.dumps(('text <&>', 42, True, 1.5, Binary(bytes(range(100))),
        //     DateTime(datetime(1998, 7, 17, 14, 8, 55)), [1, 'two', [3.0]], {'a': 1, 'b': {'c': False}}),
        //     'test.allTypes')
        XmlRpcRequest r = decoder.decode(resource("python-all-types.xml"));
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertEquals("test.allTypes", r.methodName());
        assertEquals(List.of(
                new XmlRpcValue.Str("text <&>"),
                new XmlRpcValue.Int(42),
                new XmlRpcValue.Bool(true),
                new XmlRpcValue.Dbl(1.5),
                new XmlRpcValue.Bytes(bytes),
                new XmlRpcValue.DateTime(LocalDateTime.of(1998, 7, 17, 14, 8, 55)),
                new XmlRpcValue.Array(List.of(new XmlRpcValue.Int(1), new XmlRpcValue.Str("two"),
                        new XmlRpcValue.Array(List.of(new XmlRpcValue.Dbl(3.0))))),
                new XmlRpcValue.Struct(Map.of("a", new XmlRpcValue.Int(1),
                        "b", new XmlRpcValue.Struct(Map.of("c", new XmlRpcValue.Bool(false)))))),
                r.params());
    }

    @Test
    void aValueWithoutTypeIsAStringWithItsWhiteSpaceKept() throws Exception {
        XmlRpcRequest r = decoder.decode(utf8(call("autoprov.checkDevice",
                param("7C2F80123456-1A2B") + param("") + param(" a b ") + "<param><value/></param>")));
        assertEquals(List.of(new XmlRpcValue.Str("7C2F80123456-1A2B"), new XmlRpcValue.Str(""),
                new XmlRpcValue.Str(" a b "), new XmlRpcValue.Str("")), r.params());
    }

    @Test
    void whiteSpaceCommentsCdataAndEntitiesAreRead() throws Exception {
        String body = "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<methodCall>\n  <methodName> autoprov.checkDevice "
                + "</methodName>\n  <params>\n    <param>\n      <value>\n        <string>a<!--x--><![CDATA[<b>]]>"
                + "&amp;&#x41;&lt;</string>\n      </value>\n    </param>\n    <param><value><i4> -7 </i4></value></param>"
                + "\n  </params>\n</methodCall>\n<?pi at the end?>\n";
        XmlRpcRequest r = decoder.decode(utf8(body));
        assertEquals("autoprov.checkDevice", r.methodName());
        assertEquals(List.of(new XmlRpcValue.Str("a<b>&A<"), new XmlRpcValue.Int(-7)), r.params());
    }

    @Test
    void aCallWithoutParamsHasNone() throws Exception {
        XmlRpcRequest r = decoder.decode(utf8("<methodCall><methodName>system.listMethods</methodName></methodCall>"));
        assertEquals(List.of(), r.params());
        assertEquals(List.of(), decoder.decode(utf8(call("a", ""))).params());
    }

    @Test
    void phpsDefaultIso88591DeclarationIsHonoured() throws Exception {
        // PHP's xmlrpc_encode_request writes encoding="iso-8859-1" unless told otherwise.
        byte[] body = ("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>" + call("autoprov.registerDevice",
                param("<string>M\u00fcller</string>")).substring("<?xml version=\"1.0\"?>".length()))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of(new XmlRpcValue.Str("M\u00fcller")), decoder.decode(body).params());
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        byte[] doc = utf8(call("a", param("\u00e9")));
        byte[] body = new byte[doc.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(doc, 0, body, 3, doc.length);
        assertEquals(List.of(new XmlRpcValue.Str("\u00e9")), decoder.decode(body).params());
    }

    @Test
    void numbersBooleansDatesAndBase64AreReadLeniently() throws Exception {
        XmlRpcRequest r = decoder.decode(utf8(call("a", param("<int>+2147483647</int>") + param("<int>-2147483648</int>")
                + param("<boolean>true</boolean>") + param("<boolean>0</boolean>") + param("<double>-.5</double>")
                + param("<double>1e+100</double>") + param("<dateTime.iso8601>1998-07-17T14:08:55</dateTime.iso8601>")
                + param("<base64>QU\nJD</base64>") + param("<base64></base64>") + param("<array><data/></array>")
                + param("<struct/>"))));
        assertEquals(List.of(new XmlRpcValue.Int(Integer.MAX_VALUE), new XmlRpcValue.Int(Integer.MIN_VALUE),
                new XmlRpcValue.Bool(true), new XmlRpcValue.Bool(false), new XmlRpcValue.Dbl(-0.5),
                new XmlRpcValue.Dbl(1e100), new XmlRpcValue.DateTime(LocalDateTime.of(1998, 7, 17, 14, 8, 55)),
                new XmlRpcValue.Bytes("ABC".getBytes(StandardCharsets.US_ASCII)), new XmlRpcValue.Bytes(new byte[0]),
                new XmlRpcValue.Array(List.of()), new XmlRpcValue.Struct(Map.of())), r.params());
    }

    @Test
    void depthSixteenIsAcceptedAndSeventeenIsNot() throws Exception {
        assertEquals(1, decoder.decode(utf8(call("a", param(nested(15, "<int>1</int>"))))).params().size());
        XmlRpcFault f = refused(call("a", param(nested(16, "<int>1</int>"))));
        assertEquals(XmlRpcFault.INVALID_REQUEST, f.code());
        assertTrue(f.getMessage().contains("nested deeper than 16"), f.getMessage());
    }

    /** {@code levels} arrays around {@code inner}; the param's own value is depth 1. */
    private static String nested(int levels, String inner) {
        StringBuilder b = new StringBuilder();
        b.append("<array><data><value>".repeat(levels)).append(inner).append("</value></data></array>".repeat(levels));
        return b.toString();
    }

    // ---- hostile and broken documents: each a fault, never an unchecked exception

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        XmlRpcFault f = refused("<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>" + call("a", param("&xxe;")));
        assertEquals(XmlRpcFault.PARSE_ERROR, f.code());
        assertFalse(f.getMessage().contains("TOP-SECRET"), f.getMessage());
    }

    @Test
    void anExternalDtdIsNeverFetched(@TempDir Path dir) throws Exception {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY x \"FETCHED\">");
        XmlRpcFault f = refused("<?xml version=\"1.0\"?><!DOCTYPE methodCall SYSTEM \"" + dtd.toUri() + "\">"
                + call("a", param("&x;")));
        assertEquals(XmlRpcFault.PARSE_ERROR, f.code());
        assertFalse(f.getMessage().contains("FETCHED"), f.getMessage());
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        dtd.append("]>");
        long t0 = System.nanoTime();
        XmlRpcFault f = refused("<?xml version=\"1.0\"?>" + dtd + call("a", param("&lol9;")));
        assertEquals(XmlRpcFault.PARSE_ERROR, f.code());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused at once, not after expanding");
    }

    @Test
    void anyDoctypeIsRefused() {
        XmlRpcFault f = refused("<!DOCTYPE methodCall>" + call("a", param("x")));
        assertEquals(XmlRpcFault.PARSE_ERROR, f.code());
        assertTrue(f.getMessage().contains("DOCTYPE"), f.getMessage());
    }

    @Test
    void aThousandDeepNestingIsRefused() {
        XmlRpcFault f = refused(call("a", param(nested(1000, "x"))));
        assertEquals(XmlRpcFault.INVALID_REQUEST, f.code());
        assertTrue(f.getMessage().contains("nested deeper"), f.getMessage());
        XmlRpcFault structs = refused(call("a", param(
                "<struct><member><name>n</name><value>".repeat(1000) + "x" + "</value></member></struct>".repeat(1000))));
        assertEquals(XmlRpcFault.INVALID_REQUEST, structs.code());
    }

    @Test
    void aTenMegabyteStringIsRefusedByTheBodyLimit() {
        XmlRpcFault f = refused(call("a", param("<string>" + "A".repeat(10 * 1024 * 1024) + "</string>")));
        assertEquals(XmlRpcFault.PARSE_ERROR, f.code());
        assertTrue(f.getMessage().contains("more than the 65536"), f.getMessage());
    }

    @Test
    void aTenMegabyteStringIsRefusedByTheTextLimitToo() {
        XmlRpcDecoder roomy = new XmlRpcDecoder(32 * 1024 * 1024, 16, 1024, 8 * 1024);
        for (String v : List.of("<string>" + "A".repeat(10 * 1024 * 1024) + "</string>", "A".repeat(10 * 1024 * 1024))) {
            XmlRpcFault f = assertThrows(XmlRpcFault.class, () -> roomy.decode(utf8(call("a", param(v)))));
            assertEquals(XmlRpcFault.INVALID_REQUEST, f.code());
            assertTrue(f.getMessage().contains("longer than 8192"), f.getMessage());
        }
    }

    @Test
    void tooManyValuesAreRefused() {
        String many = param("<array><data>" + "<value/>".repeat(1100) + "</data></array>");
        XmlRpcFault f = refused(call("a", many));
        assertEquals(XmlRpcFault.INVALID_REQUEST, f.code());
        assertTrue(f.getMessage().contains("more than 1024 values"), f.getMessage());
    }

    @Test
    void truncatedXmlIsAParseError() {
        String whole = call("autoprov.checkDevice", param("7C2F80123456-1A2B"));
        for (int cut : new int[] {1, 10, 30, 60, whole.length() - 1}) {
            XmlRpcFault f = refused(whole.substring(0, cut));
            assertTrue(f.code() == XmlRpcFault.PARSE_ERROR || f.code() == XmlRpcFault.INVALID_REQUEST,
                    cut + ": " + f.code() + " " + f.getMessage());
        }
        assertEquals(XmlRpcFault.PARSE_ERROR, refused(whole.substring(0, whole.length() - 1)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not xml at all",
        "<methodCall><methodName>a</methodName></methodCall><methodCall/>",
        "<methodCall><methodName>a</methodName></methodCall>trailing",
        "<methodCall><methodName>a</methodName><params></methodCall>",
        "<methodCall><methodName>a</methodName><params><param><value>&undefined;</value></param></params></methodCall>",
        "<methodCall><methodName>a</methodName><params><param><value>\u0001</value></param></params></methodCall>",
        "<methodCall><methodName>a</methodName><params><param><value>\u0000</value></param></params></methodCall>",
    })
    void malformedXmlIsAParseError(String body) {
        assertEquals(XmlRpcFault.PARSE_ERROR, refused(body).code(), body);
    }

    @Test
    void invalidUtf8IsAParseError() {
        byte[] body = utf8(call("a", param("xx")));
        byte[] bad = body.clone();
        int at = new String(body, StandardCharsets.UTF_8).indexOf("xx");
        bad[at] = (byte) 0xC3; // a lead byte followed by 'x': not UTF-8
        XmlRpcFault f = refused(bad);
        assertEquals(XmlRpcFault.INVALID_CHARACTER, f.code());
        assertTrue(f.getMessage().contains("not valid UTF-8"), f.getMessage());
        byte[] declared = ("<?xml version='1.0' encoding='UTF-8'?>" + new String(bad, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(XmlRpcFault.INVALID_CHARACTER, refused(declared).code());
        assertEquals(XmlRpcFault.PARSE_ERROR, refused(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 1, 2}).code());
    }

    @Test
    void anUnknownEncodingIsRefused() {
        XmlRpcFault f = refused("<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><methodCall/>");
        assertEquals(XmlRpcFault.UNSUPPORTED_ENCODING, f.code());
        assertTrue(f.getMessage().contains("no-such-encoding"), f.getMessage());
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() throws Exception {
        byte[] doc = call("a", param("\u00e9\u4e2d")).replace("<?xml version=\"1.0\"?>", "")
                .getBytes(StandardCharsets.UTF_16); // big-endian with a BOM
        assertEquals(List.of(new XmlRpcValue.Str("\u00e9\u4e2d")), decoder.decode(doc).params());
        byte[] le = ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + call("a", param("x")).replace("<?xml version=\"1.0\"?>", ""))
                .getBytes(StandardCharsets.UTF_16LE);
        assertEquals(List.of(new XmlRpcValue.Str("x")), decoder.decode(le).params());
    }

    @Test
    void anEmptyBodyIsAParseError() {
        assertEquals(XmlRpcFault.PARSE_ERROR, refused(new byte[0]).code());
        assertEquals(XmlRpcFault.PARSE_ERROR, refused((byte[]) null).code());
        assertEquals(XmlRpcFault.PARSE_ERROR, refused("   ").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<methodResponse><params/></methodResponse>",
        "<x:methodCall xmlns:x=\"urn:x\"><methodName>a</methodName></x:methodCall>",
        "<methodCall/>",
        "<methodCall><params/><methodName>a</methodName></methodCall>",
        "<methodCall><methodName>a</methodName><methodName>b</methodName></methodCall>",
        "<methodCall><methodName>a</methodName><params/><params/></methodCall>",
        "<methodCall><methodName>a b</methodName></methodCall>",
        "<methodCall><methodName></methodName></methodCall>",
        "<methodCall><methodName>a&lt;b</methodName></methodCall>",
        "<methodCall><methodName><b/></methodName></methodCall>",
        "<methodCall>text<methodName>a</methodName></methodCall>",
        "<methodCall><methodName>a</methodName><params><value>x</value></params></methodCall>",
        "<methodCall><methodName>a</methodName><params><param></param></params></methodCall>",
        "<methodCall><methodName>a</methodName><params><param><value/><value/></param></params></methodCall>",
    })
    void wellFormedButNotAMethodCallIsAnInvalidRequest(String body) {
        assertEquals(XmlRpcFault.INVALID_REQUEST, refused(body).code(), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<nil/>", "<i8>1</i8>", "<int>1.0</int>", "<int>2147483648</int>", "<int></int>", "<int>0x10</int>",
        "<boolean>yes</boolean>", "<boolean>2</boolean>", "<double>NaN</double>", "<double>Infinity</double>",
        "<double>1e999</double>", "<double>1,5</double>", "<dateTime.iso8601>yesterday</dateTime.iso8601>",
        "<dateTime.iso8601>19981317T14:08:55</dateTime.iso8601>", "<base64>!!!!</base64>", "<base64>QU=J</base64>",
        "<string>a</string><string>b</string>", "x<string>a</string>", "<string><b/></string>",
        "<array><value/></array>", "<array><data><string/></data></array>", "<array/>",
        "<struct><value/></struct>", "<struct><member><name>a</name></member></struct>",
        "<struct><member><value/></member></struct>",
        "<struct><member><name>a</name><value/></member><member><name>a</name><value/></member></struct>",
        "<struct><member><name>a</name><name>b</name><value/></member></struct>",
    })
    void aBadValueIsAnInvalidRequest(String value) {
        XmlRpcFault f = refused(call("a", param(value)));
        assertEquals(XmlRpcFault.INVALID_REQUEST, f.code(), value + ": " + f.getMessage());
        assertFalse(f.getMessage().isBlank());
    }

    @Test
    void faultMessagesAreOneLineAndBounded() {
        XmlRpcFault f = refused("<methodCall><methodName>a</methodName><params><param><value>"
                + "<int>" + "9".repeat(5000) + "</int></value></param></params></methodCall>");
        assertFalse(f.getMessage().contains("\n"));
        assertTrue(f.getMessage().length() < 400, f.getMessage());
        XmlRpcFault type = refused(call("a", param("<" + "x".repeat(500) + "/>")));
        assertEquals(XmlRpcFault.INVALID_REQUEST, type.code());
        assertTrue(type.getMessage().length() < 400, type.getMessage());
        XmlRpcFault p = refused("<methodCall>\n\n<methodName>a</methodName><oops></methodCall>");
        assertFalse(p.getMessage().contains("\n"), p.getMessage());
    }

    @Test
    void base64ValuesAreCopied() {
        byte[] b = {1, 2, 3};
        XmlRpcValue.Bytes v = new XmlRpcValue.Bytes(b);
        b[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, v.value());
    }
}
