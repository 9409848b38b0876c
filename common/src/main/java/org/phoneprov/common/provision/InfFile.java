package org.phoneprov.common.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads INF and config files the way the phone does: {@code [section]} headers and
 * {@code key=value} lines (seed 2.4.3); blank lines and {@code #} comments are skipped,
 * a key may repeat ({@code deckfile=}, seed 2.4.4). Used by the simulator and by
 * tests that check what the suite writes.
 */
public final class InfFile {
    public record Entry(String section, String key, String value, int line) {
    }

    private final List<Entry> entries;
    private final List<String> errors;

    private InfFile(List<Entry> entries, List<String> errors) {
        this.entries = List.copyOf(entries);
        this.errors = List.copyOf(errors);
    }

    public static InfFile parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String section = "";
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[")) {
                if (!l.endsWith("]") || l.length() < 3) {
                    errors.add("line " + (i + 1) + ": malformed section header: " + l);
                    continue;
                }
                section = l.substring(1, l.length() - 1).strip();
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                errors.add("line " + (i + 1) + ": expected key=value: " + l);
                continue;
            }
            entries.add(new Entry(section, l.substring(0, eq).strip(), l.substring(eq + 1).strip(), i + 1));
        }
        return new InfFile(entries, errors);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Lines that are neither a section, a key=value, a comment nor blank. */
    public List<String> errors() {
        return errors;
    }

    public Optional<String> first(String key) {
        return entries.stream().filter(e -> e.key().equalsIgnoreCase(key)).map(Entry::value).findFirst();
    }

    public List<String> all(String key) {
        return entries.stream().filter(e -> e.key().equalsIgnoreCase(key)).map(Entry::value).toList();
    }

    /** Section name → its keys in order. */
    public Map<String, List<String>> sections() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            out.computeIfAbsent(e.section(), k -> new ArrayList<>()).add(e.key());
        }
        return out;
    }
}
