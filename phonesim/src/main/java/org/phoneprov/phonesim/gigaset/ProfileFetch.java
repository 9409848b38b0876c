package org.phoneprov.phonesim.gigaset;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.phoneprov.phonesim.aps.FetchRecord;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.net.HttpReply;

/**
 * Fetching a profile the way a Gigaset does: a GET with its User-Agent; a redirect followed
 * (the retail flow, Gigaset seed: "If the phone is available in the Gigaset provisioning
 * database the server sends a redirect URL to the phone. The phone now can start the
 * provisioning using the new URL!"), at most {@link #MAX_REDIRECTS} in a row; a digest
 * challenge answered with the activation code ({@link DigestAnswer}), once, and once more when
 * the server says the nonce was {@code stale}. Every request is recorded for the report.
 * Never throws for what a server answers. One fetch, thrown away after it.
 */
final class ProfileFetch {
    /** A redirect server, then the provider's: two are the flow; a few more allow for a server's own hops. */
    static final int MAX_REDIRECTS = 3;
    private static final String WHAT = "profile";

    /** How the fetch ended. */
    sealed interface Outcome permits Got, Failed {
    }

    /** @param at where the profile came from, after any redirects */
    record Got(URI at, byte[] body, int redirects) implements Outcome {
    }

    /** Why there is no profile; {@link #detail()} names the URL and what it answered. */
    record Failed(Kind kind, String detail) implements Outcome {
    }

    enum Kind {
        /** No answer: refused, timed out ({@link FetchResult.Unreachable}). */
        UNREACHABLE,
        /** HTTP 404: no profile for this MAC (or this phone's User-Agent names another). */
        NOT_FOUND,
        /** HTTP 401 with no code to answer it, or the code's answer refused; or a challenge the phone cannot answer. */
        UNAUTHORIZED,
        /** HTTP 403: an activation code spent (one-shot) or bound to another phone (locked). */
        FORBIDDEN,
        /** A redirect without a usable Location, or one too many. */
        BAD_REDIRECT,
        /** Any other status, or a broken response. */
        OTHER
    }

    private final ProfileHttp http;
    private final Optional<DigestCredentials> credentials;
    private final Supplier<String> cnonces;
    private final List<FetchRecord> fetches = new ArrayList<>();

    ProfileFetch(ProfileHttp http, Optional<DigestCredentials> credentials, Supplier<String> cnonces) {
        this.http = http;
        this.credentials = credentials;
        this.cnonces = cnonces;
    }

    Outcome fetch(URI start) {
        URI at = start;
        int redirects = 0;
        int answers = 0;
        Map<String, String> auth = Map.of();
        while (true) {
            HttpReply reply = http.get(at, auth);
            if (reply instanceof HttpReply.NoAnswer n) {
                boolean unreachable = n.failure() instanceof FetchResult.Unreachable;
                String why = detail(n.failure());
                record(at, unreachable ? FetchRecord.Status.UNREACHABLE : FetchRecord.Status.FAILED, 0, why);
                return new Failed(unreachable ? Kind.UNREACHABLE : Kind.OTHER, at + ": " + why);
            }
            HttpReply.Answered a = (HttpReply.Answered) reply;
            int status = a.status();
            if (status == 200) {
                record(at, FetchRecord.Status.OK, a.body().length, "");
                return new Got(at, a.body(), redirects);
            }
            if (isRedirect(status)) {
                Optional<String> location = a.first("location");
                record(at, FetchRecord.Status.REDIRECTED, 0, "HTTP " + status + " → " + location.orElse("(none)"));
                URI from = at;
                Optional<URI> next = location.flatMap(l -> resolve(from, l));
                if (next.isEmpty()) {
                    return new Failed(Kind.BAD_REDIRECT, at + ": HTTP " + status + " without a usable http:// Location ("
                            + location.orElse("none") + ")");
                }
                if (++redirects > MAX_REDIRECTS) {
                    return new Failed(Kind.BAD_REDIRECT, at + ": more than " + MAX_REDIRECTS + " redirects in a row");
                }
                at = next.get();
                auth = Map.of();
                answers = 0;
                continue;
            }
            if (status == 401) {
                Optional<DigestAnswer.Challenge> c = DigestAnswer.choose(a.all("www-authenticate"));
                record(at, FetchRecord.Status.UNAUTHORIZED, 0, "HTTP 401");
                Optional<String> refused = refusal(at, c, answers);
                if (refused.isPresent()) {
                    return new Failed(Kind.UNAUTHORIZED, refused.get());
                }
                auth = Map.of("Authorization", DigestAnswer.authorization(c.orElseThrow(), credentials.orElseThrow(),
                        "GET", HttpFetch.requestTarget(at), cnonces.get()));
                answers++;
                continue;
            }
            if (status == 404) {
                record(at, FetchRecord.Status.NOT_FOUND, 0, "HTTP 404");
                return new Failed(Kind.NOT_FOUND, at + ": HTTP 404");
            }
            record(at, FetchRecord.Status.FAILED, 0, "HTTP " + status);
            return new Failed(status == 403 ? Kind.FORBIDDEN : Kind.OTHER, at + ": HTTP " + status);
        }
    }

    /**
     * Why a 401 is the end: no code to answer with, no challenge the phone can answer, or the
     * answer already given was refused (unless the server only found its nonce stale, RFC 7616 3.3).
     */
    private Optional<String> refusal(URI at, Optional<DigestAnswer.Challenge> c, int answers) {
        if (credentials.isEmpty()) {
            return Optional.of(at + ": HTTP 401, and this phone has no activation code to answer with");
        }
        if (c.isEmpty()) {
            return Optional.of(at + ": HTTP 401 without a digest challenge this phone can answer (MD5, SHA-256 or "
                    + "SHA-512-256 with qop=auth)");
        }
        if (answers >= 2 || (answers == 1 && !c.get().stale())) {
            return Optional.of(at + ": HTTP 401 again after the answer with the code: the code or its password is wrong");
        }
        return Optional.empty();
    }

    private static String detail(FetchResult r) {
        if (r instanceof FetchResult.Unreachable u) {
            return u.detail();
        }
        if (r instanceof FetchResult.Failed f) {
            return f.detail();
        }
        return r instanceof FetchResult.NotFound n ? n.detail() : "no response";
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The Location, resolved against the URL asked (RFC 9110 10.2.2 allows a relative one); http only. */
    static Optional<URI> resolve(URI base, String location) {
        try {
            URI next = base.resolve(location.strip());
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && next.getHost() != null
                    ? Optional.of(next) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void record(URI at, FetchRecord.Status status, long bytes, String detail) {
        fetches.add(new FetchRecord(WHAT, "GET", new Location.Http(at), status, bytes, detail));
    }

    /** Every request made, in order. */
    List<FetchRecord> fetches() {
        return List.copyOf(fetches);
    }
}
