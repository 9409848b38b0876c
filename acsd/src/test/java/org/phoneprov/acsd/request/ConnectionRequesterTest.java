package org.phoneprov.acsd.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ACS's connection request against a small CPE-side server written here from RFC 2617
 * (its own header parsing and MD5, none of the ACS's code): digest with qop=auth, the RFC 2069 form when the CPE offers no qop,
 * wrong credentials, and a CPE that answers without asking.
 */
class ConnectionRequesterTest {
    static final ConnectionRequestCredentials CREDS = new ConnectionRequestCredentials("00147F770001", "s3cret-cr");
    final List<String> authorizations = new ArrayList<>();
    HttpServer cpe;
    final ConnectionRequester requester = new ConnectionRequester(Executors.newCachedThreadPool());

    @AfterEach
    void stop() {
        if (cpe != null) {
            cpe.stop(0);
        }
    }

    /** A CPE whose /cr path challenges with {@code challenge} and accepts {@code expected} answers. */
    URI cpe(String challenge, boolean qop) throws Exception {
        cpe = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cpe.createContext("/cr", x -> {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                x.getResponseHeaders().add("WWW-Authenticate", challenge);
                x.sendResponseHeaders(401, -1);
                x.close();
                return;
            }
            authorizations.add(auth);
            Map<String, String> p = fields(auth);
            String ha1 = md5(CREDS.user() + ":cpe-realm:" + CREDS.password());
            String ha2 = md5("GET:" + p.get("uri"));
            String expected = qop ? md5(ha1 + ":n0nce:" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2)
                    : md5(ha1 + ":n0nce:" + ha2);
            boolean ok = expected.equals(p.get("response")) && p.get("username").equals(CREDS.user())
                    && "/cr?x=1".equals(p.get("uri"));
            x.sendResponseHeaders(ok ? 200 : 401, -1);
            x.close();
        });
        cpe.start();
        return URI.create("http://127.0.0.1:" + cpe.getAddress().getPort() + "/cr?x=1");
    }

    /** RFC 2617 3.2.2's fields of an Authorization header, parsed here apart from the ACS's parser. */
    static Map<String, String> fields(String header) {
        Map<String, String> out = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))")
                .matcher(header.substring("Digest ".length()));
        while (m.find()) {
            out.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return out;
    }

    static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void digestWithQopAuthIsAccepted() throws Exception {
        URI u = cpe("Digest realm=\"cpe-realm\", nonce=\"n0nce\", qop=\"auth\", algorithm=MD5", true);
        ConnectionRequester.Outcome o = requester.request(u, CREDS).get(10, TimeUnit.SECONDS);
        assertTrue(o.accepted(), o.toString());
        assertTrue(authorizations.get(0).contains("qop=auth") && authorizations.get(0).contains("nc=00000001"));
    }

    @Test
    void withoutQopOfferedTheAnswerOmitsIt() throws Exception {
        URI u = cpe("Digest realm=\"cpe-realm\", nonce=\"n0nce\"", false);
        ConnectionRequester.Outcome o = requester.request(u, CREDS).get(10, TimeUnit.SECONDS);
        assertTrue(o.accepted(), o.toString());
        assertFalse(authorizations.get(0).contains("qop"), authorizations.get(0));
        assertFalse(authorizations.get(0).contains("cnonce"), authorizations.get(0));
    }

    @Test
    void wrongCredentialsAndNoServerAreSaidAsTheyAre() throws Exception {
        URI u = cpe("Digest realm=\"cpe-realm\", nonce=\"n0nce\", qop=\"auth\"", true);
        ConnectionRequester.Outcome wrong = requester.request(u, new ConnectionRequestCredentials(CREDS.user(), "x"))
                .get(10, TimeUnit.SECONDS);
        assertFalse(wrong.accepted());
        assertEquals(401, wrong.status());
        assertTrue(wrong.detail().contains("refused the credentials"), wrong.detail());
        cpe.stop(0);
        cpe = null;
        ConnectionRequester.Outcome gone = requester.request(u, CREDS).get(20, TimeUnit.SECONDS);
        assertFalse(gone.accepted());
        assertEquals(0, gone.status());
    }

    @Test
    void credentialsFollowTheDevicesSecretAndNeverPrintThePassword() {
        assertTrue(CREDS.toString().contains("***") && !CREDS.toString().contains("s3cret"));
        assertEquals(List.of("Device.ManagementServer.ConnectionRequestUsername",
                "Device.ManagementServer.ConnectionRequestPassword"), CREDS.parameters("Device.").stream()
                .map(org.phoneprov.acsd.cwmp.ParameterValue::name).toList());
    }
}
