package org.phoneprov.cli.gigaset;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.phoneprov.httpd.redirect.XmlRpcEncoder;
import org.phoneprov.httpd.redirect.XmlRpcResponse;
import org.phoneprov.httpd.redirect.XmlRpcResponseDecoder;
import org.phoneprov.httpd.redirect.XmlRpcValue;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;

/**
 * One {@code autoprov.*} call over HTTP(S): a POST of the {@code <methodCall>} with
 * {@code Content-Type: text/xml} and Basic credentials sent at once, as the known clients do
 * (Falconieri {@code req.SetBasicAuth}, peoplefone; docs/vendor-formats.md section 3). When a 401
 * offers Digest and not Basic (the Gigaset wiki says the redirect server is "secured via HTTP
 * digest"), the call is sent once more with a Digest answer (RFC 7616, as {@link DigestAnswer}
 * computes it for check-sync). The answer is read to at most
 * {@link XmlRpcResponseDecoder#maxBytes()} + 1 bytes, so a server cannot make this client hold more.
 */
final class ApiClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final ApiTarget target;
    private final XmlRpcResponseDecoder decoder = new XmlRpcResponseDecoder();

    ApiClient(ApiTarget target) {
        this.target = target;
    }

    /** Calls {@code method} with string parameters; never throws. */
    ApiOutcome call(String method, List<String> params) {
        byte[] body = XmlRpcEncoder.call(method, params.stream().map(p -> (XmlRpcValue) new XmlRpcValue.Str(p)).toList());
        try {
            HttpClient http = client();
            HttpResponse<InputStream> r = send(http, body, basic());
            if (r.statusCode() == 401) {
                Optional<String> digest = digest(r.headers().allValues("WWW-Authenticate"));
                if (digest.isPresent()) {
                    r.body().close();
                    r = send(http, body, digest.get());
                }
            }
            return outcome(r);
        } catch (GeneralSecurityException e) {
            return new ApiOutcome.Failed("cannot use the --cacert certificates: " + e.getMessage(),
                    "give a PEM file of CA certificates, e.g. ca.pem of 'phoneprov cert init'");
        } catch (IOException e) {
            return ApiText.unreachable(target.url(), !target.trusted().isEmpty(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiOutcome.Failed("interrupted before " + target.url() + " answered",
                    "the call may or may not have been carried out: run 'phoneprov gigaset check' to see");
        }
    }

    private HttpClient client() throws GeneralSecurityException, IOException {
        // HTTP/1.1: no h2c upgrade offer on http://, which a plain HTTP/1.1 server need not expect.
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (!target.trusted().isEmpty()) {
            KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
            cas.load(null, null);
            for (int i = 0; i < target.trusted().size(); i++) {
                cas.setCertificateEntry("ca" + i, target.trusted().get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(cas);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            b.sslContext(tls);
        }
        return b.build();
    }

    private HttpResponse<InputStream> send(HttpClient http, byte[] body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "text/xml")
                .header("User-Agent", "phoneprov-gigaset")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** RFC 7617: {@code user:password} in UTF-8, base64. */
    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((target.user() + ":" + target.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Digest answer to a 401's challenges, when they offer Digest and not Basic: with Basic on
     * offer, the Basic credentials already sent were refused, and Digest with the same password
     * would be refused too (and count as one more wrong guess). Empty for a challenge only
     * {@code qop=auth-int} (a hash of the body, which {@link DigestAnswer#authorization} does not
     * take) or one this client cannot compute.
     */
    private Optional<String> digest(List<String> challenges) {
        boolean basicOffered = challenges.stream().anyMatch(c -> c.trim().toLowerCase(Locale.ROOT).startsWith("basic"));
        Optional<DigestChallenge> c = DigestChallenge.strongest(challenges);
        if (basicOffered || c.isEmpty() || c.get().chosenQop().filter("auth-int"::equals).isPresent()) {
            return Optional.empty();
        }
        byte[] cnonce = new byte[16];
        new SecureRandom().nextBytes(cnonce);
        String uri = target.url().getRawPath().isEmpty() ? "/" : target.url().getRawPath();
        if (target.url().getRawQuery() != null) {
            uri += "?" + target.url().getRawQuery();
        }
        return Optional.of(DigestAnswer.authorization(c.get(), target.user(), target.password(), "POST", uri,
                HexFormat.of().formatHex(cnonce)));
    }

    private ApiOutcome outcome(HttpResponse<InputStream> r) throws IOException {
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes(decoder.maxBytes() + 1);
        }
        if (r.statusCode() != 200) {
            return ApiText.httpFailure(target, r.statusCode(), r.headers().firstValue("Retry-After"),
                    r.headers().firstValue("Location"));
        }
        XmlRpcResponse x = decoder.decode(bytes);
        if (x instanceof XmlRpcResponse.Fault f) {
            return new ApiOutcome.Faulted(f.code(), f.message());
        }
        if (x instanceof XmlRpcResponse.Result res) {
            return res.autoprov().<ApiOutcome>map(ApiOutcome.Answered::new).orElseGet(() -> new ApiOutcome.Failed(
                    target.url() + " answered a " + res.value().typeName() + ", not the [boolean, string] of an"
                            + " autoprov.* method", "check that --url is a Gigaset-style redirect API (…/apxml/rpc.do)"));
        }
        return new ApiOutcome.Failed("the answer of " + target.url() + " is not an XML-RPC response: "
                + ((XmlRpcResponse.Unreadable) x).reason(), "check that --url is the API (it ends in /apxml/rpc.do)");
    }
}
