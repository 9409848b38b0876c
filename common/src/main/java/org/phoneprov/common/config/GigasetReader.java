package org.phoneprov.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.crypto.ProfileCipher;

/**
 * Reads {@code gigaset:}:
 * <pre>
 * gigaset:
 *   providers:
 *     - name: acme                 # the API account and the provider name phones show
 *       id: "123"                  # activation codes of this provider start with it
 *       password: "s3cret"         # the account's password for /apxml/rpc.do (no password: no API)
 *       profile_key: "00112233445566778899aabbccddeeff"   # AES-128: its profiles served encrypted
 *   wrong_codes: {max: 10, per_seconds: 60, block_seconds: 300}   # the 10th wrong guess blocks
 *   require_phone_mac: false       # true: profiles only to requests whose User-Agent names their MAC
 * </pre>
 * The activation codes themselves are inventory entries ({@link InventoryReader}).
 */
final class GigasetReader {
    static final String KEY = "gigaset";
    static final int MAX_NAME = 64;

    private GigasetReader() {
    }

    static GigasetSettings read(MapView root, Problems problems) {
        Optional<MapView> gv = root.map(KEY);
        if (gv.isEmpty()) {
            return GigasetSettings.NONE;
        }
        MapView g = gv.get();
        g.allowOnly("providers", "wrong_codes", "require_phone_mac");
        Map<String, GigasetSettings.Provider> providers = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (MapView.Item item : g.list("providers")) {
            MapView.of(item.node(), item.path(), problems).ifPresent(p -> provider(p, problems, providers, ids));
        }
        HttpdSettings.ProbeLimit wrong = WrongGuesses.read(g.map("wrong_codes"), GigasetSettings.WRONG_CODES);
        return new GigasetSettings(providers, Map.of(), wrong, g.bool("require_phone_mac", false));
    }

    private static void provider(MapView p, Problems problems, Map<String, GigasetSettings.Provider> out,
                                 Map<String, String> ids) {
        p.allowOnly("name", "id", "password", "profile_key");
        Optional<String> name = p.requiredString("name").filter(n -> {
            // The name is written into every profile of the provider and is the API's user name.
            if (n.length() > MAX_NAME || !n.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != ':')) {
                problems.add(p.at("name"), p.keyPath("name"), "a provider name is 1 to " + MAX_NAME
                        + " printable ASCII characters without spaces, '\"' or ':'");
                return false;
            }
            return true;
        });
        Optional<String> id = p.string("id").filter(i -> {
            if (!i.matches("[0-9]{3}")) {
                problems.add(p.at("id"), p.keyPath("id"), "an activation-code provider id is 3 digits (Gigaset seed: "
                        + "\"the provider identification (3 chars fix)\"; codes are typed on a handset keypad)");
                return false;
            }
            return true;
        });
        Optional<String> password = p.string("password").filter(pw -> {
            if (pw.isEmpty() || pw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problems.add(p.at("password"), p.keyPath("password"), "must be non-empty, without control characters");
                return false;
            }
            return true;
        });
        Optional<String> key = p.string("profile_key").filter(k -> {
            try {
                ProfileCipher.forHexKey(k);
                return true;
            } catch (IllegalArgumentException e) {
                problems.add(p.at("profile_key"), p.keyPath("profile_key"), e.getMessage());
                return false;
            }
        });
        if (name.isEmpty()) {
            return;
        }
        if (out.containsKey(name.get())) {
            problems.add(p.at("name"), p.keyPath("name"), "another provider is already named '" + name.get() + "'");
            return;
        }
        if (id.isPresent() && ids.putIfAbsent(id.get(), name.get()) != null) {
            problems.add(p.at("id"), p.keyPath("id"), "provider '" + ids.get(id.get()) + "' already has the id "
                    + id.get());
            return;
        }
        out.put(name.get(), new GigasetSettings.Provider(name.get(), id, password, key, p.at()));
    }
}
