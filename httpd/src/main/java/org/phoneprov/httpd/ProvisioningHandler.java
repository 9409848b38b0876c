package org.phoneprov.httpd;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.phoneprov.common.config.HttpdSettings;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.FileKind;
import org.phoneprov.common.provision.FileResolver;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.Transport;
import org.slf4j.event.Level;

/**
 * Answers GET, HEAD and POST with the file the resolver names. The resolver and the
 * access rules are read per request, so a reloaded configuration serves the next request.
 * Path checks, conditionals, ranges and access are decided elsewhere; this class only
 * routes: a blocked address gets 429, a device's own file passes the {@link AccessGate},
 * and every 404 counts toward the probe limit.
 */
@Sharable
final class ProvisioningHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final Supplier<FileResolver> resolver;
    private final EventSink events;
    private final Connections connections;
    private final RateLimitedLog log;
    private final Responses responses;
    private final FileResponder files;
    private final AccessSource access;
    private final AccessResponder guard;
    /** Null when the server runs without them (tests of the file server alone). */
    private final GigasetEndpoints gigaset;
    private final HttpMetrics metrics;

    ProvisioningHandler(Supplier<FileResolver> resolver, EventSink events, Connections connections,
                        RateLimitedLog log, HttpClock clock) {
        this(resolver, events, connections, log, clock, AccessSource.OPEN, new AccessGate(new DigestAuth(
                Nonces.random())), System::currentTimeMillis);
    }

    ProvisioningHandler(Supplier<FileResolver> resolver, EventSink events, Connections connections,
                        RateLimitedLog log, HttpClock clock, AccessSource access, AccessGate gate, LongSupplier millis) {
        this(resolver, events, connections, log, clock, access, gate, millis, null,
                new HttpMetrics(new PrometheusRegistry(), connections, new LimitLog(log)));
    }

    /**
     * @param gigaset the redirect, its API and activation codes; null without them
     * @param metrics counts every response
     */
    ProvisioningHandler(Supplier<FileResolver> resolver, EventSink events, Connections connections,
                        RateLimitedLog log, HttpClock clock, AccessSource access, AccessGate gate, LongSupplier millis,
                        java.util.function.Function<Responses, GigasetEndpoints> gigaset, HttpMetrics metrics) {
        this.resolver = resolver;
        this.events = events;
        this.connections = connections;
        this.log = log;
        this.responses = new Responses(clock);
        this.files = new FileResponder(responses);
        this.access = access;
        this.guard = new AccessResponder(responses, access, gate, millis, log, events);
        this.gigaset = gigaset == null ? null : gigaset.apply(responses);
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (gigaset != null && gigaset.busy(ctx)) {
            // An API call is being read or answered: its body goes to it, anything pipelined behind
            // it is dropped (the connection closes after the call's answer).
            if (msg instanceof HttpContent content) {
                gigaset.content(ctx, content);
            }
        } else if (msg instanceof HttpRequest request) {
            onRequest(ctx, request);
        } else if (msg.decoderResult().isFailure()) {
            // A broken body or chunk after a request we already answered: nothing to save.
            ctx.close();
        }
        // Body content is ignored (seed 2.5.3: the phone POSTs to fetch, it sends nothing we need).
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        long start = System.nanoTime();
        connections.requestStarted(ctx.channel());
        DecoderResult decoded = request.decoderResult();
        if (!decoded.isSuccess()) {
            Exchange ex = new Exchange(ctx, request, "INVALID", start, events, connections, metrics);
            Throwable cause = decoded.cause();
            badRequest(ex, cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST, cause == null ? "" : cause.getMessage());
            return;
        }
        if (request.protocolVersion().majorVersion() != 1) {
            Exchange ex = new Exchange(ctx, request, "INVALID", start, events, connections, metrics);
            badRequest(ex, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP version "
                    + request.protocolVersion().text());
            return;
        }
        RequestMethod method = RequestMethod.of(request.method());
        Exchange ex = new Exchange(ctx, request, method != null ? method.name() : action(request), start,
                events, connections, metrics);
        HttpdSettings.Access rules = access.access();
        Optional<InetAddress> client = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? Optional.ofNullable(a.getAddress()) : Optional.empty();
        if (guard.blocked(ex, rules, client)) {
            return;
        }
        if (HttpUtil.getContentLength(request, 0L) > HttpChannelInitializer.MAX_BODY) {
            ex.closeAfter();
            ex.send(responses.badRequest(ex.version(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE), 0);
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            // We answer without reading the body, so the client may never send it: the
            // connection cannot be reused safely.
            ex.closeAfter();
        }
        if (method == null) {
            ex.file(request.uri());
            ex.send(responses.methodNotAllowed(ex.version()), 0);
            return;
        }
        RequestPath.Result path = RequestPath.parse(request.uri());
        if (path instanceof RequestPath.Refused refused) {
            PathProblem problem = refused.problem();
            ex.file(request.uri());
            reject(ctx, problem.word(), request.uri());
            if (problem.status() == 400) {
                ex.closeAfter();
                ex.send(responses.badRequest(ex.version(), HttpResponseStatus.BAD_REQUEST), 0);
            } else {
                guard.notFound(ex, rules, client);
            }
            return;
        }
        String name = ((RequestPath.Name) path).name();
        ex.file(name);
        if (gigaset != null) {
            GigasetEndpoints.Route route = gigaset.route(ctx, ex, request, method, name, client);
            if (route == GigasetEndpoints.Route.ANSWERED) {
                return;
            }
            if (route == GigasetEndpoints.Route.NOT_FOUND) {
                guard.notFound(ex, rules, client);
                return;
            }
            if (route == GigasetEndpoints.Route.NOT_SERVED) {
                ex.send(responses.notFound(ex.version()), 0);
                return;
            }
        }
        Lookup lookup;
        FileResolver current = resolver.get();
        try {
            lookup = current.resolve(name, Transport.HTTP);
        } catch (RuntimeException e) {
            log.log(Level.WARN, "httpd.resolve_failed", "path=" + LogText.quote(name) + " error="
                    + LogText.quote(String.valueOf(e)));
            ex.send(responses.serverError(ex.version()), 0);
            return;
        }
        if (lookup instanceof Lookup.Found found) {
            Optional<Mac> owner = found.file().device();
            ex.device(owner.or(() -> client.flatMap(current::deviceAt)));
            if (owner.isPresent() && (rules.digest() || rules.leaseBinding())
                    && !guard.allowed(ex, rules, new AccessGate.Ask(owner.get(), client, request.method().name(),
                    request.uri(), request.headers().get(HttpHeaderNames.AUTHORIZATION)), name, current)) {
                return;
            }
            if (owner.isPresent() && found.file().kind() == FileKind.PROFILE
                    && !GigasetUserAgent.mayFetch(owner.get(), request.headers().get(HttpHeaderNames.USER_AGENT),
                    access.requirePhoneMac())) {
                // Another phone asking for this account's profile: the same 404 as an unknown MAC.
                reject(ctx, "profile_mac_mismatch", name);
                guard.notFound(ex, rules, client);
                return;
            }
            files.send(ex, method, request.headers(), found.file());
        } else if (lookup instanceof Lookup.Rejected rejected) {
            reject(ctx, rejected.reason(), name);
            guard.notFound(ex, rules, client);
        } else {
            guard.notFound(ex, rules, client);
        }
    }

    private void badRequest(Exchange ex, HttpResponseStatus status, String error) {
        log.log(Level.INFO, "httpd.bad_request", "status=" + status.code() + " client="
                + LogText.address(ex.ctx().channel().remoteAddress()) + " error=" + LogText.quote(error));
        ex.closeAfter();
        ex.send(responses.badRequest(ex.version(), status), 0);
    }

    private void reject(ChannelHandlerContext ctx, String reason, String path) {
        log.log(Level.INFO, "httpd.reject", "reason=" + reason + " client="
                + LogText.address(ctx.channel().remoteAddress()) + " path=" + LogText.quote(path));
    }

    /** An unknown method's name, bounded, for the event log. */
    private static String action(HttpRequest request) {
        String m = request.method().name();
        return m.length() <= 16 ? m : m.substring(0, 16);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            // The send stall: a response in progress stopped moving. A connection waiting for a
            // request is timed by ConnectionDeadlines, whose limits may be longer than the stall.
            if (connections.busy(ctx.channel())) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String client = LogText.address(ctx.channel().remoteAddress());
        if (cause instanceof IOException) {
            log.log(Level.INFO, "httpd.connection_error", "client=" + client + " error="
                    + LogText.quote(LogText.reason(cause)));
        } else {
            log.log(Level.WARN, "httpd.error", "client=" + client + " error=" + LogText.quote(String.valueOf(cause)));
        }
        ctx.close();
    }
}
