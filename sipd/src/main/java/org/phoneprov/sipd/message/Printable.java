package org.phoneprov.sipd.message;

import java.net.InetSocketAddress;

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

    /** An address as log lines write it: {@code 192.168.10.67:5060}, {@code -} for none. */
    public static String address(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }
}
