package org.phoneprov.apid.ui;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.phoneprov.apid.ApiSettings;
import org.phoneprov.apid.auth.TokenGate;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.routes.Routes;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.mac.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard under {@code /ui/}: server-rendered pages over the API's own routes,
 * signed in with an API token once per browser session. Every button is a form POST that
 * carries the session's form token, and the session cookie is {@code SameSite=Strict},
 * so another site cannot press them.
 */
public final class Dashboard {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private final Routes routes;
    private final SuiteControl control;
    private final TokenGate gate;
    private final Supplier<ApiSettings> settings;
    private final boolean tls;
    private final Sessions sessions = new Sessions();
    private final EventStream stream;

    public Dashboard(Routes routes, SuiteControl control, TokenGate gate, Supplier<ApiSettings> settings, boolean tls) {
        this.routes = routes;
        this.control = control;
        this.gate = gate;
        this.settings = settings;
        this.tls = tls;
        this.stream = new EventStream(control);
    }

    /** Whether the dashboard answers this path (the API answers the rest). */
    public static boolean owns(String path) {
        return path.equals("/") || path.equals("/ui") || path.startsWith("/ui/");
    }

    /** Whether this call is the live stream, which stays on the connection's event loop. */
    public boolean isStream(ApiRequest r) {
        return r.method().equals("GET") && r.path().equals("/ui/events");
    }

    /** The stream, for a signed-in browser; anything else gets the sign-in page. */
    public Optional<ApiResponse> stream(ChannelHandlerContext ctx, ApiRequest r) {
        if (session(r).isEmpty()) {
            return Optional.of(ApiResponse.html(401, Pages.login("Sign in first.")));
        }
        stream.start(ctx);
        return Optional.empty();
    }

    /** A page, run on the API's worker thread. */
    public ApiResponse route(ApiRequest r) {
        try {
            return dispatch(r);
        } catch (Exception e) {
            LOG.error("api.ui_error path={} error=\"{}\"", r.path(), e.toString());
            return ApiResponse.html(500, Pages.result("Something went wrong", List.of(e.toString())));
        }
    }

    private ApiResponse dispatch(ApiRequest r) throws Exception {
        String p = r.path();
        String m = r.method();
        if (p.equals("/") || p.equals("/ui")) {
            return redirect("/ui/");
        }
        if (p.equals("/ui/login")) {
            return m.equals("POST") ? signIn(r) : ApiResponse.html(200, Pages.login(""));
        }
        Optional<Sessions.Session> s = session(r);
        if (s.isEmpty()) {
            return m.equals("GET") ? redirect("/ui/login") : ApiResponse.html(401, Pages.login("Sign in first."));
        }
        if (m.equals("POST")) {
            Map<String, List<String>> form = form(r);
            if (!s.get().formTokenIs(first(form, "csrf"))) {
                return ApiResponse.html(403, Pages.result("Refused", List.of("the form is not from this session;"
                        + " reload the page and try again")));
            }
            if (p.equals("/ui/logout")) {
                sessions.close(s.get().id());
                return redirect("/ui/login").with("Set-Cookie", cookie("", 0));
            }
            if (s.get().token().role() != ApiSettings.Role.ADMIN) {
                return ApiResponse.html(403, Pages.result("Refused", List.of("the token '" + s.get().token().name()
                        + "' may only read")));
            }
            return switch (p) {
                case "/ui/notify" -> notify(r, s.get(), first(form, "mac"));
                case "/ui/reload" -> reload(s.get());
                default -> ApiResponse.html(404, Pages.result("No such page", List.of(p)));
            };
        }
        if (p.equals("/ui/")) {
            return ApiResponse.html(200, Pages.index(control.snapshot().config().identity().name(),
                    routes.devices().listJson(), routes.leases().json(), s.get(), ""));
        }
        if (p.startsWith("/ui/devices/")) {
            Optional<Mac> mac = Mac.parse(p.substring("/ui/devices/".length()));
            Optional<com.fasterxml.jackson.databind.node.ObjectNode> shown = mac.isEmpty() ? Optional.empty()
                    : routes.devices().showJson(mac.get());
            if (shown.isEmpty()) {
                return ApiResponse.html(404, Pages.result("No such device", List.of(p.substring(12)
                        + " is not in the inventory")));
            }
            return ApiResponse.html(200, Pages.device(mac.get().colon(), shown.get(), s.get(), ""));
        }
        return ApiResponse.html(404, Pages.result("No such page", List.of(p)));
    }

