package org.phoneprov.httpd;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.ActivationCode;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.crypto.ProfileCipher;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.ContentTypes;
import org.phoneprov.common.provision.SuiteUrls;
import org.phoneprov.common.provision.gigaset.GigasetProfile;
import org.phoneprov.common.provision.gigaset.GigasetProfiles;
import org.phoneprov.httpd.activation.Activations;
import org.slf4j.event.Level;

/**
 * {@code GET /gigaset/activation/<MAC>.xml}: the profile of the customer record an activation
 * code leads to (Gigaset seed, "Autoprovisioning with Activation Code"). The phone proves the code
 * with HTTP digest (seed, "Security aspects"): the user is the code without its password (provider
 * id + code, {@code 12387426549864}), the password the part after '#' ({@code 0815}; empty when
 * the code has none). The seed does not say which URL a phone sends its code to, so this one is
 * ours, beside the MAC-named profiles: the MAC in the name is the phone's ({@code %MACD}), and a
 * phone whose User-Agent names another MAC gets the same 404 as for a profile (remark *1).
 *
 * <p>Wrong codes and passwords count per address ({@code gigaset.wrong_codes}); a spent one-shot
 * code and a code locked to another phone get 403, and the log says which.
 */
final class ActivationEndpoint {
    static final String FOLDER = GigasetProfile.FOLDER + "activation/";
    private static final String SUFFIX = ".xml";

    private final GigasetEndpoints.Context context;

    ActivationEndpoint(GigasetEndpoints.Context context) {
        this.context = context;
    }

