package org.phoneprov.sipd.message;

import java.util.Optional;

/**
 * Inputs jain-sip-ri 1.3.0-91 must never see. Its comment scanner (a Via {@code (comment)}
 * whose last character is a backslash escape) never finds the end and appends until the
 * heap is gone: one 59-byte datagram would stop the whole suite (found by fuzzing,
 * fuzz/findings/sip). No SIP header ends in an escape character, so a line that does is
 * refused before parsing.
 */
public final class JainSipGuard {
    private JainSipGuard() {
    }

    /** Why the message must not be parsed, or empty when it is safe to hand to jain-sip. */
    public static Optional<String> refuse(byte[] message) {
        int lineStart = 0;
        for (int i = 0; i <= message.length; i++) {
            if (i == message.length || message[i] == '\n') {
                if (endsInEscape(message, lineStart, i)) {
                    return Optional.of("a header line ends in a backslash escape");
                }
                lineStart = i + 1;
            }
        }
        return Optional.empty();
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
