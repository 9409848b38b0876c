package org.phoneprov.apid.ui;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.apid.ApiSettings;

/**
 * The dashboard's logins: a browser that gave a valid token gets a random session id in a
 * cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over TLS), never the
 * token itself. Each session has its own form token against cross-site posts. At most 256
 * sessions, each good for 8 hours; they do not outlive the process.
 */
final class Sessions {
    static final String COOKIE = "phoneprov_session";
    static final long LIFETIME_MILLIS = 8 * 3600_000L;
    private static final int MAX = 256;
    private final SecureRandom random = new SecureRandom();

    /** One login: who, its form token, until when. */
    record Session(String id, ApiSettings.Token token, String csrf, long expiresAt) {
        boolean formTokenIs(String given) {
            return given != null && MessageDigest.isEqual(csrf.getBytes(), given.getBytes());
        }
    }

    private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX;
        }
    };

    synchronized Session open(ApiSettings.Token token, long now) {
        Session s = new Session(randomId(), token, randomId(), now + LIFETIME_MILLIS);
        sessions.put(s.id(), s);
        return s;
    }

    /** The session of a cookie, while it lasts and while its token is still configured. */
    synchronized Optional<Session> find(String id, long now, java.util.List<ApiSettings.Token> configured) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (now >= s.expiresAt() || !configured.contains(s.token())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    synchronized void close(String id) {
        sessions.remove(id);
    }

    private String randomId() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
