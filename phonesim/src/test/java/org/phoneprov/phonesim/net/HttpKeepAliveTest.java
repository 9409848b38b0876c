package org.phoneprov.phonesim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.fetch.FetchResult;

/** Connection reuse against a server that closes connections on its own. */
class HttpKeepAliveTest {
    private static final String OK_A = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA";
    private static final String OK_B = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nB";

    private static String text(FetchResult r) {
        return new String(assertInstanceOf(FetchResult.Ok.class, r).body(), StandardCharsets.UTF_8);
    }

    @Test
    void reconnectsWhenTheServerClosedTheIdleConnection() throws Exception {
        // The server answers keep-alive, then closes anyway: the client finds out only on its next request.
        try (RawHttpServer s = new RawHttpServer(List.of(new RawHttpServer.Answer(OK_A, true),
                new RawHttpServer.Answer(OK_B, false)));
             HttpFetch fetch = new HttpFetch(null, HttpFetchTest.FAST, null)) {
            URI uri = URI.create("http://127.0.0.1:" + s.port() + "/f");
            assertEquals("A", text(fetch.get(uri)));
            Thread.sleep(100); // let the FIN arrive
            assertEquals("B", text(fetch.get(uri)));
            assertEquals(2, s.connections.get());
            assertEquals(2, s.requestLines.size());
        }
    }

    @Test
    void closesAfterConnectionClose() throws Exception {
        try (RawHttpServer s = new RawHttpServer(List.of(
                new RawHttpServer.Answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nA", true),
                new RawHttpServer.Answer(OK_B, false)));
             HttpFetch fetch = new HttpFetch(null, HttpFetchTest.FAST, null)) {
            URI uri = URI.create("http://127.0.0.1:" + s.port() + "/f");
            assertEquals("A", text(fetch.get(uri)));
            assertEquals(0, fetch.openConnections());
            assertEquals("B", text(fetch.get(uri)));
            assertEquals(1, fetch.openConnections());
        }
    }

    @Test
    void readsToTheEndWithoutALength() throws Exception {
        try (RawHttpServer s = new RawHttpServer(List.of(
                new RawHttpServer.Answer("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it", true)));
             HttpFetch fetch = new HttpFetch(null, HttpFetchTest.FAST, null)) {
            assertEquals("all of it", text(fetch.get(URI.create("http://127.0.0.1:" + s.port() + "/"))));
            assertEquals(0, fetch.openConnections());
        }
    }

    @Test
    void skipsInterimResponsesAndReadsChunkExtensions() throws Exception {
        String answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n";
        try (RawHttpServer s = new RawHttpServer(List.of(new RawHttpServer.Answer(answer, false)));
             HttpFetch fetch = new HttpFetch(null, HttpFetchTest.FAST, null)) {
            assertEquals("abc", text(fetch.get(URI.create("http://127.0.0.1:" + s.port() + "/"))));
        }
    }

    @Test
    void aBodyThatBreaksOffFails() throws Exception {
        try (RawHttpServer s = new RawHttpServer(List.of(
                new RawHttpServer.Answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true)));
             HttpFetch fetch = new HttpFetch(null, HttpFetchTest.FAST, null)) {
            assertInstanceOf(FetchResult.Failed.class, fetch.get(URI.create("http://127.0.0.1:" + s.port() + "/")));
        }
    }

    @Test
    void garbageIsAFailureNotAnException() throws Exception {
        try (RawHttpServer s = new RawHttpServer(List.of(new RawHttpServer.Answer("SSH-2.0-OpenSSH\r\n\r\n", true)));
             HttpFetch fetch = new HttpFetch(null, HttpFetchTest.FAST, null)) {
            assertInstanceOf(FetchResult.Failed.class, fetch.get(URI.create("http://127.0.0.1:" + s.port() + "/")));
        }
    }
}
