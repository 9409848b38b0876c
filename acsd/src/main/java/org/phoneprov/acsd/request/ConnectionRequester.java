package org.phoneprov.acsd.request;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The ACS asking a CPE to call in now (TR-069 Amendment 6, 3.2.2; TR-111 part 1 for a CPE on
 * the LAN, where its ConnectionRequestURL is directly reachable): an HTTP GET to the URL the CPE
 * reported, answered to its digest challenge with the credentials the ACS gave it. 200 or 204:
 * the CPE will open a session with "6 CONNECTION REQUEST"; anything else is said as it is.
 */
public final class ConnectionRequester {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public ConnectionRequester(Executor executor) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What came of one connection request. */
    public record Outcome(boolean accepted, int status, String detail) {
    }

    public CompletableFuture<Outcome> request(URI url, ConnectionRequestCredentials creds) {
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            return CompletableFuture.completedFuture(new Outcome(false, 0, "ConnectionRequestURL is not http(s): "
                    + url));
        }
        return http.sendAsync(get(url, null), HttpResponse.BodyHandlers.discarding()).thenCompose(first -> {
            if (first.statusCode() != 401) {
                return CompletableFuture.completedFuture(outcome(first.statusCode(), "without a challenge"));
            }
            var challenge = first.headers().allValues("WWW-Authenticate").stream()
                    .map(DigestChallenge::parse).flatMap(java.util.Optional::stream).findFirst();
            if (challenge.isEmpty()) {
                return CompletableFuture.completedFuture(new Outcome(false, 401, "the CPE offers no MD5 digest"));
            }
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            String uri = path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            byte[] c = new byte[8];
            random.nextBytes(c);
            String cnonce = HexFormat.of().formatHex(c);
            String auth = challenge.get().answer(creds.user(), creds.password(), "GET", uri, cnonce);
            return http.sendAsync(get(url, auth), HttpResponse.BodyHandlers.discarding())
                    .thenApply(second -> outcome(second.statusCode(), second.statusCode() == 401
                            ? "the CPE refused the credentials" : "after digest"));
        }).exceptionally(e -> new Outcome(false, 0, e.getCause() != null ? e.getCause().toString() : e.toString()));
    }

    private static HttpRequest get(URI url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static Outcome outcome(int status, String how) {
        boolean ok = status == 200 || status == 204;
        return new Outcome(ok, status, (ok ? "accepted " : "HTTP " + status + " ") + how);
    }
}
