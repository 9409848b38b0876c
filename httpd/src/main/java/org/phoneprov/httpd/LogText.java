package org.phoneprov.httpd;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Client-supplied text made safe for one log line: quoted, escaped, bounded. */
public final class LogText {
    static final int MAX = 200;

    private LogText() {
    }

    /** {@code "..."} with quotes, backslashes and non-printable characters escaped. */
    public static String quote(String s) {
        if (s == null) {
            return "\"\"";
        }
        int n = Math.min(s.length(), MAX);
        StringBuilder b = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > n) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    /** A cause's message without the native-call prefix: "bind(..) failed: X" becomes "X". */
    static String reason(Throwable t) {
        if (t == null) {
            return "";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceFirst("^\\w+\\(.*?\\) failed: ", "");
    }

    /** {@code 1.2.3.4:5555}, {@code [::1]:5555}, or {@code -} when unknown. */
    static String address(SocketAddress a) {
        if (!(a instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return "-";
        }
        String host = inet.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
