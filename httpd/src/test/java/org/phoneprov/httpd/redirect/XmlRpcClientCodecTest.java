package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client half of the codec against the server half: {@link XmlRpcEncoder#call} is what
 * {@link XmlRpcDecoder} reads, and {@link XmlRpcResponseDecoder} reads every answer
 * {@link XmlRpcService} gives.
 */
class XmlRpcClientCodecTest {
    private static final String MAC = "7C2F80AABBCC";

    private MemoryRegistrations store;
    private XmlRpcService service;
    private final XmlRpcResponseDecoder decoder = new XmlRpcResponseDecoder();

    @BeforeEach
    void setUp() {
        store = new MemoryRegistrations();
        service = new XmlRpcService(new RedirectRegistry(store, () -> 42));
    }

    private XmlRpcResponse ask(String method, String... params) {
        List<XmlRpcValue> values = List.of(params).stream().map(p -> (XmlRpcValue) new XmlRpcValue.Str(p)).toList();
        return decoder.decode(service.handle("acme", XmlRpcEncoder.call(method, values)).body());
    }

    private Optional<RedirectRegistry.Result> autoprov(String method, String... params) {
        return assertInstanceOf(XmlRpcResponse.Result.class, ask(method, params)).autoprov();
    }

    private static Optional<RedirectRegistry.Result> result(boolean ok, String message) {
        return Optional.of(new RedirectRegistry.Result(ok, message));
    }

    @Test
    void registerCheckDeregisterRoundTrip() {
        assertEquals(result(false, "mac_not_found:" + MAC), autoprov(XmlRpcService.CHECK, MAC + "-1A2B"));
        assertEquals(result(true, "ok"), autoprov(XmlRpcService.REGISTER, MAC + "-1A2B",
                "http://prov.example.com/gigaset/%MACD.xml", "acme"));
        assertEquals(result(true, MAC), autoprov(XmlRpcService.CHECK, MAC));
        assertEquals(result(false, "mac_not_exist:" + MAC), autoprov(XmlRpcService.CHECK, MAC + "-FFFF"));
        assertEquals(result(false, "mac_invalid:7C2F80"), autoprov(XmlRpcService.CHECK, "7C2F80"));
        assertEquals(result(false, "url_invalid:ftp://x/"), autoprov(XmlRpcService.REGISTER, MAC, "ftp://x/", "acme"));
        assertEquals(result(true, "ok"), autoprov(XmlRpcService.DEREGISTER, MAC));
        assertEquals(result(false, "mac_not_found:" + MAC), autoprov(XmlRpcService.DEREGISTER, MAC));
    }

    @Test
    void theServicesFaultsRoundTrip() {
        XmlRpcResponse.Fault unknown = assertInstanceOf(XmlRpcResponse.Fault.class, ask("autoprov.renameDevice", MAC));
        assertEquals(XmlRpcFault.METHOD_NOT_FOUND, unknown.code());
        assertTrue(unknown.message().contains("autoprov.renameDevice"), unknown.message());
        assertEquals(XmlRpcFault.INVALID_PARAMS, assertInstanceOf(XmlRpcResponse.Fault.class,
                ask(XmlRpcService.CHECK)).code());
        store.failing = true;
        assertEquals(new XmlRpcResponse.Fault(XmlRpcFault.SYSTEM_ERROR,
                "the registration store is not available; nothing was changed, try again later"),
                ask(XmlRpcService.CHECK, MAC));
    }

    @Test
    void aCallCarriesAnyTextAndEveryTypeToTheServersDecoder() throws Exception {
        String odd = "Acme & S\u00f6hne <x> \"q\" 'a'\r\n\t\uD83D\uDCDE";
        List<XmlRpcValue> params = List.of(new XmlRpcValue.Str(odd), new XmlRpcValue.Str(""), new XmlRpcValue.Int(-7),
                new XmlRpcValue.Bool(true), new XmlRpcValue.Array(List.of(new XmlRpcValue.Str("a"))),
                new XmlRpcValue.Struct(Map.of("Mac", new XmlRpcValue.Str(MAC))));
        byte[] body = XmlRpcEncoder.call(XmlRpcService.REGISTER, params);
        assertEquals(new XmlRpcRequest(XmlRpcService.REGISTER, params), new XmlRpcDecoder().decode(body));
        assertTrue(new String(body, StandardCharsets.UTF_8).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<methodCall><methodName>autoprov.registerDevice</methodName><params><param><value>Acme &amp; "));
        assertEquals(new XmlRpcRequest("system.listMethods", List.of()),
                new XmlRpcDecoder().decode(XmlRpcEncoder.call("system.listMethods", List.of())));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcEncoder.call("a b", List.of()));
        assertThrows(IllegalArgumentException.class, () -> XmlRpcEncoder.call("", List.of()));
    }
}
