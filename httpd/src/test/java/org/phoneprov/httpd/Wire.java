package org.phoneprov.httpd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Raw HTTP in and out of an EmbeddedChannel, FileRegions included. */
final class Wire {

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Wire() {
    }

    static Response exchange(EmbeddedChannel ch, String request) {
        return exchange(ch, request, true);
    }

    /** @param regions whether a FileRegion (zero-copy body) may be among the writes */
    static Response exchange(EmbeddedChannel ch, String request, boolean regions) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        return parse(drain(ch, regions));
    }

    /** Everything written so far, as bytes. */
    static byte[] drain(EmbeddedChannel ch, boolean regions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel sink = Channels.newChannel(out);
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            try {
                if (msg instanceof ByteBuf buf) {
                    byte[] b = new byte[buf.readableBytes()];
                    buf.readBytes(b);
                    out.write(b, 0, b.length);
                    buf.release();
                } else if (msg instanceof FileRegion region && regions) {
                    while (region.transferred() < region.count()) {
                        region.transferTo(sink, region.transferred());
                    }
                    region.release();
                } else {
                    throw new AssertionError("unexpected outbound " + msg);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }

    /** One response: status line, header block, and whatever follows as the body. */
    static Response parse(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete response in: " + all);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(status, headers, Arrays.copyOfRange(raw, end + 4, raw.length));
    }
}