    private ApiResponse signIn(ApiRequest r) {
        String token = first(form(r), "token");
        TokenGate.Verdict v = gate.check(Optional.ofNullable(token).map(t -> "Bearer " + t), r.client().getAddress());
        if (v instanceof TokenGate.Verdict.Blocked b) {
            return ApiResponse.html(429, Pages.login("Too many wrong tokens from this address; try again in "
                    + b.retryAfterSeconds() + " s.")).with("Retry-After", String.valueOf(b.retryAfterSeconds()));
        }
        if (!(v instanceof TokenGate.Verdict.Allowed a)) {
            return ApiResponse.html(401, Pages.login("That is not a token of this suite."));
        }
        Sessions.Session s = sessions.open(a.token(), System.currentTimeMillis());
        LOG.info("api.ui_signed_in caller={} client={}", a.token().name(), r.client().getAddress().getHostAddress());
        return redirect("/ui/").with("Set-Cookie", cookie(s.id(), Sessions.LIFETIME_MILLIS / 1000));
    }

    private ApiResponse notify(ApiRequest r, Sessions.Session s, String macText) {
        Optional<Mac> mac = Optional.ofNullable(macText).flatMap(Mac::parse);
        if (mac.isEmpty()) {
            return ApiResponse.html(422, Pages.result("Check-sync", List.of("'" + macText + "' is not a MAC")));
        }
        LOG.info("api.ui_notify caller={} mac={}", s.token().name(), mac.get().colon());
        SuiteControl.NotifyOutcome o = control.notify(mac, Optional.empty(), false);
        List<String> lines = new ArrayList<>(o.errors());
        o.results().forEach(n -> lines.add(n.mac().colon() + ": " + n.result() + (n.target().isEmpty() ? ""
                : " (" + n.target() + ", " + n.millis() + " ms)") + (n.detail().isEmpty() ? "" : " " + n.detail())));
        return ApiResponse.html(o.errors().isEmpty() ? 200 : 409, Pages.result("Check-sync", lines));
    }

    private ApiResponse reload(Sessions.Session s) {
        LOG.info("config.reload_requested by=ui caller={}", s.token().name());
        SuiteControl.ReloadOutcome o = control.reload();
        List<String> lines = new ArrayList<>();
        if (o.applied()) {
            lines.add("the config was reloaded");
            o.waiting().forEach((d, keys) -> lines.add(d + ": at the next start: " + String.join(", ", keys)));
            o.refused().forEach((d, why) -> lines.add(d + " kept its settings: " + why));
        } else {
            lines.add("the config was refused; the old one keeps serving");
            o.problems().forEach(p -> lines.add(p.toString()));
        }
        return ApiResponse.html(o.applied() ? 200 : 422, Pages.result("Reload", lines));
    }

    private Optional<Sessions.Session> session(ApiRequest r) {
        String header = r.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return Optional.empty();
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(Sessions.COOKIE)) {
                return sessions.find(c.value(), System.currentTimeMillis(), settings.get().tokens());
            }
        }
        return Optional.empty();
    }

    private String cookie(String value, long maxAgeSeconds) {
        DefaultCookie c = new DefaultCookie(Sessions.COOKIE, value);
        c.setHttpOnly(true);
        c.setSecure(tls);
        c.setPath("/");
        c.setMaxAge(maxAgeSeconds);
        c.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Strict);
        return ServerCookieEncoder.STRICT.encode(c);
    }

    private static Map<String, List<String>> form(ApiRequest r) {
        return new QueryStringDecoder(new String(r.body(), StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
                .parameters();
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static ApiResponse redirect(String to) {
        return ApiResponse.empty(303).with("Location", to);
    }
}
