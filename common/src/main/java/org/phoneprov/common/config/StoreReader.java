package org.phoneprov.common.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code store:}:
 * <pre>
 * store:
 *   type: postgresql                  # or sqlite, the default: leases.db under paths.state
 *   url: jdbc:postgresql://db.example.lan:5432/phoneprov
 *   user: phoneprov
 *   password_file: /etc/phoneprov/db.password   # its first line; relative to this file
 *   pool_size: 4                      # optional, 1 to 64
 * </pre>
 * The password lives in a file of its own (mode 0640, like a key), so the config can be
 * world-readable and shown in tickets; it is read at load, so a reload picks up a new one.
 */
final class StoreReader {
    static final String KEY = "store";
    static final int MAX_POOL = 64;
    static final String URL_PREFIX = "jdbc:postgresql://";

    private StoreReader() {
    }

    static StoreSettings read(MapView root, Path base, Problems problems) {
        Optional<MapView> sv = root.map(KEY);
        if (sv.isEmpty()) {
            return StoreSettings.SQLITE;
        }
        MapView s = sv.get();
        s.allowOnly("type", "url", "user", "password_file", "pool_size");
        String word = s.string("type", "sqlite");
        StoreSettings.Type type = Arrays.stream(StoreSettings.Type.values())
                .filter(t -> t.word().equals(word.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
        if (type == null) {
            problems.add(s.at("type"), s.keyPath("type"), "'" + word + "' is not a store type; use sqlite or postgresql");
            return StoreSettings.SQLITE;
        }
        if (type == StoreSettings.Type.SQLITE) {
            for (String k : new String[] {"url", "user", "password_file", "pool_size"}) {
                if (s.has(k)) {
                    problems.add(s.keyAt(k), s.keyPath(k), "only for type: postgresql (SQLite keeps its files under "
                            + "paths.state)");
                }
            }
            return StoreSettings.SQLITE;
        }
        Optional<String> url = s.requiredString("url").filter(u -> validUrl(s, u, problems));
        Optional<String> user = s.requiredString("user");
        Optional<String> password = s.string("password_file")
                .flatMap(f -> SecretFile.firstLine(s, "password_file", base.resolve(f), "database password", problems));
        int pool = s.integer("pool_size", StoreSettings.DEFAULT_POOL_SIZE, 1, MAX_POOL);
        return new StoreSettings(type, url.orElse(""), user.orElse(""), password, pool);
    }

    private static boolean validUrl(MapView s, String url, Problems problems) {
        if (!url.startsWith(URL_PREFIX) || url.length() == URL_PREFIX.length()) {
            problems.add(s.at("url"), s.keyPath("url"), "expected " + URL_PREFIX + "HOST[:PORT]/DATABASE, found '"
                    + url + "'");
            return false;
        }
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            // Never echo the URL here: it holds the password.
            problems.add(s.at("url"), s.keyPath("url"), "holds a password; put it in password_file instead "
                    + "(a URL is shown in logs and errors)");
            return false;
        }
        return true;
    }

}
