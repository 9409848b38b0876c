package org.phoneprov.sipd.message;

import java.util.Optional;

/**
 * Inputs jain-sip-ri 1.3.0-91 must never see. Its Via parser's comment scanner, given a
 * backslash escape inside a {@code (comment)} that the header does not close, steps past
 * the end and appends until the heap is gone: one 48-byte datagram would stop the whole
 * suite (found by fuzzing, fuzz/findings/sip). A phone's Via has no business with
 * backslashes, so a Via (or compact {@code v:}) field holding one is refused before
 * parsing, and so is any line ending in an unfinished escape.
 */
public final class JainSipGuard {
    private JainSipGuard() {
    }

    /** Why the message must not be parsed, or empty when it is safe to hand to jain-sip. */
    public static Optional<String> refuse(byte[] message) {
        int lineStart = 0;
        boolean inVia = false;
        for (int i = 0; i <= message.length; i++) {
            if (i == message.length || message[i] == '\n') {
                boolean continuation = lineStart < i && (message[lineStart] == ' ' || message[lineStart] == '\t');
                inVia = continuation ? inVia : isVia(message, lineStart, i);
                if (inVia && contains(message, lineStart, i, (byte) '\\')) {
                    return Optional.of("a Via header holds a backslash");
                }
                if (endsInEscape(message, lineStart, i)) {
                    return Optional.of("a header line ends in a backslash escape");
                }
                lineStart = i + 1;
            }
        }
        return Optional.empty();
    }

    /** {@code Via:} or {@code v:}, any case, blanks allowed before the colon (RFC 3261 7.3.1). */
    private static boolean isVia(byte[] m, int start, int end) {
        int i = start;
        while (i < end && m[i] != ':' && m[i] != ' ' && m[i] != '\t') {
            i++;
        }
        String name = new String(m, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        while (i < end && (m[i] == ' ' || m[i] == '\t')) {
            i++;
        }
        return i < end && m[i] == ':' && (name.equalsIgnoreCase("via") || name.equalsIgnoreCase("v"));
    }

    private static boolean contains(byte[] m, int start, int end, byte b) {
        for (int i = start; i < end; i++) {
            if (m[i] == b) {
                return true;
            }
        }
        return false;
    }

    /** An odd run of backslashes before the line end (CR, spaces and tabs skipped): an unfinished escape. */
    private static boolean endsInEscape(byte[] m, int start, int end) {
        int i = end - 1;
        while (i >= start && (m[i] == '\r' || m[i] == ' ' || m[i] == '\t')) {
            i--;
        }
        int backslashes = 0;
        while (i >= start && m[i] == '\\') {
            backslashes++;
            i--;
        }
        return backslashes % 2 == 1;
    }
}
