package org.phoneprov.cli.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.phoneprov.common.auth.DigestParams;
import org.phoneprov.httpd.redirect.RedirectRegistry;
import org.phoneprov.httpd.redirect.XmlRpcDecoder;
import org.phoneprov.httpd.redirect.XmlRpcEncoder;
import org.phoneprov.httpd.redirect.XmlRpcRequest;
import org.phoneprov.httpd.redirect.XmlRpcService;
import org.phoneprov.httpd.redirect.XmlRpcValue;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;

/** The client against scripted servers: Digest-only ones, and answers the suite's httpd never gives. */
@Timeout(60)
class ApiClientTest {
    private static final byte[] OK = XmlRpcEncoder.response(new RedirectRegistry.Result(true, "ok").toXmlRpc());

    /** One scripted answer: status, headers, body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** What the server saw of one request. */
    record Seen(String authorization, byte[] body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new ArrayList<>();

    /** A server at /apxml/rpc.do that answers each request with {@code script}'s next answer. */
    private ApiTarget serve(java.util.function.Function<Seen, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/apxml/rpc.do", (HttpExchange ex) -> {
            Seen s = new Seen(ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestBody().readAllBytes());
            synchronized (seen) {
                seen.add(s);
            }
            Answer a = script.apply(s);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            if (a.body().length > 0) {
                ex.getResponseBody().write(a.body());
            }
            ex.close();
        });
        server.start();
        return new ApiTarget(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/apxml/rpc.do"),
                "acme", "s3cr:et", List.of());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Answer status(int code, String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new Answer(code, h, new byte[0]);
    }

    private static Answer body(String xml) {
        return new Answer(200, Map.of("Content-Type", "text/xml"), xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicIsSentAtOnceAndTheCallIsWhatTheServersDecoderReads() throws Exception {
        ApiTarget t = serve(s -> new Answer(200, Map.of(), OK));
        assertEquals(new ApiOutcome.Answered(new RedirectRegistry.Result(true, "ok")),
                new ApiClient(t).call(XmlRpcService.REGISTER, List.of("7C2F80AABBCC", "http://x.example/", "acme")));
        assertEquals(1, seen.size());
        assertEquals("Basic YWNtZTpzM2NyOmV0", seen.get(0).authorization(), "acme:s3cr:et, RFC 7617");
        assertEquals(new XmlRpcRequest(XmlRpcService.REGISTER, List.of(new XmlRpcValue.Str("7C2F80AABBCC"),
                new XmlRpcValue.Str("http://x.example/"), new XmlRpcValue.Str("acme"))),
                new XmlRpcDecoder().decode(seen.get(0).body()));
    }

    @Test
    void aDigestOnlyChallengeIsAnsweredOnce() throws Exception {
        String challenge = "Digest realm=\"gigaset\", nonce=\"n0nce\", qop=\"auth\", algorithm=MD5, opaque=\"op\"";
        ApiTarget t = serve(s -> {
            if (s.authorization().startsWith("Basic")) {
                return status(401, "WWW-Authenticate", challenge);
            }
            Map<String, String> p = DigestParams.parse(s.authorization()).params().orElseThrow();
            String expected = DigestAnswer.response(DigestChallenge.Algorithm.MD5, "acme", "gigaset", "s3cr:et",
                    "n0nce", p.get("cnonce"), p.get("nc"), Optional.of("auth"), "POST", "/apxml/rpc.do", new byte[0]);
            boolean right = expected.equals(p.get("response")) && "/apxml/rpc.do".equals(p.get("uri"))
                    && "op".equals(p.get("opaque"));
            return right ? new Answer(200, Map.of(), OK) : status(401, "WWW-Authenticate", challenge);
        });
        assertEquals(new ApiOutcome.Answered(new RedirectRegistry.Result(true, "ok")),
                new ApiClient(t).call(XmlRpcService.CHECK, List.of("7C2F80AABBCC")));
        assertEquals(2, seen.size());

        seen.clear();
        ApiTarget wrong = new ApiTarget(t.url(), "acme", "guess", List.of());
        ApiOutcome.Failed f = assertInstanceOf(ApiOutcome.Failed.class,
                new ApiClient(wrong).call(XmlRpcService.CHECK, List.of("7C2F80AABBCC")));
        assertTrue(f.what().endsWith("answered HTTP 401: it refused user 'acme' with this password"), f.what());
        assertEquals(2, seen.size(), "one Digest try, no loop");
    }

    @Test
    void aRefusedBasicIsNotRetriedWithDigest() throws Exception {
        ApiTarget t = serve(s -> status(401, "WWW-Authenticate", "Digest realm=\"p\", nonce=\"n\"",
                "www-authenticate", "Basic realm=\"p\""));
        // two WWW-Authenticate headers (the names differ in case only: one header, two values)
        assertInstanceOf(ApiOutcome.Failed.class, new ApiClient(t).call(XmlRpcService.CHECK, List.of("x")));
        assertEquals(1, seen.size(), "the Basic password was wrong: Digest with it would be one more wrong guess");
    }

    @Test
    void faultsAndAnswersThatAreNoAutoprovPairAreTold() throws Exception {
        List<Answer> script = new ArrayList<>(List.of(
                new Answer(200, Map.of(), XmlRpcEncoder.fault(-32601, "no\u009b2J such method")),
                body("<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>"),
                body("<html><body>hello</body></html>"),
                new Answer(200, Map.of(), "<methodResponse>".concat(" ".repeat(70_000)).getBytes(StandardCharsets.UTF_8)),
                status(429, "Retry-After", "300"),
                status(302, "Location", "https://elsewhere.example/rpc"),
                status(500)));
        ApiTarget t = serve(s -> script.remove(0));
        ApiClient c = new ApiClient(t);
        assertEquals(new ApiOutcome.Faulted(-32601, "no\u009b2J such method"), c.call(XmlRpcService.CHECK, List.of("x")),
                "the message as sent; GigasetCommand prints it through ApiText.printable");
        assertTrue(failed(c).what().endsWith("answered a int, not the [boolean, string] of an autoprov.* method"));
        assertTrue(failed(c).what().contains("is not an XML-RPC response: the root element is <html>"));
        assertTrue(failed(c).what().contains("more than the 65536 bytes"));
        ApiOutcome.Failed blocked = failed(c);
        assertTrue(blocked.what().contains("HTTP 429") && blocked.todo().startsWith("wait 300 s"), blocked.toString());
        ApiOutcome.Failed moved = failed(c);
        assertTrue(moved.what().endsWith("answered HTTP 302 to https://elsewhere.example/rpc"), moved.what());
        assertTrue(failed(c).todo().startsWith("the server failed"));
    }

    private static ApiOutcome.Failed failed(ApiClient c) {
        return assertInstanceOf(ApiOutcome.Failed.class, c.call(XmlRpcService.CHECK, List.of("x")));
    }
}
