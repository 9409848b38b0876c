package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void quotesAndEscapes() {
        assertEquals("\"/a\\\"b\\\\c\\x0d\\x0a\"", LogText.quote("/a\"b\\c\r\n"));
        assertEquals("\"\"", LogText.quote(null));
        assertEquals(LogText.MAX + 5, LogText.quote("x".repeat(500)).length());
    }

    @Test
    void reasons() {
        assertEquals("Connection reset by peer",
                LogText.reason(new java.io.IOException("recvAddress(..) failed: Connection reset by peer")));
        assertEquals("Permission denied", LogText.reason(new java.io.IOException("Permission denied")));
        assertEquals("IOException", LogText.reason(new java.io.IOException()));
    }

    @Test
    void addresses() {
        assertEquals("127.0.0.1:80", LogText.address(new InetSocketAddress("127.0.0.1", 80)));
        assertEquals("[0:0:0:0:0:0:0:1]:80", LogText.address(new InetSocketAddress("::1", 80)));
        assertEquals("-", LogText.address(null));
    }
}
