package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.FileKind;
import org.phoneprov.common.provision.ServedFile;

/** The hand-encoded 200 is byte for byte what Netty's encoder makes of the same response. */
class EncodedOkTest {
    private static final long NOW = 1_764_700_000_123L;
    private final Responses responses = new Responses(new HttpClock(() -> NOW));
    private final ServedFile.Generated file = new ServedFile.Generated("ST2030S_00147F000001.txt",
            "[sip]\nregid1=100001\n\u00e9\n".getBytes(StandardCharsets.UTF_8), "\"5d41402abc4b2a76\"",
            1_764_600_000_000L, "text/plain; charset=utf-8", Mac.parse("00:14:7f:00:00:01"),
            FileKind.MAC_CONFIG);

    @ParameterizedTest(name = "{0} keepAlive={1} body={2}")
    @CsvSource({"HTTP/1.1, true, true", "HTTP/1.1, false, true", "HTTP/1.0, true, true", "HTTP/1.0, false, true",
            "HTTP/1.1, true, false", "HTTP/1.0, false, false"})
    void sameBytesAsNettysEncoder(String version, boolean keepAlive, boolean body) {
        HttpVersion v = HttpVersion.valueOf(version);
        FullHttpResponse r = responses.full(v, HttpResponseStatus.OK, file,
                body ? Unpooled.wrappedBuffer(file.bytes()) : Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, file.length());
        HttpUtil.setKeepAlive(r, keepAlive);

        ByteBuf mine = responses.ok(ByteBufAllocator.DEFAULT, v, keepAlive, body, file);
        try {
            assertEquals(netty(r), mine.toString(StandardCharsets.ISO_8859_1));
        } finally {
            mine.release();
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "7", "10", "99", "100", "65535", "1000000", "2147483647"})
    void decimalDigits(int value) {
        ByteBuf b = Unpooled.buffer();
        EncodedOk.writeDecimal(b, value);
        assertEquals(Integer.toString(value), b.toString(StandardCharsets.US_ASCII));
    }

    private static String netty(FullHttpResponse r) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder());
        ch.writeOutbound(r);
        StringBuilder all = new StringBuilder();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        ch.finishAndReleaseAll();
        return all.toString();
    }
}
