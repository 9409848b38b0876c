package org.phoneprov.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.crypto.SerCipher;
import org.phoneprov.common.provision.CatalogEntry;
import org.phoneprov.common.provision.Model;

/** Reads {@code models:}, one section per ST20xx model, checking that catalog files exist. */
final class ModelsReader {
    private static final Set<String> BASE_KEYS = Set.of("inf_name", "common_config", "telcfg", "templates", "vars",
            "encryption");

    private ModelsReader() {
    }

    static Map<Model, ModelConfig> read(MapView root, PathsConfig paths, Problems problems) {
        Map<Model, ModelConfig> out = new EnumMap<>(Model.class);
        Optional<MapView> mv = root.map("models");
        if (mv.isEmpty()) {
            return out;
        }
        MapView models = mv.get();
        for (String name : models.keys()) {
            Optional<Model> model = Model.parse(name);
            if (model.isPresent() && model.get().isGigaset()) {
                problems.add(models.keyAt(name), models.keyPath(name), "a Gigaset model has no models: settings "
                        + "(it reads one VoIP profile, no INF, common config or telcfg); models: is for "
                        + "ST2030S, ST2030M, ST2022S, ST2022M");
                continue;
            }
            if (model.isEmpty() || !model.get().name().equals(name)) {
                problems.add(models.keyAt(name), models.keyPath(name),
                        "unknown model; known models: ST2030S, ST2030M, ST2022S, ST2022M");
                continue;
            }
            models.map(name).ifPresent(m -> out.put(model.get(), model(m, model.get(), paths, problems)));
        }
        return out;
    }

    private static ModelConfig model(MapView m, Model model, PathsConfig paths, Problems problems) {
        Set<String> allowed = new HashSet<>(BASE_KEYS);
        for (CatalogEntry e : CatalogEntry.values()) {
            allowed.add(e.configKey());
        }
        m.allowOnly(allowed);
        ModelConfig d = ModelConfig.defaults(model);
        String infName = fileName(m, "inf_name", d.infName());
        String common = fileName(m, "common_config", d.commonConfig());
        String telcfg = fileName(m, "telcfg", d.telcfg());

        Map<CatalogEntry, List<String>> catalog = new EnumMap<>(CatalogEntry.class);
        for (CatalogEntry e : CatalogEntry.values()) {
            if (!m.has(e.configKey())) {
                continue;
            }
            if (!e.appliesTo(model)) {
                problems.add(m.keyAt(e.configKey()), m.keyPath(e.configKey()), model.protocol() + " phones do not "
                        + "download this file (APS seed 2.4.1/2.4.2); remove it from " + model);
                continue;
            }
            List<String> files = m.strings(e.configKey());
            if (files.size() > 1 && !e.many()) {
                problems.add(m.at(e.configKey()), m.keyPath(e.configKey()), "takes one file, not a list");
                continue;
            }
            List<String> ok = new ArrayList<>();
            for (String f : files) {
                checkCatalogFile(m, e.configKey(), f, paths.files(), problems).ifPresent(ok::add);
            }
            catalog.put(e, ok);
        }

        ModelConfig.Templates templates = d.templates();
        Optional<MapView> tv = m.map("templates");
        if (tv.isPresent()) {
            MapView t = tv.get();
            t.allowOnly("common", "telcfg", "mac");
            templates = new ModelConfig.Templates(t.string("common", templates.common()),
                    t.string("telcfg", templates.telcfg()), t.string("mac", templates.mac()));
            for (String key : new String[] {"common", "telcfg", "mac"}) {
                t.string(key).filter(name -> !templateExists(name, paths)).ifPresent(name ->
                        problems.add(t.at(key), t.keyPath(key), "no template '" + name + "' in "
                                + paths.templates().map(Path::toString).orElse("(paths.templates not set)")
                                + " nor among the built-in templates"));
            }
        }
        return new ModelConfig(model, infName, catalog, common, telcfg, templates, m.stringMap("vars"),
                encryption(m));
    }

    /** {@code encryption: {key, next_key}}: both checked as keys a phone can hold (APS seed 6). */
    private static Optional<ModelEncryption> encryption(MapView m) {
        Optional<MapView> ev = m.map("encryption");
        if (ev.isEmpty()) {
            return Optional.empty();
        }
        MapView e = ev.get();
        e.allowOnly("key", "next_key");
        Optional<String> key = e.requiredString("key").filter(k -> isSerKey(e, "key", k));
        Optional<String> next = e.string("next_key").filter(k -> isSerKey(e, "next_key", k));
        return key.map(k -> new ModelEncryption(k, next));
    }

    private static boolean isSerKey(MapView m, String key, String value) {
        try {
            SerCipher.forKey(value);
            return true;
        } catch (IllegalArgumentException ex) {
            // The message says what is wrong without repeating the key: check output ends up in logs.
            m.problems().add(m.at(key), m.keyPath(key), ex.getMessage() + " (the phone's Decryption_Key, APS seed 6)");
            return false;
        }
    }

    static boolean templateExists(String name, PathsConfig paths) {
        if (name.contains("..")) {
            return false;
        }
        if (paths.templates().isPresent() && Files.isRegularFile(paths.templates().get().resolve(name))) {
            return true;
        }
        return ModelsReader.class.getClassLoader().getResource("phoneprov/templates/" + name) != null;
    }

    /** A generated file's name: a plain name the phone can ask for in the server root. */
    private static String fileName(MapView m, String key, String fallback) {
        Optional<String> v = m.string(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get();
        // Seed 2.4: option 67 holds only letters, digits and underscore (plus the extension dot).
        if (!s.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")) {
            m.problems().add(m.at(key), m.keyPath(key),
                    "'" + s + "' must be a plain file name: letters, digits, '_', '-', '.' (APS seed 2.4)");
            return fallback;
        }
        return s;
    }

    /** A catalog path: relative, forward slashes, no '..', and the file must exist below the files root. */
    static Optional<String> checkCatalogFile(MapView m, String key, String rel, Path filesRoot, Problems problems) {
        String where = m.keyPath(key);
        if (rel.isBlank() || rel.startsWith("/") || rel.contains("\\") || rel.contains(":")
                || List.of(rel.split("/")).contains("..") || rel.length() > 200) {
            problems.add(m.at(key), where, "'" + rel + "' must be a relative path below the files root, with '/' "
                    + "between folders, no '..', at most 200 characters (the INF allows 255 with the URL, seed 2.4.3)");
            return Optional.empty();
        }
        Path p = filesRoot.resolve(rel).normalize();
        if (!p.startsWith(filesRoot) || !Files.isRegularFile(p)) {
            problems.add(m.at(key), where, "file not found: " + p + " (put it below the files root " + filesRoot + ")");
            return Optional.empty();
        }
        return Optional.of(rel);
    }
}
