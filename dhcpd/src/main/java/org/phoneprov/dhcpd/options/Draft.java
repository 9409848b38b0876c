package org.phoneprov.dhcpd.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** One reply's options while they are assembled; belongs to one call of {@link OptionAssembler#assemble}. */
final class Draft {
    final LinkedHashMap<Integer, byte[]> options = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    int nextServer;
    Optional<String> file = Optional.empty();
    Optional<String> sname = Optional.empty();

    /** Sets an option to a private copy of {@code value} (callers may hand shared arrays). */
    void put(int code, byte[] value) {
        options.put(code, value.clone());
    }

    void note(String text) {
        notes.add(text);
    }
}
