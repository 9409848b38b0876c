package org.phoneprov.sipd.message;

/** Client text made safe for a log line: printable ASCII, no quotes, bounded length. */
public final class Printable {
    private Printable() {
    }

    public static String of(String s, int max) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F && c != '"' ? c : '?');
        }
        return b.toString();
    }
}
