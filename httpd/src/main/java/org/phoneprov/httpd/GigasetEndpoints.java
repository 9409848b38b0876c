package org.phoneprov.httpd;

import org.phoneprov.common.guard.ProbeThrottle;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.httpd.redirect.RetailRedirect;
import org.slf4j.event.Level;

/**
 * The Gigaset seed's server side beside the files: the retail redirect ({@code /device/...}),
 * its management API ({@code /apxml/rpc.do}, {@link RpcEndpoint}) and activation-code profiles
 * ({@code /gigaset/activation/<MAC>.xml}, {@link ActivationEndpoint}). The provisioning handler
 * asks {@link #route} first; anything else is a file.
 */
final class GigasetEndpoints {
    /** What became of a request. */
    enum Route {
        /** Not one of these paths: the handler serves a file. */
        NOT_OURS,
        /** Answered here, or will be once the store has answered. */
        ANSWERED,
        /** The handler answers 404 and counts it toward the probe limit. */
        NOT_FOUND,
        /** The handler answers 404 without counting it: a name every Gigaset asks for at boot. */
        NOT_SERVED
    }

    /**
     * Given a folder URL (DHCP option 114, a redirect to a folder), a Gigaset first asks
     * {@code <URL>/provisioning.xml}, then {@code <URL>/<MAC>.xml} (Gigaset wiki, docs/vendor-formats.md
     * 2.4). The suite serves profiles by MAC only, so the first is a 404 on every boot: not a probe.
     */
    static final String PROVISIONING_XML = "gigaset/provisioning.xml";

    private final Context context;
    private final RpcEndpoint rpc;
    private final ActivationEndpoint activation;

    /** What the endpoints share. */
    record Context(GigasetServices services, Supplier<SuiteConfig> config, Responses responses, AccountAuth auth,
                   ProbeThrottle wrong, LongSupplier millis, RateLimitedLog log, EventSink events) {
        /** 429 when the address guessed wrong too often; true when it did. */
        boolean blocked(Exchange ex, Optional<InetAddress> client) {
            if (client.isEmpty()) {
                return false;
            }
            long left = wrong.blockedFor(client.get(), millis.getAsLong());
            if (left == 0) {
                return false;
            }
            ex.closeAfter();
            ex.send(responses.tooManyRequests(ex.version(), (left + 999) / 1000), 0);
            return true;
        }

        /** Counts a wrong guess; the one over the limit blocks the address and says so. */
        void guessedWrong(Optional<InetAddress> client, String what) {
            if (client.isEmpty()) {
                return;
            }
            HttpdSettings.ProbeLimit limit = config.get().gigaset().wrongCodes();
            int count = wrong.notFound(client.get(), millis.getAsLong(), limit);
            if (count > 0) {
                log.log(Level.WARN, "httpd.guess_blocked", "client=" + client.get().getHostAddress() + " wrong="
                        + count + " within_seconds=" + limit.perSeconds() + " block_seconds=" + limit.blockSeconds()
                        + " what=" + what);
            }
        }

        /** Runs store work on the writer thread; false (and a 503 sent) when its queue is full. */
        boolean offload(Exchange ex, Runnable work) {
            try {
                services.writer.execute(work);
                return true;
            } catch (RejectedExecutionException e) {
                log.log(Level.WARN, "httpd.gigaset_busy", "queued=" + GigasetServices.QUEUE + " path="
                        + LogText.quote(ex.fileName()));
                ex.closeAfter();
                ex.send(responses.unavailable(ex.version(), 1), 0);
                return false;
            }
        }

        /** Back on the connection's event loop, where responses are written. */
        void reply(ChannelHandlerContext ctx, Runnable send) {
            ctx.executor().execute(send);
        }

        List<String> challenges(boolean basic, Optional<InetAddress> client, boolean stale) {
            return auth.challenges(config.get().http().access(), basic,
                    client.map(InetAddress::getHostAddress).orElse("-"), millis.getAsLong(), stale);
        }
    }

    GigasetEndpoints(Context context) {
        this.context = context;
        this.rpc = new RpcEndpoint(context);
        this.activation = new ActivationEndpoint(context);
    }

    /** @param path the request's name as {@link RequestPath} gives it, with its leading '/' */
    Route route(ChannelHandlerContext ctx, Exchange ex, HttpRequest request, RequestMethod method, String path,
                Optional<InetAddress> client) {
        if (!path.startsWith("/apxml/") && !path.startsWith("/gigaset/") && !path.startsWith("/device/")) {
            return Route.NOT_OURS; // every other request pays three prefix checks, nothing more
        }
        String name = path.substring(1);
        if (name.equalsIgnoreCase(PROVISIONING_XML)) {
            return Route.NOT_SERVED;
        }
        if (name.equals(RpcEndpoint.PATH)) {
            rpc.request(ctx, ex, request, method, client);
            return Route.ANSWERED;
        }
        if (name.startsWith(ActivationEndpoint.FOLDER)) {
            return activation.request(ctx, ex, request, method, name, client);
        }
        if (RetailRedirect.applies(name)) {
            return redirect(ex, request, name);
        }
        return activation.laterCheck(ex, request, name) ? Route.ANSWERED : Route.NOT_OURS;
    }

    /** A request body's part; true when it belonged to an API call (or to a connection that must read nothing more). */
    boolean content(ChannelHandlerContext ctx, HttpContent content) {
        return rpc.content(ctx, content);
    }

    /** Whether a request on this connection must wait: an API call's answer is still to come. */
    boolean busy(ChannelHandlerContext ctx) {
        return rpc.inFlight(ctx);
    }

    private Route redirect(Exchange ex, HttpRequest request, String name) {
        Optional<Mac> uaMac = GigasetUserAgent.macOf(request.headers().get(HttpHeaderNames.USER_AGENT));
        RetailRedirect.Answer a = RetailRedirect.decide(name, uaMac, mac -> {
            try {
                return context.services().registry.lookup(mac);
            } catch (StoreException e) {
                context.log().log(Level.WARN, "httpd.redirect_failed", "mac=" + mac + " error="
                        + LogText.quote(e.getMessage()));
                return Optional.empty();
            }
        });
        String client = LogText.address(ex.ctx().channel().remoteAddress());
        if (a instanceof RetailRedirect.Redirect r) {
            ex.device(Optional.of(r.mac()));
            context.log().log(Level.INFO, "httpd.redirect", "mac=" + r.mac() + " provider="
                    + LogText.quote(r.registration().provider()) + " location=" + LogText.quote(r.location())
                    + " client=" + client);
            ex.send(context.responses().found(ex.version(), r.location()), 0);
            return Route.ANSWERED;
        }
        RetailRedirect.Refused refused = (RetailRedirect.Refused) a;
        ex.device(refused.mac());
        context.log().log(Level.INFO, "httpd.reject", "reason=redirect_" + refused.reason() + " mac="
                + refused.mac().map(Mac::toString).orElse("-") + " client=" + client + " path=" + LogText.quote(name));
        return Route.NOT_FOUND;
    }
}
