package org.phoneprov.httpd;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.io.RandomAccessFile;
import org.phoneprov.common.provision.ServedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a found file: conditional requests first (304/412), then the Range (206/416), then
 * the bytes. Generated files go out as one wrapped buffer; static files by sendfile
 * (DefaultFileRegion) on plain connections and in chunks under TLS, where bytes must pass
 * through the SslHandler.
 */
final class FileResponder {
    private static final Logger LOG = LoggerFactory.getLogger(FileResponder.class);
    private static final int CHUNK = 16 * 1024;

    private final Responses responses;

    FileResponder(Responses responses) {
        this.responses = responses;
    }

    void send(Exchange ex, RequestMethod method, HttpHeaders request, ServedFile file) {
        Conditional.Outcome outcome = Conditional.evaluate(method.getOrHead(),
                request.get(HttpHeaderNames.IF_NONE_MATCH), request.get(HttpHeaderNames.IF_MODIFIED_SINCE),
                file.etag(), file.lastModified());
        if (outcome == Conditional.Outcome.NOT_MODIFIED) {
            // Content-Length as a 200 would send it (RFC 9110 8.6), so the connection stays usable.
            sendEmpty(ex, HttpResponseStatus.NOT_MODIFIED, file, file.length());
            return;
        }
        if (outcome == Conditional.Outcome.PRECONDITION_FAILED) {
            sendEmpty(ex, HttpResponseStatus.PRECONDITION_FAILED, file, 0);
            return;
        }
        String range = method == RequestMethod.GET ? request.get(HttpHeaderNames.RANGE) : null;
        if (range != null && !Conditional.rangeApplies(request.get(HttpHeaderNames.IF_RANGE),
                file.etag(), file.lastModified())) {
            range = null;
        }
        if (file instanceof ServedFile.Generated g) {
            sendGenerated(ex, method, range, g);
        } else {
            sendStatic(ex, method, range, (ServedFile.Static) file);
        }
    }

    private void sendGenerated(Exchange ex, RequestMethod method, String rangeHeader, ServedFile.Generated g) {
        byte[] bytes = g.bytes();
        ByteRange range = ByteRange.parse(rangeHeader, bytes.length);
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            sendUnsatisfiable(ex, g, range, bytes.length);
            return;
        }
        if (range.kind() == ByteRange.Kind.FULL) {
            ex.sendEncoded(responses.ok(ex.ctx().alloc(), ex.version(), ex.keepAlive(), method.sendsBody(), g),
                    bytes.length);
            return;
        }
        FullHttpResponse r = responses.full(ex.version(), status(range), g, method.sendsBody()
                ? Unpooled.wrappedBuffer(bytes, (int) range.start(), (int) range.length())
                : Unpooled.EMPTY_BUFFER);
        contentHeaders(r.headers(), range, bytes.length);
        ex.send(r, range.length());
    }

    private void sendStatic(Exchange ex, RequestMethod method, String rangeHeader, ServedFile.Static s) {
        if (!method.sendsBody()) {
            FullHttpResponse r = responses.full(ex.version(), HttpResponseStatus.OK, s, Unpooled.EMPTY_BUFFER);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, s.length());
            ex.send(r, 0);
            return;
        }
        RandomAccessFile raf;
        long size;
        try {
            raf = new RandomAccessFile(s.path().toFile(), "r");
        } catch (IOException e) {
            LOG.debug("httpd.vanished path={} error={}", LogText.quote(s.path().toString()), e.getMessage());
            ex.send(responses.notFound(ex.version()), 0);
            return;
        }
        try {
            size = raf.length(); // the file as opened, not as resolved: Content-Length must be exact
            ByteRange range = ByteRange.parse(rangeHeader, size);
            if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
                raf.close();
                sendUnsatisfiable(ex, s, range, size);
                return;
            }
            writeStatic(ex, s, raf, range, size);
        } catch (IOException e) {
            closeQuietly(raf);
            LOG.debug("httpd.read_failed path={} error={}", LogText.quote(s.path().toString()), e.getMessage());
            ex.send(responses.serverError(ex.version()), 0);
        }
    }

    private void writeStatic(Exchange ex, ServedFile.Static s, RandomAccessFile raf, ByteRange range, long size)
            throws IOException {
        ChannelHandlerContext ctx = ex.ctx();
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        if (tls && ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
            // Only TLS needs chunked file writes (no zero-copy through an SslHandler); plain
            // connections do without the handler on every write.
            ctx.pipeline().addBefore(ctx.name(), "chunked", new ChunkedWriteHandler());
        }
        Object body = range.length() == 0 ? null
                : tls ? new HttpChunkedInput(new ChunkedNioFile(raf.getChannel(), range.start(), range.length(), CHUNK))
                : new DefaultFileRegion(raf.getChannel(), range.start(), range.length());
        if (body == null) {
            raf.close();
        }
        HttpResponse head = new DefaultHttpResponse(ex.version(), status(range), Responses.HEADERS);
        responses.describe(head.headers(), s);
        contentHeaders(head.headers(), range, size);
        ex.head(head, range.length());
        ctx.write(head);
        ChannelFuture last;
        if (body instanceof HttpChunkedInput) {
            last = ctx.writeAndFlush(body); // ends with its own LastHttpContent
        } else {
            if (body != null) {
                ctx.write(body);
            }
            last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        ex.finishOn(last);
    }

    private void sendEmpty(Exchange ex, HttpResponseStatus status, ServedFile f, long contentLength) {
        FullHttpResponse r = responses.full(ex.version(), status, f, Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        ex.send(r, 0);
    }

    private void sendUnsatisfiable(Exchange ex, ServedFile f, ByteRange range, long size) {
        FullHttpResponse r = responses.full(ex.version(), HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, f,
                Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(size));
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        ex.send(r, 0);
    }

    private static HttpResponseStatus status(ByteRange range) {
        return range.kind() == ByteRange.Kind.PARTIAL ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK;
    }

    private static void contentHeaders(HttpHeaders h, ByteRange range, long size) {
        h.set(HttpHeaderNames.CONTENT_LENGTH, range.length());
        if (range.kind() == ByteRange.Kind.PARTIAL) {
            h.set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(size));
        }
    }

    private static void closeQuietly(RandomAccessFile raf) {
        try {
            raf.close();
        } catch (IOException ignored) {
            // nothing more to do for a file we only read
        }
    }
}
