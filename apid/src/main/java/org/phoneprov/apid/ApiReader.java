package org.phoneprov.apid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.MapView;
import org.phoneprov.common.config.Problems;
import org.phoneprov.common.config.SectionContext;
import org.phoneprov.common.config.SectionReader;
import org.phoneprov.common.config.ServerKeys;
import org.phoneprov.common.config.WrongGuesses;
import org.phoneprov.common.config.yaml.Location;

/**
 * Reads the {@code api:} section:
 * <pre>
 * api:
 *   bind: 127.0.0.1           # without tls: only a loopback address
 *   port: 9443
 *   tls: {cert: tls/server.crt, key: tls/server.key}
 *   tokens:
 *     - {name: admin, token_file: api-admin.token}      # or token: "..." in the config
 *     - {name: grafana, token_file: grafana.token, role: read}
 *   wrong_tokens: {max: 10, per_seconds: 60, block_seconds: 300}
 * </pre>
 * A token carries the admin's power over every phone, so it is long (at least 32
 * characters), printable ASCII, and unique; its file is read at load like a certificate.
 */
public final class ApiReader implements SectionReader<ApiSettings> {
    public static final ApiReader SECTION = new ApiReader();
    static final int MIN_TOKEN = 32;
    static final int MAX_TOKEN = 512;
    private static final Set<String> KEYS = Set.of("tls", "tokens", "wrong_tokens");

    private ApiReader() {
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public int defaultPort() {
        return 9443;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public ApiSettings read(Optional<MapView> section, SectionContext context) {
        if (section.isEmpty()) {
            return ApiSettings.defaults();
        }
        MapView a = section.get();
        Problems problems = context.problems();
        Optional<ServerKeys> tls = a.map("tls").flatMap(t -> {
            t.allowOnly("cert", "key");
            return ServerKeys.read(t, context.base());
        });
        DaemonConfig listen = context.listen();
        if (listen.enabled() && !a.has("tls") && !listen.bind().isLoopbackAddress()) {
            problems.add(a.at(), a.keyPath(a.has("bind") ? "bind" : "tls"), "the API carries tokens and device"
                    + " passwords: give it tls: {cert, key}, or bind it to 127.0.0.1 (now "
                    + listen.bind().getHostAddress() + ")");
        }
        List<ApiSettings.Token> tokens = tokens(a, context.base(), problems);
        if (listen.enabled() && tokens.isEmpty() && !a.has("tokens")) {
            problems.add(a.at(), a.keyPath("tokens"), "missing; the API needs at least one token"
                    + " (tokens: [{name: admin, token_file: api-admin.token}])");
        }
        return new ApiSettings(tls, tokens, WrongGuesses.read(a.map("wrong_tokens"), ApiSettings.WRONG_TOKENS));
    }

    private static List<ApiSettings.Token> tokens(MapView a, Path base, Problems problems) {
        List<ApiSettings.Token> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (MapView.Item item : a.list("tokens")) {
            MapView.of(item.node(), item.path(), problems).ifPresent(t -> {
                t.allowOnly("name", "token", "token_file", "role");
                Optional<String> name = t.requiredString("name").filter(n -> {
                    if (!n.matches("[A-Za-z0-9_.-]{1,64}")) {
                        problems.add(t.at("name"), t.keyPath("name"), "a token name is 1 to 64 letters, digits, '.', '-', '_'");
                        return false;
                    }
                    if (!names.add(n)) {
                        problems.add(t.at("name"), t.keyPath("name"), "'" + n + "' names another token already");
                        return false;
                    }
                    return true;
                });
                Optional<String> secret = secret(t, base, problems);
                ApiSettings.Role role = role(t, problems);
                if (name.isPresent() && secret.isPresent()) {
                    byte[] digest = sha256(secret.get());
                    if (!digests.add(java.util.HexFormat.of().formatHex(digest))) {
                        problems.add(t.at(), t.keyPath(t.has("token") ? "token" : "token_file"),
                                "the same token as another entry; give each caller its own");
                    } else {
                        out.add(new ApiSettings.Token(name.get(), role, digest));
                    }
                }
            });
        }
        return out;
    }

    private static Optional<String> secret(MapView t, Path base, Problems problems) {
        if (t.has("token") == t.has("token_file")) {
            problems.add(t.at(), t.keyPath("token"), "give exactly one of token and token_file");
            return Optional.empty();
        }
        String key = t.has("token") ? "token" : "token_file";
        Location at = t.at(key);
        String value;
        if (t.has("token")) {
            value = t.string("token").orElse("");
        } else {
            Path file = base.resolve(t.string("token_file").orElse("")).normalize();
            try {
                value = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                problems.add(at, t.keyPath(key), "cannot read " + file + ": " + e.getMessage()
                        + " (make one with: head -c 32 /dev/urandom | base64 > " + file + ")");
                return Optional.empty();
            }
        }
        // Never echo the value: the message names only what is wrong with it.
        if (value.length() < MIN_TOKEN || value.length() > MAX_TOKEN
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(at, t.keyPath(key), "a token is " + MIN_TOKEN + " to " + MAX_TOKEN + " printable ASCII"
                    + " characters without spaces (make one with: head -c 32 /dev/urandom | base64)");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static ApiSettings.Role role(MapView t, Problems problems) {
        String word = t.string("role", "admin");
        try {
            return ApiSettings.Role.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(t.at("role"), t.keyPath("role"), "'" + word + "' is not one of admin, read");
            return ApiSettings.Role.READ;
        }
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
