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
 * once across both. An entry with {@code activation_code} instead of {@code mac} is a Gigaset
 * customer record reached by its code ({@link ActivationCode}).
 */
final class InventoryReader {
    static final int MAX_LINES = 4;

    private InventoryReader() {
    }

    /** The devices by MAC and the activation codes by digest user, both in the order written. */
    record Inventory(Map<Mac, Device> devices, Map<String, ActivationCode> codes) {
    }

    static Inventory read(MapView root, Optional<Path> include, Map<String, DeviceClass> classes,
                          GigasetSettings gigaset, Problems problems, Map<Path, String> replaced) {
        Reading r = new Reading(classes, gigaset, problems);
        r.readDevices(root);
        include.ifPresent(file -> ConfigLoader.readFile(file, problems, root.at("inventory"), "inventory", replaced)
                .ifPresent(inv -> {
                    inv.allowOnly("devices");
                    r.readDevices(inv);
                }));
        return new Inventory(r.out, r.codes);
    }

    /** One read of the inventory: what it has found so far. */
    private static final class Reading {
        final Map<String, DeviceClass> classes;
        final GigasetSettings gigaset;
        final Problems problems;
        final Map<Mac, Device> out = new LinkedHashMap<>();
        final Map<Mac, Location> seen = new java.util.HashMap<>();
        final Map<String, ActivationCode> codes = new LinkedHashMap<>();

        Reading(Map<String, DeviceClass> classes, GigasetSettings gigaset, Problems problems) {
            this.classes = classes;
            this.gigaset = gigaset;
            this.problems = problems;
        }

        void readDevices(MapView m) {
            for (MapView.Item item : m.list("devices")) {
                MapView.of(item.node(), item.path(), problems).ifPresent(d -> {
                    if (d.has("activation_code") && !d.has("mac")) {
                        ActivationCodes.read(d, gigaset, problems, codes);
                    } else {
                        device(d, classes, gigaset, problems, out, seen);
                    }
                });
            }
        }
    }

    private static void device(MapView d, Map<String, DeviceClass> classes, GigasetSettings gigaset, Problems problems,
                               Map<Mac, Device> out, Map<Mac, Location> seen) {
        d.allowOnly("mac", "model", "class", "address", "lines", "vars", "encryption_key", "http_user", "http_password",
                "provider", "activation_code");
        if (d.has("activation_code")) {
            problems.add(d.at("activation_code"), d.keyPath("activation_code"), "an entry is reached by its mac or by "
                    + "its activation_code, not both: remove one (a code is for a phone whose MAC is not known)");
        }
        Optional<Mac> mac = d.requiredString("mac").flatMap(text -> {
            Optional<Mac> parsed = Mac.parse(text);
            if (parsed.isEmpty()) {
                problems.add(d.at("mac"), d.keyPath("mac"), "'" + text + "' is not a MAC address "
                        + "(write 00:14:7F:E1:47:B3, 00-14-7f-e1-47-b3 or 00147FE147B3)");
            }
            return parsed;
        });
        Optional<Model> model = model(d, problems);
        Optional<String> provider = provider(d, model, gigaset, problems);
        Optional<String> className = d.string("class");
        className.ifPresent(c -> {
            if (!classes.containsKey(c)) {
                problems.add(d.at("class"), d.keyPath("class"), "no class named '" + c + "' under classes:");
            }
        });
        Optional<InetAddress> address = d.address("address");
        List<Device.Line> lines = lines(d, problems);
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
        out.put(mac.get(), new Device(mac.get(), model.get(), className, address, lines, vars, key, http, provider,
                d.at("mac")));
    }

    static Optional<Model> model(MapView d, Problems problems) {
        return d.requiredString("model").flatMap(text -> {
            Optional<Model> parsed = Model.parse(text);
            if (parsed.isEmpty()) {
                problems.add(d.at("model"), d.keyPath("model"),
                        "unknown model '" + text + "'; known: " + Model.names());
            }
            return parsed;
        });
    }

    static List<Device.Line> lines(MapView d, Problems problems) {
        List<Device.Line> lines = new ArrayList<>();
        List<MapView.Item> items = d.list("lines");
        if (items.size() > MAX_LINES) {
            problems.add(d.at("lines"), d.keyPath("lines"), "at most " + MAX_LINES + " lines per phone, found " + items.size());
        }
        for (MapView.Item item : items) {
            MapView.of(item.node(), item.path(), problems).ifPresent(l -> line(l).ifPresent(lines::add));
        }
        return lines;
    }

    /** A Gigaset's {@code provider}: one of {@code gigaset.providers}. */
    private static Optional<String> provider(MapView d, Optional<Model> model, GigasetSettings gigaset,
                                             Problems problems) {
        Optional<String> name = d.string("provider");
        if (name.isEmpty()) {
            return name;
        }
        if (model.isPresent() && !model.get().isGigaset()) {
            problems.add(d.at("provider"), d.keyPath("provider"), "only a Gigaset has a provider; a "
                    + model.get() + " reads no Gigaset profile");
            return Optional.empty();
        }
        if (gigaset.provider(name.get()).isEmpty()) {
            problems.add(d.at("provider"), d.keyPath("provider"), "no provider named '" + name.get()
                    + "' under gigaset.providers" + (gigaset.providers().isEmpty() ? "" : " (known: "
                    + String.join(", ", gigaset.providers().keySet()) + ")"));
            return Optional.empty();
        }
        return name;
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
