package org.phoneprov.phonesim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Location;

class NetFetcherTest {
    @Test
    void dispatchesByTransportAndCounts() throws Exception {
        byte[] file = {1, 2, 3};
        try (FakeTftpServer tftp = new FakeTftpServer(FakeTftpServer.Script.serving(file, 1468));
             RawHttpServer http = new RawHttpServer(List.of(
                     new RawHttpServer.Answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", false)));
             NetFetcher f = new NetFetcher(InetAddress.getLoopbackAddress(), HttpFetchTest.FAST, "ST2022")) {
            assertEquals(Map.of("http", 0, "tftp", 0), f.requests());
            Location h = new Location.Http(URI.create("http://127.0.0.1:" + http.port() + "/ST2022.inf"));
            assertArrayEquals("hi".getBytes(), assertInstanceOf(FetchResult.Ok.class, f.get(h)).body());
            assertInstanceOf(FetchResult.Ok.class, f.post(h));
            Location t = new Location.Tftp(tftp.address(), "ST2022.inf");
            assertArrayEquals(file, assertInstanceOf(FetchResult.Ok.class, f.post(t)).body());
            assertEquals(Map.of("http", 2, "tftp", 1), f.requests());
            assertEquals(List.of("GET /ST2022.inf HTTP/1.1", "POST /ST2022.inf HTTP/1.1"), http.requestLines);
        }
    }
}
