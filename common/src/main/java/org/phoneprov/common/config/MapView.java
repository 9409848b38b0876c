package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.config.yaml.Node;
import org.phoneprov.common.config.yaml.Node.ListNode;
import org.phoneprov.common.config.yaml.Node.MapNode;
import org.phoneprov.common.config.yaml.Node.ScalarNode;
import org.phoneprov.common.net.Addresses;

/**
 * Typed, strict reads from one YAML mapping. Each read that fails records a
 * {@link Problem} naming the full key path ({@code devices[2].lines[0].password}) and
 * returns a default, so the loader goes on and reports every error in one pass.
 */
public final class MapView {
    private final MapNode node;
    private final String path;
    private final Problems problems;

    public MapView(MapNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Views {@code n} as a mapping, or records that it is not one. */
    public static Optional<MapView> of(Node n, String path, Problems problems) {
        if (n instanceof MapNode m) {
            return Optional.of(new MapView(m, path, problems));
        }
        problems.add(n.at(), path, "expected a mapping (key: value lines), found " + n.kindName());
        return Optional.empty();
    }

    public Location at() {
        return node.at();
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        MapNode.Entry e = node.entries().get(key);
        return e != null && !(e.value() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL);
    }

    public Optional<Node> node(String key) {
        MapNode.Entry e = node.entries().get(key);
        if (e == null || (e.value() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.NULL)) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    /** Location of the value, or of the mapping when the key is absent. */
    public Location at(String key) {
        MapNode.Entry e = node.entries().get(key);
        return e == null ? node.at() : e.value().at();
    }

    public Location keyAt(String key) {
        MapNode.Entry e = node.entries().get(key);
        return e == null ? node.at() : e.keyAt();
    }

    /** Every key not in {@code allowed} is an error, with a suggestion when one is close. */
    public void allowOnly(Set<String> allowed) {
        for (Map.Entry<String, MapNode.Entry> e : node.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                String hint = closest(e.getKey(), allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                problems.add(e.getValue().keyAt(), keyPath(e.getKey()),
                        "unknown key" + hint + "; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    public void allowOnly(String... allowed) {
        allowOnly(Set.of(allowed));
    }

    public Set<String> keys() {
        return node.entries().keySet();
    }

    public Optional<String> string(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get() instanceof ScalarNode s && s.kind() != ScalarNode.Kind.BOOLEAN) {
            return Optional.of(s.text());
        }
        problems.add(n.get().at(), keyPath(key), "expected a string, found " + n.get().kindName());
        return Optional.empty();
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    public Optional<String> requiredString(String key) {
        if (!has(key)) {
            problems.add(node.at(), keyPath(key), "missing; this key is required");
            return Optional.empty();
        }
        Optional<String> s = string(key);
        if (s.isPresent() && s.get().isBlank()) {
            problems.add(at(key), keyPath(key), "must not be empty");
            return Optional.empty();
        }
        return s;
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return fallback;
        }
        if (n.get() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.INTEGER) {
            try {
                long v = Long.parseLong(s.text());
                if (v < min || v > max) {
                    problems.add(s.at(), keyPath(key), "must be between " + min + " and " + max + ", found " + v);
                    return fallback;
                }
                return (int) v;
            } catch (NumberFormatException e) {
                // falls through to the type error below
            }
        }
        problems.add(n.get().at(), keyPath(key), "expected an integer, found " + n.get().kindName()
                + describe(n.get()));
        return fallback;
    }

    public boolean bool(String key, boolean fallback) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return fallback;
        }
        if (n.get() instanceof ScalarNode s && s.kind() == ScalarNode.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
        }
        problems.add(n.get().at(), keyPath(key), "expected true or false, found " + n.get().kindName()
                + describe(n.get()));
        return fallback;
    }

    public Optional<InetAddress> address(String key) {
        return string(key).flatMap(text -> {
            Optional<InetAddress> a = Addresses.parseLiteral(text);
            if (a.isEmpty()) {
                problems.add(at(key), keyPath(key), "'" + text + "' is not an IP address literal");
            }
            return a;
        });
    }

    public Optional<MapView> map(String key) {
        return node(key).flatMap(n -> of(n, keyPath(key), problems));
    }

    /** The items of a list, each with its path ({@code key[i]}); a non-list is an error. */
    public List<Item> list(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof ListNode l) {
            List<Item> out = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                out.add(new Item(l.items().get(i), keyPath(key) + "[" + i + "]"));
            }
            return out;
        }
        problems.add(n.get().at(), keyPath(key), "expected a list, found " + n.get().kindName());
        return List.of();
    }

    /** A list of strings; a single string is taken as a list of one. */
    public List<String> strings(String key) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (n.get() instanceof ScalarNode) {
            return string(key).map(List::of).orElse(List.of());
        }
        List<String> out = new ArrayList<>();
        for (Item item : list(key)) {
            if (item.node() instanceof ScalarNode s && s.kind() != ScalarNode.Kind.BOOLEAN
                    && s.kind() != ScalarNode.Kind.NULL) {
                out.add(s.text());
            } else {
                problems.add(item.node().at(), item.path(), "expected a string, found " + item.node().kindName());
            }
        }
        return out;
    }

    /** A flat mapping of names to scalar values (template variables). */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        map(key).ifPresent(m -> {
            for (String k : m.keys()) {
                if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add(m.keyAt(k), m.keyPath(k),
                            "a variable name is letters, digits and '_', not starting with a digit");
                    continue;
                }
                m.string(k).ifPresent(v -> out.put(k, v));
            }
        });
        return out;
    }

    public record Item(Node node, String path) {
    }

    private static String describe(Node n) {
        return n instanceof ScalarNode s && !s.text().isEmpty() ? " ('" + s.text() + "')" : "";
    }

    static Optional<String> closest(String word, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
