package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phoneprov.httpd.redirect.XmlRpcDecoderTest.call;
import static org.phoneprov.httpd.redirect.XmlRpcDecoderTest.param;
import static org.phoneprov.httpd.redirect.XmlRpcDecoderTest.resource;
import static org.phoneprov.httpd.redirect.XmlRpcDecoderTest.utf8;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phoneprov.common.mac.Mac;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class XmlRpcServiceTest {
    private static final String ID = "7C2F80123456-1A2B";
    private static final String MAC = "7C2F80123456";
    private static final String URL = "https://prov.example.com/%MACD/%DVID/";

    private MemoryRegistrations store;
    private XmlRpcService service;

    @BeforeEach
    void setUp() {
        store = new MemoryRegistrations();
        service = new XmlRpcService(new RedirectRegistry(store, () -> 42));
    }

    /** A response as [boolean, string], or the fault as [faultCode, faultString]. */
    record Answer(boolean fault, String first, String second) {
    }

    static Answer read(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Element root = d.getDocumentElement();
        assertEquals("methodResponse", root.getTagName());
        boolean fault = root.getElementsByTagName("fault").getLength() == 1;
        NodeList values = root.getElementsByTagName("value");
        if (fault) {
            // value 0: the struct; 1: faultCode's; 2: faultString's
            return new Answer(true, values.item(1).getTextContent(), values.item(2).getTextContent());
        }
        // value 0: the array; 1: the boolean; 2: the string
        return new Answer(false, values.item(1).getTextContent(), values.item(2).getTextContent());
    }

    private Answer handle(String body) throws Exception {
        return handle(utf8(body));
    }

    private Answer handle(byte[] body) throws Exception {
        XmlRpcService.Reply r = service.handle("acme", body);
        Answer a = read(r.body());
        assertEquals(a.fault(), r.fault());
        assertFalse(r.summary().contains("\n"), r.summary());
        return a;
    }

    private static String check(String macId) {
        return call(XmlRpcService.CHECK, param(macId));
    }

    private static String register(String macId, String url, String name) {
        return call(XmlRpcService.REGISTER, param(macId) + param(url) + param(name));
    }

    private static Answer ok(String s) {
        return new Answer(false, "1", s);
    }

    private static Answer no(String s) {
        return new Answer(false, "0", s);
    }

    private static void assertFault(int code, Answer a) {
        assertTrue(a.fault(), a.toString());
        assertEquals(Integer.toString(code), a.first(), a.toString());
        assertFalse(a.second().isBlank());
    }

    @Test
    void theThreeMethodsAsPeoplefoneSendsThem() throws Exception {
        assertEquals(no("mac_not_found:" + MAC), handle(check(ID)));
        assertEquals(ok("ok"), handle(register(ID, URL, "peoplefone")));
        assertEquals(ok(MAC), handle(check(ID)));
        assertEquals(URL, store.rows.get(Mac.parse(MAC).orElseThrow()).url());
        assertEquals(ok("ok"), handle(call(XmlRpcService.DEREGISTER, param("<string>" + ID + "</string>"))));
        assertEquals(no("mac_not_found:" + MAC), handle(check(ID)));
    }

    @Test
    void pythonsRequestsWork() throws Exception {
        assertEquals(ok("ok"), handle(resource("python-registerDevice.xml")));
        assertEquals("Acme & Söhne", store.rows.get(Mac.parse(MAC).orElseThrow()).profile());
        assertEquals(ok(MAC), handle(resource("python-checkDevice.xml")));
    }

    @Test
    void theStructFormWorks() throws Exception {
        String struct = "<struct><member><name>Mac</name><value>" + ID + "</value></member>"
                + "<member><name>Url</name><value>" + URL + "</value></member>"
                + "<member><name>Provider</name><value>Falconieri</value></member></struct>";
        assertEquals(ok("ok"), handle(call(XmlRpcService.REGISTER, param(struct))));
        assertEquals("Falconieri", store.rows.get(Mac.parse(MAC).orElseThrow()).profile());
        assertEquals(ok(MAC), handle(call(XmlRpcService.CHECK,
                param("<struct><member><name>mac</name><value>" + ID + "</value></member></struct>"))));
        assertEquals(ok("ok"), handle(call(XmlRpcService.DEREGISTER,
                param("<struct><member><name>MAC</name><value><string>" + ID + "</string></value></member></struct>"))));
        assertEquals(ok("ok"), handle(resource("python-register-struct.xml")));
    }

    @Test
    void everyResultStringReachesTheClient() throws Exception {
        assertEquals(no("mac_invalid:nonsense"), handle(check("nonsense")));
        assertEquals(no("mac_invalid:" + MAC), handle(register(MAC + "-1A2!", URL, "p")));
        assertEquals(no("url_invalid:ftp://x"), handle(register(ID, "ftp://x", "p")));
        assertEquals(no("name_invalid:"), handle(register(ID, URL, "")));
        assertEquals(no("mac_not_found:" + MAC), handle(call(XmlRpcService.DEREGISTER, param(ID))));
        assertEquals(ok("ok"), handle(register(ID, URL, "p")));
        assertEquals(no("mac_not_exist:" + MAC), handle(call(XmlRpcService.DEREGISTER, param(MAC + "-0000"))));
        XmlRpcService.Reply other = service.handle("other", utf8(register(ID, URL, "o")));
        assertEquals(no("mac_already_in_use:" + MAC), read(other.body()));
        assertTrue(other.summary().contains("provider=\"other\""), other.summary());
        assertTrue(other.summary().contains("-> false \"mac_already_in_use:" + MAC + "\""), other.summary());
    }

    @Test
    void anEchoedUrlIsEscapedAndComesBackAsSent() throws Exception {
        String url = "http://x/<a>?b&c";
        assertEquals(no("url_invalid:" + url), handle(register(ID, "http://x/&lt;a&gt;?b&amp;c", "p")));
    }

    @Test
    void aSummaryNamesMethodProviderMacAndOutcome() {
        XmlRpcService.Reply r = service.handle("acme", utf8(register(ID, URL, "p")));
        assertEquals("provider=\"acme\" autoprov.registerDevice \"" + ID + "\" url=\"" + URL + "\" name=\"p\" -> true \"ok\"",
                r.summary());
        XmlRpcService.Reply f = service.handle("acme", utf8("<methodCall/>"));
        assertTrue(f.summary().startsWith("provider=\"acme\" request -> fault -32600 "), f.summary());
        XmlRpcService.Reply q = service.handle("a\"b\nc", utf8(check("x\u0001y")));
        assertTrue(q.summary().contains("provider=\"a\\\"b\\x0ac\""), q.summary());
    }

    // ---- faults: each stores nothing

    @Test
    void anUnknownMethodIsMethodNotFound() throws Exception {
        Answer a = handle(call("autoprov.stealDevice", param(ID)));
        assertFault(XmlRpcFault.METHOD_NOT_FOUND, a);
        assertTrue(a.second().contains("autoprov.stealDevice"), a.second());
        assertFault(XmlRpcFault.METHOD_NOT_FOUND, handle(call("autoprov.registerdevice", param(ID) + param(URL) + param("p"))));
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<param><value>7C2F80123456-1A2B</value></param><param><value>https://x/</value></param>",
        "<param><value>7C2F80123456-1A2B</value></param><param><value>https://x/</value></param>"
                + "<param><value>p</value></param><param><value>extra</value></param>",
        "<param><value><int>1</int></value></param><param><value>https://x/</value></param><param><value>p</value></param>",
        "<param><value>7C2F80123456-1A2B</value></param><param><value><base64>QUJD</base64></value></param>"
                + "<param><value>p</value></param>",
        "<param><value><array><data><value>7C2F80123456-1A2B</value><value>https://x/</value><value>p</value>"
                + "</data></array></value></param>",
        "<param><value><struct><member><name>Mac</name><value>7C2F80123456-1A2B</value></member></struct></value></param>",
        "<param><value><struct><member><name>Mac</name><value>7C2F80123456-1A2B</value></member>"
                + "<member><name>Url</name><value>https://x/</value></member>"
                + "<member><name>Name</name><value>p</value></member></struct></value></param>",
        "<param><value><struct><member><name>Mac</name><value>7C2F80123456-1A2B</value></member>"
                + "<member><name>Url</name><value>https://x/</value></member>"
                + "<member><name>Provider</name><value><boolean>1</boolean></value></member></struct></value></param>",
        "<param><value><struct><member><name>Mac</name><value>7C2F80123456-1A2B</value></member>"
                + "<member><name>mac</name><value>https://x/</value></member>"
                + "<member><name>Provider</name><value>p</value></member></struct></value></param>",
    })
    void wrongArityOrTypesForRegisterAreInvalidParams(String params) throws Exception {
        Answer a = handle(call(XmlRpcService.REGISTER, params));
        assertFault(XmlRpcFault.INVALID_PARAMS, a);
        assertTrue(a.second().startsWith("autoprov.registerDevice takes three string parameters"), a.second());
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = {XmlRpcService.CHECK, XmlRpcService.DEREGISTER})
    void wrongArityOrTypesForCheckAndDeregisterAreInvalidParams(String method) throws Exception {
        assertEquals(ok("ok"), handle(register(ID, URL, "p")));
        int writes = store.writes.get();
        for (String params : List.of("", param(ID) + param(ID), param("<int>7</int>"), param("<array><data/></array>"),
                param("<struct/>"), param("<struct><member><name>Mac</name><value><int>1</int></value></member></struct>"))) {
            Answer a = handle(call(method, params));
            assertFault(XmlRpcFault.INVALID_PARAMS, a);
            assertTrue(a.second().contains("one string parameter, the MAC-ID"), a.second());
        }
        assertFault(XmlRpcFault.INVALID_PARAMS, handle("<methodCall><methodName>" + method + "</methodName></methodCall>"));
        assertEquals(writes, store.writes.get());
        assertTrue(store.rows.containsKey(Mac.parse(MAC).orElseThrow()), "still registered");
    }

    @Test
    void hostileAndBrokenDocumentsAreFaultsThatStoreNothing(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "SECRET-CONTENT");
        String register = register(ID, URL, "p");
        String body = register.substring("<?xml version=\"1.0\"?>".length());
        StringBuilder laughs = new StringBuilder("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]>");
        List<String> hostile = List.of(
                "<!DOCTYPE m [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>" + call(XmlRpcService.REGISTER,
                        param("&x;") + param(URL) + param("p")).substring("<?xml version=\"1.0\"?>".length()),
                laughs + call(XmlRpcService.REGISTER, param(ID) + param(URL) + param("&a9;"))
                        .substring("<?xml version=\"1.0\"?>".length()),
                call(XmlRpcService.REGISTER, param(ID) + param(URL)
                        + param("<array><data><value>".repeat(1000) + "x" + "</value></data></array>".repeat(1000))),
                call(XmlRpcService.REGISTER, param(ID) + param(URL) + param("<string>" + "p".repeat(10 << 20) + "</string>")),
                register.substring(0, register.length() - 20),
                body.replace("methodCall", "methodResponse"),
                body.replace("<string>", "").replace("<value>p</value>", "<value><nil/></value>"),
                body + "<methodCall/>");
        int i = 0;
        for (String h : hostile) {
            XmlRpcService.Reply r = service.handle("acme", utf8(h));
            assertTrue(r.fault(), i + ": " + r.summary());
            Answer a = read(r.body());
            assertTrue(a.first().equals("-32700") || a.first().equals("-32600"), i + ": " + a);
            assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("SECRET-CONTENT"), "read: " + a);
            i++;
        }
        assertNothingStored();
    }

    @Test
    void aStoreFailureIsASystemErrorThatSaysNothingChanged() throws Exception {
        store.failing = true;
        XmlRpcService.Reply r = service.handle("acme", utf8(register(ID, URL, "p")));
        Answer a = read(r.body());
        assertFault(XmlRpcFault.SYSTEM_ERROR, a);
        assertFalse(a.second().contains("/state"), "the file is for the log, not the client: " + a.second());
        assertTrue(r.summary().contains("disk I/O error"), r.summary());
        store.failing = false;
        assertNothingStored();
    }

    @Test
    void theProviderAccountIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> service.handle(null, utf8(check(ID))));
        assertThrows(IllegalArgumentException.class, () -> service.handle("", utf8(check(ID))));
    }

    @Test
    void theBodyLimitIsTheDecoders() {
        assertEquals(XmlRpcDecoder.DEFAULT_MAX_BYTES, service.maxBodyBytes());
    }

    @Test
    void aResponseIsUtf8() throws Exception {
        assertEquals(ok("ok"), handle(register(ID, URL, "p")));
        XmlRpcService.Reply r = service.handle("acme", utf8(register("\u00e4\u00f6\u00fc", URL, "p")));
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("mac_invalid:\u00e4\u00f6\u00fc"));
    }

    private void assertNothingStored() {
        assertEquals(0, store.writes.get(), "writes");
        assertTrue(store.rows.isEmpty(), "rows");
    }
}
