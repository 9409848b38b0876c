package org.phoneprov.common.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.provision.Model;

/** Reads {@code classes:}; written order is match order. */
final class ClassesReader {
    private ClassesReader() {
    }

    static Map<String, DeviceClass> read(MapView root, Problems problems) {
        Map<String, DeviceClass> out = new LinkedHashMap<>();
        Optional<MapView> cv = root.map("classes");
        if (cv.isEmpty()) {
            return out;
        }
        MapView classes = cv.get();
        for (String name : classes.keys()) {
            if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
                problems.add(classes.keyAt(name), classes.keyPath(name),
                        "a class name is 1 to 64 letters, digits, '.', '-', '_'");
                continue;
            }
            classes.map(name).ifPresent(c -> {
                c.allowOnly("match", "vars");
                Set<Model> models = new HashSet<>();
                List<Integer> ouis = new ArrayList<>();
                c.map("match").ifPresent(match -> {
                    match.allowOnly("models", "oui");
                    for (String m : match.strings("models")) {
                        Model.parse(m).ifPresentOrElse(models::add, () -> problems.add(match.at("models"),
                                match.keyPath("models"), "unknown model '" + m + "'; known: ST2030S, ST2030M, ST2022S, ST2022M"));
                    }
                    for (String o : match.strings("oui")) {
                        parseOui(o).ifPresentOrElse(ouis::add, () -> problems.add(match.at("oui"), match.keyPath("oui"),
                                "'" + o + "' is not an OUI (three bytes, like 00:14:7F or 00147F)"));
                    }
                });
                out.put(name, new DeviceClass(name, models, ouis, c.stringMap("vars")));
            });
        }
        return out;
    }

    static Optional<Integer> parseOui(String s) {
        String hex = s.trim().replace(":", "").replace("-", "");
        if (!hex.matches("[0-9A-Fa-f]{6}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(hex, 16));
    }
}
