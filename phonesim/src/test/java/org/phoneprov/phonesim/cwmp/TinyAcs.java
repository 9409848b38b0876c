package org.phoneprov.phonesim.cwmp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.common.auth.DigestParams;

/**
 * A test-only ACS on loopback: digest MD5 qop=auth (or Basic) on every POST, a session cookie
 * set with the InformResponse and required on every later POST, and a queue of request bodies
 * to hand the CPE, one per POST; then 204. It records what the CPE sent.
 */
final class TinyAcs implements AutoCloseable {
    static final String NONCE = "n0nce";
    final HttpServer server;
    final Deque<String> requests = new ArrayDeque<>();
    final List<String> received = new ArrayList<>();
    final List<String> cookies = new ArrayList<>();
    final List<String> ncs = new ArrayList<>();
    final List<String> soapActions = new ArrayList<>();
    boolean basic;
    boolean cookie2;
    int challenges;
    private final String user;
    private final String password;

    TinyAcs(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/acs", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/acs/cwmp");
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] in = x.getRequestBody().readAllBytes();
        if (!authorized(x.getRequestHeaders().getFirst("Authorization"))) {
            challenges++;
            x.getResponseHeaders().add("WWW-Authenticate", basic ? "Basic realm=\"acs\""
                    : "Digest realm=\"acs\", qop=\"auth\", nonce=\"" + NONCE + "\", algorithm=MD5, opaque=\"op\"");
            x.sendResponseHeaders(401, -1);
            x.close();
            return;
        }
        String body = new String(in, StandardCharsets.UTF_8);
        received.add(body);
        cookies.add(Optional.ofNullable(x.getRequestHeaders().getFirst("Cookie")).orElse(""));
        soapActions.add(Optional.ofNullable(x.getRequestHeaders().getFirst("SOAPAction")).orElse("(none)"));
        String reply;
        if (body.contains("<cwmp:Inform>")) {
            x.getResponseHeaders().add(cookie2 ? "Set-Cookie2" : "Set-Cookie", cookie2
                    ? "session=\"abc\"; Version=\"1\"; Path=\"/acs\"" : "session=abc; Path=/acs; HttpOnly");
            reply = envelope("InformResponse", "<MaxEnvelopes>1</MaxEnvelopes>");
        } else if (body.contains("<cwmp:TransferComplete>")) {
            reply = envelope("TransferCompleteResponse", "");
        } else {
            reply = requests.poll();
        }
        if (reply == null) {
            x.sendResponseHeaders(204, -1);
        } else {
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/xml; charset=\"utf-8\"");
            x.sendResponseHeaders(200, out.length);
            x.getResponseBody().write(out);
        }
        x.close();
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        if (basic) {
            return header.equals("Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        Optional<Map<String, String>> p = DigestParams.parse(header).params();
        if (p.isEmpty() || !NONCE.equals(p.get().get("nonce"))) {
            return false;
        }
        Map<String, String> v = p.get();
        ncs.add(v.get("nc"));
        String expected = DigestAnswer.response(DigestChallenge.Algorithm.MD5, user, "acs", password, NONCE,
                v.get("cnonce"), v.get("nc"), Optional.of("auth"), "POST", v.get("uri"), new byte[0]);
        return expected.equals(v.get("response")) && user.equals(v.get("username")) && "op".equals(v.get("opaque"));
    }

    static String envelope(String method, String args) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:cwmp=\"urn:dslforum-org:cwmp-1-0\">"
                + "<soap:Header><cwmp:ID soap:mustUnderstand=\"1\">" + method + "-1</cwmp:ID></soap:Header>"
                + "<soap:Body><cwmp:" + method + ">" + args + "</cwmp:" + method + "></soap:Body></soap:Envelope>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