    GigasetEndpoints.Route request(ChannelHandlerContext ctx, Exchange ex, HttpRequest request, RequestMethod method,
                                   String name, Optional<InetAddress> client) {
        String file = name.substring(FOLDER.length());
        Optional<Mac> mac = file.length() == 12 + SUFFIX.length() && file.endsWith(SUFFIX)
                ? Mac.parse(file.substring(0, 12)) : Optional.empty();
        String from = LogText.address(ctx.channel().remoteAddress());
        if (mac.isEmpty()) {
            reject("activation_path", "-", from, name);
            return GigasetEndpoints.Route.NOT_FOUND;
        }
        ex.device(mac);
        SuiteConfig config = context.config().get();
        if (!GigasetUserAgent.mayFetch(mac.get(), request.headers().get(HttpHeaderNames.USER_AGENT),
                config.gigaset().requirePhoneMac())) {
            reject("profile_mac_mismatch", mac.get().toString(), from, name);
            return GigasetEndpoints.Route.NOT_FOUND;
        }
        Map<String, ActivationCode> codes = config.gigaset().codes();
        if (codes.isEmpty()) {
            reject("no_activation_codes", mac.get().toString(), from, name);
            return GigasetEndpoints.Route.NOT_FOUND;
        }
        if (context.blocked(ex, client)) {
            return GigasetEndpoints.Route.ANSWERED;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        AccountAuth.Result who = context.auth().check(config.http().access(), user -> Optional.ofNullable(codes.get(user))
                        .map(c -> new Device.HttpCredentials(c.user(), c.password())), false, request.method().name(),
                request.uri(), authorization, client.map(InetAddress::getHostAddress).orElse("-"),
                context.millis().getAsLong());
        if (who instanceof AccountAuth.Refused r) {
            if (r.guess()) {
                context.log().log(Level.INFO, "httpd.activation_refused", "reason=" + r.word() + " mac=" + mac.get()
                        + " client=" + from);
                context.guessedWrong(client, "activation_code");
            }
            ex.send(context.responses().unauthorized(ex.version(), context.challenges(false, client, r.stale())), 0);
            return GigasetEndpoints.Route.ANSWERED;
        }
        ActivationCode code = codes.get(((AccountAuth.Proven) who).user());
        context.offload(ex, () -> use(ctx, ex, config, code, mac.get(), from));
        return GigasetEndpoints.Route.ANSWERED;
    }

    /** On the store's thread: record the use, then answer on the connection's loop. */
    private void use(ChannelHandlerContext ctx, Exchange ex, SuiteConfig config, ActivationCode code, Mac mac,
                     String from) {
        Activations.Verdict v;
        try {
            v = context.services().activations.use(code, mac);
        } catch (StoreException e) {
            context.log().log(Level.WARN, "httpd.activation_failed", "code=" + shown(code) + " mac=" + mac
                    + " error=" + LogText.quote(e.getMessage()));
            context.reply(ctx, () -> ex.send(context.responses().unavailable(ex.version(), 5), 0));
            return;
        }
        if (v instanceof Activations.Refused r) {
            context.log().log(Level.INFO, "httpd.activation_refused", "reason=" + r.reason() + " code=" + shown(code)
                    + " mac=" + mac + " bound_to=" + r.boundTo() + " client=" + from);
            context.reply(ctx, () -> ex.send(context.responses().forbidden(ex.version()), 0));
            return;
        }
        Activations.Granted g = (Activations.Granted) v;
        context.log().log(Level.INFO, "httpd.activation_used", "code=" + shown(code) + " lock="
                + code.lock().name().toLowerCase(java.util.Locale.ROOT) + " provider=" + LogText.quote(code.provider())
                + " mac=" + mac + " uses=" + g.use().uses() + " client=" + from);
        FullHttpResponse profile = profile(ex, config, code, mac);
        context.reply(ctx, () -> ex.send(profile, profile.content().readableBytes()));
    }

    /**
     * A later check of a phone that activated a locked code: its profile names the suite's profile
     * folder, so it asks {@code gigaset/<MAC>.xml} without its code. Served when a locked code is
     * bound to that MAC (and the User-Agent names no other phone); else the handler goes on.
     */
    boolean laterCheck(Exchange ex, HttpRequest request, String name) {
        if (!name.startsWith(GigasetProfile.FOLDER) || name.length() != GigasetProfile.FOLDER.length() + 12
                + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return false;
        }
        SuiteConfig config = context.config().get();
        Optional<Mac> mac = Mac.parse(name.substring(GigasetProfile.FOLDER.length(), name.length() - SUFFIX.length()));
        if (mac.isEmpty() || config.gigaset().codes().isEmpty() || config.device(mac.get()).isPresent()
                || !GigasetUserAgent.mayFetch(mac.get(), request.headers().get(HttpHeaderNames.USER_AGENT),
                config.gigaset().requirePhoneMac())) {
            return false;
        }
        Optional<ActivationCode> code = context.services().activations.lockedTo(mac.get(), config.gigaset().codes());
        if (code.isEmpty()) {
            return false;
        }
        ex.device(mac);
        FullHttpResponse profile = profile(ex, config, code.get(), mac.get());
        ex.send(profile, profile.content().readableBytes());
        return true;
    }

    /** The code's customer record as this phone's profile, encrypted with the provider's key if it has one. */
    private FullHttpResponse profile(Exchange ex, SuiteConfig config, ActivationCode code, Mac mac) {
        Device d = code.forPhone(mac);
        byte[] plain = GigasetProfiles.plain(d, config, SuiteUrls.of(config));
        Optional<ProfileCipher> cipher = GigasetProfiles.cipher(d, config);
        byte[] body = cipher.map(c -> c.encrypt(plain)).orElse(plain);
        String type = cipher.isPresent() ? ContentTypes.ENCRYPTED : ContentTypes.of(GigasetProfile.name(mac));
        return context.responses().ok(ex.version(), type, body);
    }

    private void reject(String reason, String mac, String from, String path) {
        context.log().log(Level.INFO, "httpd.reject", "reason=" + reason + " mac=" + mac + " client=" + from
                + " path=" + LogText.quote(path));
    }

    /**
     * A code in a log line: its provider id, and its last two digits when it has at least eight
     * (enough to find it, not to use it); a short code shows only its provider.
     */
    static String shown(ActivationCode code) {
        String u = code.user();
        return u.substring(0, 3) + "..." + (u.length() >= 8 ? u.substring(u.length() - 2) : "");
    }
}
