package org.phoneprov.httpd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.phoneprov.common.provision.ServedFile;

/**
 * Response heads and the small fixed responses. Every 404 has the same body whatever the
 * reason (absent file, unknown MAC, refused path), so a client cannot tell them apart.
 */
final class Responses {
    /** Response headers are ours (names are constants, values come from the snapshot): no per-set validation. */
    static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValueValidation(false);

    private static final AsciiString SERVER = AsciiString.cached("phoneprov");
    private static final AsciiString NO_CACHE = AsciiString.cached("no-cache");
    private static final AsciiString BYTES = AsciiString.cached("bytes");
    private static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    private static final ByteBuf NOT_FOUND = constant("not found\n");
    private static final ByteBuf BAD_REQUEST = constant("bad request\n");
    private static final ByteBuf NOT_ALLOWED = constant("method not allowed\n");
    private static final ByteBuf SERVER_ERROR = constant("internal error\n");
    private static final ByteBuf UNAUTHORIZED = constant("unauthorized\n");
    private static final ByteBuf FORBIDDEN = constant("forbidden\n");
    private static final ByteBuf TOO_MANY = constant("too many requests\n");
    private static final ByteBuf UNAVAILABLE = constant("busy, try again later\n");
    private static final ByteBuf FOUND = constant("found\n");
    private static final AsciiString XML = AsciiString.cached("text/xml; charset=utf-8");

    private final HttpClock clock;

    Responses(HttpClock clock) {
        this.clock = clock;
    }

    private static ByteBuf constant(String text) {
        return Unpooled.unreleasableBuffer(
                Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII)).asReadOnly());
    }

    FullHttpResponse notFound(HttpVersion v) {
        return text(v, HttpResponseStatus.NOT_FOUND, NOT_FOUND);
    }

    /** 400, or 414/431 when the request line or the header block was too long. */
    FullHttpResponse badRequest(HttpVersion v, HttpResponseStatus status) {
        return text(v, status, BAD_REQUEST);
    }

    FullHttpResponse methodNotAllowed(HttpVersion v) {
        return methodNotAllowed(v, RequestMethod.ALLOW);
    }

    /** 405 for a path that takes only the methods in {@code allow}. */
    FullHttpResponse methodNotAllowed(HttpVersion v, CharSequence allow) {
        FullHttpResponse r = text(v, HttpResponseStatus.METHOD_NOT_ALLOWED, NOT_ALLOWED);
        r.headers().set(HttpHeaderNames.ALLOW, allow);
        return r;
    }

    FullHttpResponse serverError(HttpVersion v) {
        return text(v, HttpResponseStatus.INTERNAL_SERVER_ERROR, SERVER_ERROR);
    }

    /** 401 with one WWW-Authenticate field per challenge, in order. */
    FullHttpResponse unauthorized(HttpVersion v, java.util.List<String> challenges) {
        FullHttpResponse r = text(v, HttpResponseStatus.UNAUTHORIZED, UNAUTHORIZED);
        for (String c : challenges) {
            r.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, c);
        }
        return r;
    }

    /** 403: the same body whatever the reason; the log says which. */
    FullHttpResponse forbidden(HttpVersion v) {
        return text(v, HttpResponseStatus.FORBIDDEN, FORBIDDEN);
    }

    /** 429 for a blocked address, with when to come back. */
    FullHttpResponse tooManyRequests(HttpVersion v, long retryAfterSeconds) {
        FullHttpResponse r = text(v, HttpResponseStatus.TOO_MANY_REQUESTS, TOO_MANY);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        return r;
    }

    /** 503: work that waits for the disk is queued, and the queue is full. */
    FullHttpResponse unavailable(HttpVersion v, long retryAfterSeconds) {
        FullHttpResponse r = text(v, HttpResponseStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        return r;
    }

    /** 302 to {@code location}: the retail redirect. */
    FullHttpResponse found(HttpVersion v, String location) {
        FullHttpResponse r = text(v, HttpResponseStatus.FOUND, FOUND);
        r.headers().set(HttpHeaderNames.LOCATION, location);
        return r;
    }

    /** 200 with an XML body (an XML-RPC response: faults too travel with 200, as the spec has it). */
    FullHttpResponse xml(HttpVersion v, byte[] body) {
        return ok(v, XML, body);
    }

    /** 200 with a body made for this request (not a file of the snapshot: no ETag, no Last-Modified). */
    FullHttpResponse ok(HttpVersion v, CharSequence contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(v, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body),
                HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
        HttpHeaders h = r.headers();
        common(h);
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    /** A whole generated file with 200, as bytes ready for the socket (see {@link EncodedOk}). */
    ByteBuf ok(ByteBufAllocator alloc, HttpVersion v, boolean keepAlive, boolean body, ServedFile.Generated g) {
        return EncodedOk.encode(alloc, v, keepAlive, body, clock.now(), clock.date(g.lastModified()), g);
    }

    /** A response about {@code f} whose content is {@code body}; the caller sets Content-Length. */
    FullHttpResponse full(HttpVersion v, HttpResponseStatus status, ServedFile f, ByteBuf body) {
        FullHttpResponse r = new DefaultFullHttpResponse(v, status, body, HEADERS.newHeaders(),
                EmptyHttpHeaders.INSTANCE);
        describe(r.headers(), f);
        return r;
    }

    /** The head fields of a file response: everything but Content-Length and Content-Range. */
    void describe(HttpHeaders h, ServedFile f) {
        common(h);
        h.set(HttpHeaderNames.CONTENT_TYPE, f.contentType());
        h.set(HttpHeaderNames.ETAG, f.etag());
        h.set(HttpHeaderNames.LAST_MODIFIED, clock.date(f.lastModified()));
        h.set(HttpHeaderNames.ACCEPT_RANGES, BYTES);
    }

    private FullHttpResponse text(HttpVersion v, HttpResponseStatus status, ByteBuf body) {
        ByteBuf content = body.duplicate();
        FullHttpResponse r = new DefaultFullHttpResponse(v, status, content, HEADERS.newHeaders(),
                EmptyHttpHeaders.INSTANCE);
        HttpHeaders h = r.headers();
        common(h);
        h.set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return r;
    }

    private void common(HttpHeaders h) {
        h.set(HttpHeaderNames.DATE, clock.now());
        h.set(HttpHeaderNames.SERVER, SERVER);
        h.set(HttpHeaderNames.CACHE_CONTROL, NO_CACHE);
    }
}
