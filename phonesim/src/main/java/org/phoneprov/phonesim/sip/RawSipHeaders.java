package org.phoneprov.phonesim.sip;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Header values straight from a datagram's text. jain-sip silently leaves out headers it
 * cannot parse and re-encodes the rest; the Event parameters and the Digest response
 * must be read as the sender wrote them.
 */
final class RawSipHeaders {
    private RawSipHeaders() {
    }

    /**
     * The first header named {@code name} (or its compact form, e.g. {@code o} for Event;
     * null when there is none), continuation lines joined (RFC 3261 7.3.1).
     */
    static Optional<String> value(byte[] message, String name, String compact) {
        String[] lines = text(message).split("\r?\n", -1);
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || Character.isWhitespace(lines[i].charAt(0))) {
                continue;
            }
            String n = lines[i].substring(0, colon).trim();
            if (n.equalsIgnoreCase(name) || (compact != null && n.equalsIgnoreCase(compact))) {
                StringBuilder v = new StringBuilder(lines[i].substring(colon + 1).trim());
                while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                        && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                    v.append(' ').append(lines[++i].trim());
                }
                return Optional.of(v.toString());
            }
        }
        return Optional.empty();
    }

    /** The Request-URI as written on the request line: what a Digest {@code uri} must equal. */
    static Optional<String> requestUri(byte[] message) {
        String first = text(message).split("\r?\n", 2)[0].trim();
        String[] parts = first.split(" +");
        return parts.length == 3 ? Optional.of(parts[1]) : Optional.empty();
    }

    private static String text(byte[] message) {
        int start = 0;
        while (start < message.length && (message[start] == '\r' || message[start] == '\n')) {
            start++; // RFC 3261 7.5: CRLFs before the start line are ignored
        }
        return new String(message, start, message.length - start, StandardCharsets.ISO_8859_1);
    }
}
