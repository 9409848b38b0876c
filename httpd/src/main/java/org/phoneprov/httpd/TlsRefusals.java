package org.phoneprov.httpd;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.slf4j.event.Level;

/**
 * Sits right after the SslHandler: a failed handshake (no client certificate, one not
 * signed by client_ca, a client that does not trust us, plain HTTP on the HTTPS port)
 * becomes one {@code httpd.tls_refused} line and one event, and the connection closes.
 * The exception the SslHandler raises next for the same failure is swallowed, so it
 * never reaches the provisioning handler as an error with a stack trace.
 */
@Sharable
final class TlsRefusals extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(TlsRefusals.class, "refused");

    private final RateLimitedLog log;
    private final EventSink events;

    TlsRefusals(RateLimitedLog log, EventSink events) {
        this.log = log;
        this.events = events;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            refuse(ctx, done.cause());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            refuse(ctx, cause);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().attr(REFUSED).setIfAbsent(Boolean.TRUE) == null) {
            SocketAddress remote = ctx.channel().remoteAddress();
            log.log(Level.INFO, "httpd.tls_refused", "from=" + LogText.address(remote) + " reason="
                    + LogText.quote(reason(cause)));
            events.record(new Event(Instant.now(), Exchange.DAEMON, "TLS", Optional.empty(), "", "tls_refused", 0, 0,
                    remote instanceof InetSocketAddress inet ? Optional.of(inet) : Optional.empty()));
        }
        ctx.close();
    }

    /**
     * The handshake's own words, e.g. "Empty client certificate chain" or "Received fatal
     * alert: unknown_ca". Never the record bytes a NotSslRecordException carries in hex: a
     * plain request sent here may hold credentials.
     */
    static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NotSslRecordException) {
                return "not a TLS record (plain HTTP on the HTTPS port?)";
            }
            if (c instanceof SslHandshakeTimeoutException) {
                return "handshake timed out";
            }
            if (c instanceof ClosedChannelException) {
                return "connection closed during the handshake";
            }
            if (c instanceof SSLException && c.getMessage() != null
                    && c.getMessage().startsWith("Insufficient buffer remaining for AEAD")) {
                // OpenSSL (curl) answers a TLS 1.3 certificate it does not trust with a plaintext
                // alert the JDK engine cannot decrypt; its message would only puzzle an admin.
                return "the client aborted the handshake (does it trust our CA?)";
            }
            if (c instanceof SSLException && c.getMessage() != null) {
                // "PKIX path building failed: sun.security...SunCertPathBuilderException: unable to ..."
                // reads better without the nested class names.
                return c.getMessage().replaceAll("\\b([a-z0-9]+\\.)+[A-Z]\\w*(Exception|Error): ", "");
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return LogText.reason(t);
    }
}
