package org.phoneprov.httpd;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.httpd.redirect.XmlRpcFault;
import org.phoneprov.httpd.redirect.XmlRpcService;
import org.slf4j.event.Level;

/**
 * {@code POST /apxml/rpc.do}, the redirect service's management API (Gigaset seed: "There is also
 * a XML-RPC Interface available (http://prov.gigaset.net/apxml/rpc.do)"): a provider account of
 * {@code gigaset.providers} with a password proves itself (Basic or Digest, {@link AccountAuth}),
 * its body is read (at most {@link XmlRpcService#maxBodyBytes()}), and {@link XmlRpcService}
 * answers it on the store's thread. One call per connection: the answer comes from another
 * thread, so a request pipelined behind the call could otherwise be answered first.
 */
final class RpcEndpoint {
    static final String PATH = "apxml/rpc.do";
    private static final AttributeKey<Call> CALL = AttributeKey.valueOf("phoneprov.xmlrpc");

    /** One call whose body is being read or whose answer is being made. */
    private static final class Call {
        final Exchange ex;
        final String provider;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean done;

        Call(Exchange ex, String provider) {
            this.ex = ex;
            this.provider = provider;
        }
    }

    private final GigasetEndpoints.Context context;

    RpcEndpoint(GigasetEndpoints.Context context) {
        this.context = context;
    }

    void request(ChannelHandlerContext ctx, Exchange ex, HttpRequest request, RequestMethod method,
                 Optional<InetAddress> client) {
        ex.closeAfter();
        if (context.blocked(ex, client)) {
            return;
        }
        if (method != RequestMethod.POST) {
            ex.send(context.responses().methodNotAllowed(ex.version(), "POST"), 0);
            return;
        }
        SuiteConfig config = context.config().get();
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        AccountAuth.Result who = context.auth().check(config.http().access(), user -> account(config, user), true,
                request.method().name(), request.uri(), authorization,
                client.map(InetAddress::getHostAddress).orElse("-"), context.millis().getAsLong());
        if (who instanceof AccountAuth.Refused r) {
            if (r.guess()) {
                context.log().log(Level.INFO, "httpd.auth_failed", "reason=" + r.word() + " scheme="
                        + AccountAuth.scheme(authorization) + " client=" + LogText.address(ctx.channel().remoteAddress())
                        + " path=" + LogText.quote(PATH));
                context.guessedWrong(client, "api_password");
            }
            ex.send(context.responses().unauthorized(ex.version(), context.challenges(true, client, r.stale())), 0);
            return;
        }
        ctx.channel().attr(CALL).set(new Call(ex, ((AccountAuth.Proven) who).user()));
    }

    /** Gathers the body of a call; true when {@code content} was one's (or came after one, and is dropped). */
    boolean content(ChannelHandlerContext ctx, HttpContent content) {
        Call call = call(ctx);
        if (call == null) {
            return false;
        }
        if (call.done) {
            return true;
        }
        int max = context.services().rpc.maxBodyBytes();
        if (content.decoderResult().isFailure()) {
            call.done = true;
            call.ex.send(context.responses().badRequest(call.ex.version(), HttpResponseStatus.BAD_REQUEST), 0);
            return true;
        }
        if (call.body.size() + content.content().readableBytes() > max) {
            // A chunked body, whose length the head did not say, grew past the limit.
            call.done = true;
            call.ex.send(context.responses().badRequest(call.ex.version(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
                    0);
            return true;
        }
        byte[] part = new byte[content.content().readableBytes()];
        content.content().readBytes(part);
        call.body.writeBytes(part);
        if (content instanceof LastHttpContent) {
            call.done = true;
            byte[] body = call.body.toByteArray();
            context.offload(call.ex, () -> {
                XmlRpcService.Reply reply = context.services().rpc.handle(call.provider, body);
                context.reply(ctx, () -> {
                    // A store that failed is the admin's to fix; any other fault is the client's.
                    context.log().log(reply.faultCode() == XmlRpcFault.SYSTEM_ERROR ? Level.WARN : Level.INFO,
                            "httpd.xmlrpc", reply.summary() + " client=" + LogText.address(ctx.channel().remoteAddress()));
                    call.ex.send(context.responses().xml(call.ex.version(), reply.body()), reply.body().length);
                });
            });
        }
        return true;
    }

    /** A call is being read or answered on this connection: nothing else is read from it. */
    boolean inFlight(ChannelHandlerContext ctx) {
        return call(ctx) != null;
    }

    /**
     * Asked for every message of every connection: {@code hasAttr} first, since {@code attr} would
     * give each connection an attribute map it never needs.
     */
    private static Call call(ChannelHandlerContext ctx) {
        return ctx.channel().hasAttr(CALL) ? ctx.channel().attr(CALL).get() : null;
    }

    /** A provider account that may use the API: one with a password. */
    private static Optional<Device.HttpCredentials> account(SuiteConfig config, String user) {
        return config.gigaset().provider(user).flatMap(p -> p.password()
                .map(pw -> new Device.HttpCredentials(p.name(), pw)));
    }
}
