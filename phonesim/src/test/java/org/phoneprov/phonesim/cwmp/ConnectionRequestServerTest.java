package org.phoneprov.phonesim.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestAnswer;
import org.phoneprov.common.auth.DigestChallenge;
import org.phoneprov.phonesim.net.FetchTimeouts;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.net.HttpReply;

class ConnectionRequestServerTest {
    static HttpReply.Answered get(HttpFetch http, URI uri, Map<String, String> h) {
        return (HttpReply.Answered) http.exchange("GET", uri, h, new byte[0]);
    }

    static String answer(HttpReply.Answered challenge, URI uri, String password) {
        DigestChallenge c = DigestChallenge.parse(challenge.first("www-authenticate").orElseThrow()).orElseThrow();
        return DigestAnswer.authorization(c, "acs", password, "GET", HttpFetch.requestTarget(uri), "c0ffee");
    }

    @Test
    void digestWithQopAuthThen200AndASessionAndNoReplay() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ConnectionRequestServer s = new ConnectionRequestServer(InetAddress.getLoopbackAddress(), 0,
                () -> new ConnectionRequestServer.Credentials("acs", "crpw"), sessions::incrementAndGet,
                Clock.systemUTC(), 5, Duration.ofSeconds(10));
             HttpFetch http = new HttpFetch(null, FetchTimeouts.DEFAULTS, "acs")) {
            URI uri = URI.create(s.url());
            assertTrue(uri.getPath().startsWith("/cwmp-cr-"), s.url());
            HttpReply.Answered first = get(http, uri, Map.of());
            assertEquals(401, first.status());
            assertTrue(first.first("www-authenticate").orElseThrow().contains("qop=\"auth\""));
            assertEquals(401, get(http, uri, Map.of("Authorization", answer(first, uri, "wrong"))).status());
            HttpReply.Answered again = get(http, uri, Map.of());
            String ok = answer(again, uri, "crpw");
            HttpReply.Answered accepted = get(http, uri, Map.of("Authorization", ok));
            assertEquals(200, accepted.status());
            assertEquals(0, accepted.body().length);
            awaitCount(sessions, 1); // the session starts after the 200 has left, on another thread
            assertEquals(401, get(http, uri, Map.of("Authorization", ok)).status(), "the same nc again is a replay");
            assertEquals(1, sessions.get());
            assertEquals(404, get(http, URI.create(s.url() + "x"), Map.of()).status());
        }
    }

    @Test
    void tooManyAcceptedRequestsWithinTheWindowAre503() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        try (ConnectionRequestServer s = new ConnectionRequestServer(InetAddress.getLoopbackAddress(), 0,
                () -> new ConnectionRequestServer.Credentials("acs", "crpw"), sessions::incrementAndGet,
                Clock.systemUTC(), 2, Duration.ofMinutes(1));
             HttpFetch http = new HttpFetch(null, FetchTimeouts.DEFAULTS, "acs")) {
            URI uri = URI.create(s.url());
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                statuses[i] = get(http, uri, Map.of("Authorization", answer(get(http, uri, Map.of()), uri, "crpw")))
                        .status();
            }
            assertEquals("[200, 200, 503]", java.util.Arrays.toString(statuses));
            awaitCount(sessions, 2);
            assertEquals(1, s.refused());
        }
    }

    /** Waits (at most 5 s) for {@code n}, then checks it stays there a moment. */
    static void awaitCount(java.util.concurrent.atomic.AtomicInteger count, int n) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (count.get() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertEquals(n, count.get());
    }
}
