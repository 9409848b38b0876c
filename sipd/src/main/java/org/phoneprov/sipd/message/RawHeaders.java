package org.phoneprov.sipd.message;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a header's value straight from the message text, for a header jain-sip could not
 * parse and left out. Folded lines are joined (RFC 3261 7.3.1); only the head is read.
 */
final class RawHeaders {
    private RawHeaders() {
    }

    /** The first header named {@code name} or its compact form {@code compact} (case-insensitive). */
    static Optional<String> value(byte[] message, String name, String compact) {
        String text = new String(message, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            String n = line.substring(0, colon).trim();
            if (!n.equalsIgnoreCase(name) && !n.equalsIgnoreCase(compact)) {
                continue;
            }
            StringBuilder v = new StringBuilder(line.substring(colon + 1).trim());
            while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                    && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                v.append(' ').append(lines[++i].trim());
            }
            // A stray CR or other control character must not reach a header we copy into a reply.
            return Optional.of(v.toString().replaceAll("\\p{Cntrl}", " ").trim());
        }
        return Optional.empty();
    }
}
