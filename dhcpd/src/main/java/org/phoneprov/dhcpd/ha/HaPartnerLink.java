package org.phoneprov.dhcpd.ha;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.phoneprov.common.config.HaSettings;

/**
 * This node's side of the conversation: signed JSON POSTs to the partner's HA listener
 * ({@code http://ADDRESS:PORT/ha/v1/...}) with the JDK's HTTP client, each with a deadline. An
 * answer counts only if it is signed by the partner with the shared secret.
 */
final class HaPartnerLink {
    private final HttpClient http;
    private final HaAuth auth;
    private final String self;
    private final String partner;
    private final String base;
    private final LongSupplier clock;

    /** Talks to the partner, signed as this node. */
    HaPartnerLink(HaSettings s, HaAuth auth, Executor executor, LongSupplier clock) {
        this(s, s.partner(), auth, executor, clock);
    }

    /**
     * Talks to {@code target} (the partner, or this node itself for {@code phoneprov ha status}),
     * signed as this node; an answer counts only if {@code target} signed it.
     */
    HaPartnerLink(HaSettings s, HaSettings.Peer target, HaAuth auth, Executor executor, LongSupplier clock) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofMillis(Math.min(2_000, s.heartbeatMillis())));
        if (s.tls().isPresent()) {
            try {
                b.sslContext(HaTls.client(s.tls().get()));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("dhcpd.ha.tls: " + e.getMessage(), e);
            }
        }
        this.http = b.build();
        this.auth = auth;
        this.self = s.thisNode();
        this.partner = target.name();
        HaSettings.Peer p = target;
        String host = p.address() instanceof java.net.Inet6Address ? "[" + p.address().getHostAddress() + "]"
                : p.address().getHostAddress();
        this.base = (s.tls().isPresent() ? "https://" : "http://") + host + ":" + p.port();
        this.clock = clock;
    }

    String where() {
        return base;
    }

    /** The partner's signed answer, or a failure saying why (refused, unreachable, timed out, unsigned). */
    CompletableFuture<ObjectNode> post(String path, ObjectNode body, Duration deadline) {
        byte[] bytes = HaWire.bytes(body);
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(deadline)
                .header("Content-Type", "application/json")
                .header(HaAuth.HEADER, auth.sign(self, clock.getAsLong(), "POST " + path, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            byte[] answer = r.body();
            HaAuth.Verdict v = auth.check(r.headers().firstValue(HaAuth.HEADER), partner, clock.getAsLong(),
                    "ANSWER " + r.statusCode() + " " + path, answer);
            if (v instanceof HaAuth.Verdict.Refused refused) {
                throw new HaRefused("the answer of " + base + " is not the partner's: " + refused.detail()
                        + (r.statusCode() != 200 ? " (HTTP " + r.statusCode() + ": " + text(answer) + ")" : ""));
            }
            if (r.statusCode() != 200) {
                throw new HaRefused(base + " refused " + path + ": HTTP " + r.statusCode() + " " + text(answer));
            }
            try {
                ObjectNode o = HaWire.parse(answer);
                o.put("_clock", ((HaAuth.Verdict.Good) v).clockMillis());
                return o;
            } catch (HaWire.BadMessage e) {
                throw new HaRefused(base + " answered " + path + " with " + e.getMessage());
            }
        });
    }

    private static String text(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return s.replaceAll("[\\r\\n]+", " ");
    }

    /** The partner refused, or what came back is not its answer. */
    static final class HaRefused extends RuntimeException {
        HaRefused(String message) {
            super(message, null, false, false);
        }
    }

    static Optional<String> reason(Throwable t) {
        Throwable c = t;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof java.net.ConnectException && c.getMessage() == null) {
            return Optional.of("connection refused (is the partner's dhcpd running, and dhcpd.ha.peers right?)");
        }
        return Optional.of(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
    }
}
