package org.phoneprov.httpd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Optional;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.mac.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response, from the first read to the last byte written: what the
 * handler learnt (name, device, status, body size) and, when the write completes, the
 * event that records it. It is its own write listener, so a response costs one object.
 */
final class Exchange implements ChannelFutureListener {
    static final String DAEMON = "httpd";
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final ChannelHandlerContext ctx;
    private final HttpVersion version;
    private final String action;
    private final long startNanos;
    private final EventSink events;
    private final Connections connections;
    private final HttpMetrics metrics;
    private final boolean head;
    private boolean keepAlive;
    private String file = "";
    private Optional<Mac> device = Optional.empty();
    private String status = "";
    private int statusCode;
    private long bytes;

    Exchange(ChannelHandlerContext ctx, HttpRequest request, String action, long startNanos,
             EventSink events, Connections connections, HttpMetrics metrics) {
        this.ctx = ctx;
        // Answer in our own version: HTTP/1.0 for 1.0 clients, else 1.1, never an echo of "HTTP/9.9".
        this.version = HttpVersion.HTTP_1_0.equals(request.protocolVersion()) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        this.action = action;
        this.startNanos = startNanos;
        this.events = events;
        this.connections = connections;
        this.metrics = metrics;
        this.head = HttpMethod.HEAD.equals(request.method());
        this.keepAlive = HttpUtil.isKeepAlive(request) && !connections.draining();
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    HttpVersion version() {
        return version;
    }

    void file(String name) {
        this.file = name;
    }

    String fileName() {
        return file;
    }

    void device(Optional<Mac> mac) {
        this.device = mac;
    }

    /** The connection closes after this response. */
    void closeAfter() {
        keepAlive = false;
    }

    /** The connection stays open after this response (so far). */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Writes a complete response whose body is {@code bodyBytes} long (a HEAD sends none). */
    void send(FullHttpResponse response, long bodyBytes) {
        FullHttpResponse r = response;
        if (head && response.content().isReadable()) {
            // The encoder does not know the request was HEAD (see HttpChannelInitializer): the
            // head keeps the Content-Length a GET would get (RFC 9110 9.3.2), the body goes.
            r = response.replace(Unpooled.EMPTY_BUFFER);
            response.release();
        }
        head(r, bodyBytes);
        ctx.writeAndFlush(r).addListener(this);
    }

    /** Writes a 200 already encoded by {@link EncodedOk}, past the HTTP encoder. */
    void sendEncoded(ByteBuf response, long bodyBytes) {
        this.status = "200";
        this.statusCode = 200;
        this.bytes = head ? 0 : bodyBytes;
        ctx.pipeline().context(HttpChannelInitializer.ENCODER).writeAndFlush(response).addListener(this);
    }

    /** Marks the response head before it is written; the caller writes it and the body. */
    void head(HttpResponse response, long bodyBytes) {
        this.status = response.status().codeAsText().toString();
        this.statusCode = response.status().code();
        this.bytes = head ? 0 : bodyBytes;
        HttpUtil.setKeepAlive(response, keepAlive);
    }

    /** Attach to the future of the last write of a response. */
    void finishOn(ChannelFuture lastWrite) {
        lastWrite.addListener(this);
    }

    @Override
    public void operationComplete(ChannelFuture future) {
        connections.responseFinished(future.channel());
        long nanos = System.nanoTime() - startNanos;
        long micros = nanos / 1000L;
        boolean ok = future.isSuccess();
        metrics.responded(statusCode, bytes, nanos, ok);
        SocketAddress remote = future.channel().remoteAddress();
        Optional<InetSocketAddress> client = remote instanceof InetSocketAddress inet
                ? Optional.of(inet) : Optional.empty();
        String result = ok ? status : "aborted";
        if (!keepAlive || !ok) {
            future.channel().close();
        }
        events.record(new Event(Instant.now(), DAEMON, action, device, file, result, ok ? bytes : 0, micros, client));
        if (LOG.isDebugEnabled()) {
            LOG.debug("httpd.request method={} path={} status={} result={} bytes={} micros={} client={}",
                    action, LogText.quote(file), status, result, bytes, micros, LogText.address(remote));
        }
    }
}
