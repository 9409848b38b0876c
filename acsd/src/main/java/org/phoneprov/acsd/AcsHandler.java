package org.phoneprov.acsd;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.phoneprov.acsd.auth.CpeAuth;
import org.phoneprov.acsd.cwmp.CwmpParseException;
import org.phoneprov.acsd.cwmp.Envelope;
import org.phoneprov.acsd.cwmp.SoapReader;
import org.phoneprov.acsd.session.CwmpSession;
import org.phoneprov.acsd.session.Reply;
import org.slf4j.event.Level;

/**
 * One connection's CWMP: authenticates the CPE once (401 challenges until it proves itself;
 * wrong or unknown credentials close the connection), then hands each POST's envelope to the
 * connection's {@link CwmpSession} and writes its reply. The session cookie is set on the
 * InformResponse (Gigaset seed, "Use of Cookies": the CPE returns it in each later POST of the
 * session; RFC 6265 form, which RFC 2965 clients accept by its section 9.1) and a POST with
 * another session's cookie is refused.
 * Bad input never leaves as an exception: it becomes a SOAP Fault or a closed connection, and
 * one rate-limited log line.
 */
final class AcsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String COOKIE = "phoneprov_acs";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AcsContext acs;
    private final boolean tls;
    private CwmpSession session;
    private String cookie;
    private long startedNanos;

    AcsHandler(AcsContext acs, boolean tls) {
        this.acs = acs;
        this.tls = tls;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.method().equals(HttpMethod.POST)) {
            FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, new byte[0]);
            r.headers().set(HttpHeaderNames.ALLOW, "POST");
            write(ctx, r, keepAlive);
            return;
        }
        if (session == null && !authenticate(ctx, req, keepAlive)) {
            return;
        }
        Optional<String> sent = cookie(req);
        if (cookie != null && sent.isPresent() && !sent.get().equals(cookie)) {
            refuse(ctx, "wrong_cookie", session.device().toString());
            return;
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        Reply reply;
        boolean opening = session.phase() == CwmpSession.Phase.AWAIT_INFORM || session.phase() == CwmpSession.Phase.ENDED;
        if (blank(body)) {
            reply = session.post(Optional.empty());
        } else {
            Optional<Envelope> e = Optional.empty();
            try {
                e = Optional.of(new SoapReader(acs.settings().maxEnvelopeBytes()).read(body));
            } catch (CwmpParseException bad) {
                acs.log().log(Level.WARN, "acsd.bad_envelope", "reason=" + bad.reason() + " device=" + session.device()
                        + " client=" + client(ctx) + " detail=\"" + bad.detail().replace('"', '\'') + "\"");
                reply = session.malformed(bad);
                finish(ctx, reply, keepAlive, false);
                return;
            }
            reply = session.post(e);
        }
        boolean informed = opening && session.phase() == CwmpSession.Phase.CPE_TURN;
        if (informed) {
            startedNanos = System.nanoTime();
        }
        finish(ctx, reply, keepAlive, informed);
    }

    private void finish(ChannelHandlerContext ctx, Reply reply, boolean keepAlive, boolean informed) {
        FullHttpResponse r = response(HttpResponseStatus.valueOf(reply.status()), reply.body());
        if (informed) {
            cookie = HexFormat.of().formatHex(randomBytes());
            DefaultCookie c = new DefaultCookie(COOKIE, cookie);
            c.setPath("/");
            c.setHttpOnly(true);
            r.headers().add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(c));
        }
        if (reply.endsSession()) {
            boolean completed = reply.status() == 204 && !reply.close();
            acs.metrics().session(completed ? "completed" : "faulted", seconds());
            if (!completed) {
                session.closed();
            }
            cookie = null;
        }
        write(ctx, r, keepAlive && !reply.close());
    }

    private boolean authenticate(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive) {
        long now = acs.clock().millis();
        Optional<String> authorization = Optional.ofNullable(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        CpeAuth.Outcome o = acs.auth().check(acs.config().get(), req.method().name(), req.uri(), authorization, tls, now);
        if (o instanceof CpeAuth.Accepted a) {
            InetSocketAddress client = client(ctx);
            session = new CwmpSession(a.device().mac(), client == null ? null : client.getAddress(), acs.queue(),
                    new AcsObserver(acs.events(), acs.metrics(), client, acs.clock()), acs.hook(), acs.clock());
            return true;
        }
        if (o instanceof CpeAuth.Challenge c) {
            if (c.why().equals("basic over plain http")) {
                acs.log().log(Level.WARN, "acsd.refused", "reason=basic_over_http client=" + client(ctx)
                        + " (Basic is accepted only over TLS; the CPE is asked for Digest)");
            }
            FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, new byte[0]);
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, c.wwwAuthenticate());
            write(ctx, r, keepAlive);
            return false;
        }
        CpeAuth.Refused refused = (CpeAuth.Refused) o;
        refuse(ctx, refused.reason(), refused.user());
        return false;
    }

    private void refuse(ChannelHandlerContext ctx, String reason, String who) {
        acs.log().log(Level.WARN, "acsd.refused", "reason=" + reason + " user=" + who + " client=" + client(ctx));
        acs.metrics().session("refused", -1);
        FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, new byte[0]);
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, acs.auth().challenge(reason, false,
                acs.clock().millis()).wwwAuthenticate());
        if (session != null) {
            session.closed();
        }
        write(ctx, r, false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null && session.phase() != CwmpSession.Phase.ENDED
                && session.phase() != CwmpSession.Phase.AWAIT_INFORM) {
            session.closed();
            acs.metrics().session("dropped", seconds());
            acs.log().log(Level.INFO, "acsd.dropped", "device=" + session.device() + " client=" + client(ctx)
                    + " (an RPC in flight stays queued)");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            // A CPE that went quiet mid-session: channelInactive then counts the session dropped.
            acs.log().log(Level.INFO, "acsd.idle", "client=" + client(ctx) + " seconds="
                    + AcsChannelInitializer.IDLE_SECONDS);
        } else {
            acs.log().log(Level.WARN, "acsd.error", "client=" + client(ctx) + " error=\""
                    + String.valueOf(cause).replace('"', '\'') + "\"");
        }
        ctx.close();
    }

    private double seconds() {
        return startedNanos == 0 ? -1 : (System.nanoTime() - startedNanos) / 1e9;
    }

    private static Optional<String> cookie(FullHttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return Optional.empty();
        }
        // LAX: RFC 2965 clients send $Version and quoted values (RFC 2965 section 9.1 compatibility).
        for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
            if (c.name().equals(COOKIE)) {
                return Optional.of(c.value());
            }
        }
        return Optional.empty();
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        if (status.code() != 204) {
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (body.length > 0) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8");
        }
        return r;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static InetSocketAddress client(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null;
    }
}
