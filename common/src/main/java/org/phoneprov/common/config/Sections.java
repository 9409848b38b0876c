package org.phoneprov.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every daemon section of a config, read, in the order of the readers that read them
 * (the order daemons start in). A config always holds every section its readers know:
 * an absent section is read as its defaults.
 */
public final class Sections {
    /**
     * The sections whose readers live in common, in start order: what {@link ConfigLoader#load(java.nio.file.Path)}
     * reads, for a daemon module's own tests. A run reads the sections of the CLI's daemon registry, which
     * may add sections read by readers in daemon modules.
     */
    public static final List<SectionReader<?>> COMMON = List.of(
            DhcpdReader.SECTION,
            TftpdReader.SECTION,
            HttpdReader.SECTION,
            SipdReader.SECTION);

    private final Map<String, Section<?>> byName;

    public Sections(List<Section<?>> sections) {
        Map<String, Section<?>> m = new LinkedHashMap<>();
        for (Section<?> s : sections) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalArgumentException("two sections named " + s.name());
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The section {@code reader} read; its settings are of the reader's type. */
    @SuppressWarnings("unchecked")
    public <S> Section<S> get(SectionReader<S> reader) {
        Section<?> s = byName.get(reader.name());
        if (s == null) {
            throw new IllegalArgumentException("no section " + reader.name() + " in this config (known: "
                    + byName.keySet() + ")");
        }
        return (Section<S>) s;
    }

    public List<Section<?>> all() {
        return List.copyOf(byName.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sections s && s.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return byName.values().toString();
    }
}
