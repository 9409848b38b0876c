package org.phoneprov.httpd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.phoneprov.common.provision.ServedFile;

/**
 * The response phones ask for most, a whole generated file with 200, encoded straight into
 * one buffer: the same fields in the same order as {@link Responses#describe} and Netty's
 * encoder would write them, then the body. Why by hand: for this response Netty builds a
 * header map, encodes it field by field and writes the body as a second buffer through a
 * promise combiner. In bench/http that was about a tenth of httpd's CPU and a third of
 * what it allocated (bench/README, "Footprint"). Every other response still goes through
 * Netty's encoder. {@code EncodedOkTest} holds the two byte for byte equal.
 */
final class EncodedOk {
    private static final byte[] STATUS_11 = ascii("HTTP/1.1 200 OK\r\n");
    private static final byte[] STATUS_10 = ascii("HTTP/1.0 200 OK\r\n");
    private static final byte[] DATE = ascii("date: ");
    // Fixed fields between Date and Content-Type: Responses.common's Server and Cache-Control.
    private static final byte[] FIXED = ascii("\r\nserver: phoneprov\r\ncache-control: no-cache\r\ncontent-type: ");
    private static final byte[] ETAG = ascii("\r\netag: ");
    private static final byte[] LAST_MODIFIED = ascii("\r\nlast-modified: ");
    private static final byte[] LENGTH = ascii("\r\naccept-ranges: bytes\r\ncontent-length: ");
    private static final byte[] CLOSE = ascii("\r\nconnection: close");
    private static final byte[] KEEP_ALIVE = ascii("\r\nconnection: keep-alive");
    private static final byte[] END = ascii("\r\n\r\n");
    /** Room for the variable fields (date, type, tag, length) beyond the fixed bytes. */
    private static final int SLACK = 160;

    private EncodedOk() {
    }

    /**
     * The whole response; {@code keepAlive} as {@code HttpUtil.setKeepAlive} would mark it:
     * HTTP/1.1 says only "close", HTTP/1.0 says only "keep-alive".
     */
    static ByteBuf encode(ByteBufAllocator alloc, HttpVersion version, boolean keepAlive, boolean body,
                          AsciiString date, AsciiString lastModified, ServedFile.Generated file) {
        byte[] bytes = file.bytes();
        boolean http10 = HttpVersion.HTTP_1_0.equals(version);
        ByteBuf out = alloc.buffer(SLACK + FIXED.length + file.contentType().length() + file.etag().length()
                + (body ? bytes.length : 0));
        out.writeBytes(http10 ? STATUS_10 : STATUS_11);
        out.writeBytes(DATE);
        ByteBufUtil.copy(date, out);
        out.writeBytes(FIXED);
        ByteBufUtil.writeAscii(out, file.contentType());
        out.writeBytes(ETAG);
        ByteBufUtil.writeAscii(out, file.etag());
        out.writeBytes(LAST_MODIFIED);
        ByteBufUtil.copy(lastModified, out);
        out.writeBytes(LENGTH);
        writeDecimal(out, bytes.length);
        if (http10 == keepAlive) {
            out.writeBytes(http10 ? KEEP_ALIVE : CLOSE);
        }
        out.writeBytes(END);
        if (body) {
            out.writeBytes(bytes);
        }
        return out;
    }

    /** Content-Length digits without a String per response. */
    static void writeDecimal(ByteBuf out, int value) {
        int divisor = 1;
        while (value / divisor >= 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte('0' + value / divisor % 10);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
