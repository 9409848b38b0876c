package org.phoneprov.common.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * Reads the device inventory: {@code devices:} in the config and/or the file named by
 * {@code inventory:} (a YAML file with its own {@code devices:} list). A MAC may appear
 * once across both.
 */
final class InventoryReader {
    static final int MAX_LINES = 4;
    private static final String KNOWN_MODELS = String.join(", ",
            java.util.Arrays.stream(Model.values()).map(Model::name).toList());

    private InventoryReader() {
    }

    static Map<Mac, Device> read(MapView root, Path base, Map<String, DeviceClass> classes, Problems problems) {
        Map<Mac, Device> out = new LinkedHashMap<>();
        Map<Mac, Location> seen = new java.util.HashMap<>();
        readDevices(root, classes, problems, out, seen);
        Optional<String> include = root.string("inventory");
        if (include.isPresent()) {
            Path file = base.resolve(include.get()).normalize();
            ConfigLoader.readFile(file, problems, root.at("inventory"), "inventory").ifPresent(inv -> {
                inv.allowOnly("devices");
                readDevices(inv, classes, problems, out, seen);
            });
        }
        return out;
    }

    private static void readDevices(MapView m, Map<String, DeviceClass> classes, Problems problems,
                                    Map<Mac, Device> out, Map<Mac, Location> seen) {
        for (MapView.Item item : m.list("devices")) {
            MapView.of(item.node(), item.path(), problems).ifPresent(d -> device(d, classes, problems, out, seen));
        }
    }

    private static void device(MapView d, Map<String, DeviceClass> classes, Problems problems,
                               Map<Mac, Device> out, Map<Mac, Location> seen) {
        d.allowOnly("mac", "model", "class", "address", "lines", "vars", "encryption_key", "http_user", "http_password");
        Optional<Mac> mac = d.requiredString("mac").flatMap(text -> {
            Optional<Mac> parsed = Mac.parse(text);
            if (parsed.isEmpty()) {
                problems.add(d.at("mac"), d.keyPath("mac"), "'" + text + "' is not a MAC address "
                        + "(write 00:14:7F:E1:47:B3, 00-14-7f-e1-47-b3 or 00147FE147B3)");
            }
            return parsed;
        });
        Optional<Model> model = d.requiredString("model").flatMap(text -> {
            Optional<Model> parsed = Model.parse(text);
            if (parsed.isEmpty()) {
                problems.add(d.at("model"), d.keyPath("model"),
                        "unknown model '" + text + "'; known: " + KNOWN_MODELS);
            }
            return parsed;
        });
        Optional<String> className = d.string("class");
        className.ifPresent(c -> {
            if (!classes.containsKey(c)) {
                problems.add(d.at("class"), d.keyPath("class"), "no class named '" + c + "' under classes:");
            }
        });
        Optional<InetAddress> address = d.address("address");
        List<Device.Line> lines = new ArrayList<>();
        List<MapView.Item> items = d.list("lines");
        if (items.size() > MAX_LINES) {
            problems.add(d.at("lines"), d.keyPath("lines"), "at most " + MAX_LINES + " lines per phone, found " + items.size());
        }
        for (MapView.Item item : items) {
            MapView.of(item.node(), item.path(), problems).ifPresent(l -> line(l).ifPresent(lines::add));
        }
        Map<String, String> vars = d.stringMap("vars");
        Optional<String> key = d.string("encryption_key").filter(k -> {
            try {
                org.phoneprov.common.crypto.SerCipher.forKey(k);
                return true;
            } catch (IllegalArgumentException e) {
                problems.add(d.at("encryption_key"), d.keyPath("encryption_key"), e.getMessage());
                return false;
            }
        });
        Optional<String> httpPassword = d.string("http_password");
        if (d.has("http_user") && httpPassword.isEmpty()) {
            problems.add(d.at("http_user"), d.keyPath("http_password"), "missing; http_user needs an http_password");
        }
        Optional<Device.HttpCredentials> http = httpPassword.map(pw -> new Device.HttpCredentials(
                d.string("http_user", mac.map(Mac::hex).orElse("")), pw));
        if (mac.isPresent()) {
            Location p = seen.putIfAbsent(mac.get(), d.at("mac"));
            if (p != null) {
                problems.add(d.at("mac"), d.keyPath("mac"), "duplicate MAC " + mac.get() + " (already listed at "
                        + p.file().getFileName() + ":" + p.line() + ":" + p.column() + ")");
                return;
            }
        }
        if (mac.isEmpty() || model.isEmpty()) {
            return;
        }
        out.put(mac.get(), new Device(mac.get(), model.get(), className, address, lines, vars, key, http, d.at("mac")));
    }

    private static Optional<Device.Line> line(MapView l) {
        l.allowOnly("number", "auth_user", "password", "display_name", "registrar", "proxy");
        Optional<String> number = l.requiredString("number");
        Optional<String> registrar = l.requiredString("registrar");
        String authUser = l.string("auth_user", number.orElse(""));
        String password = l.string("password", "");
        String display = l.string("display_name", number.orElse(""));
        String proxy = l.string("proxy", registrar.orElse(""));
        for (String key : new String[] {"number", "auth_user", "password", "display_name", "registrar", "proxy"}) {
            // A line break in a value would let it write another key into the rendered INI file.
            l.string(key).filter(v -> v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0).ifPresent(v ->
                    l.problems().add(l.at(key), l.keyPath(key), "must be on one line"));
        }
        if (number.isEmpty() || registrar.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Device.Line(number.get(), authUser, password, display, registrar.get(), proxy));
    }
}
