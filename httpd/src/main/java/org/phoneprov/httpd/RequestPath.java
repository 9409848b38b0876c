package org.phoneprov.httpd;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a request-target into the name a {@code FileResolver} is asked for: the query and
 * fragment are dropped, %XX escapes are decoded exactly once (strictly, as UTF-8), and a
 * name that could escape the root is refused before the resolver sees it. Empty and "."
 * segments are dropped, so "//etc/passwd" becomes "/etc/passwd", relative to the root.
 */
final class RequestPath {

    /** What came of a request-target. */
    sealed interface Result permits Name, Refused {
    }

    /** A safe name: starts with '/', no empty, "." or ".." segments, no control characters. */
    record Name(String name) implements Result {
    }

    record Refused(PathProblem problem) implements Result {
    }

    private RequestPath() {
    }

    static Result parse(String target) {
        String path = stripAuthority(target);
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return new Refused(PathProblem.BAD_TARGET);
        }
        int end = endOfPath(path);
        String decoded;
        if (isPlain(path, end)) {
            decoded = end == path.length() ? path : path.substring(0, end);
        } else {
            Object d = decode(path, end);
            if (d instanceof PathProblem problem) {
                return new Refused(problem);
            }
            decoded = (String) d;
        }
        return check(decoded);
    }

    /** Absolute-form "http://host:port/p" (RFC 9112 3.2.2) keeps only "/p". */
    private static String stripAuthority(String target) {
        int scheme = target.regionMatches(true, 0, "http://", 0, 7) ? 7
                : target.regionMatches(true, 0, "https://", 0, 8) ? 8 : 0;
        if (scheme == 0) {
            return target;
        }
        int slash = target.indexOf('/', scheme);
        int query = target.indexOf('?', scheme);
        if (slash < 0 || (query >= 0 && query < slash)) {
            return "/";
        }
        return target.substring(slash);
    }

    private static int endOfPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return path.length();
    }

    /** Printable ASCII without '%' needs no decoding: the common case costs no copy. */
    private static boolean isPlain(String path, int end) {
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '%') {
                return false;
            }
        }
        return true;
    }

    /** Returns the decoded String or the PathProblem that stopped it. */
    private static Object decode(String path, int end) {
        byte[] bytes = new byte[end];
        int n = 0;
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                int hi = i + 2 < end ? Character.digit(path.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(path.charAt(i + 2), 16) : -1;
                if (lo < 0 || path.charAt(i + 1) > 0x7f || path.charAt(i + 2) > 0x7f) {
                    return PathProblem.BAD_ESCAPE;
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c > 0xff) {
                return PathProblem.BAD_UTF8;
            } else {
                bytes[n++] = (byte) c; // the codec hands raw octets over as ISO-8859-1 chars
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return PathProblem.BAD_UTF8;
        }
    }

    private static Result check(String name) {
        boolean normal = true;
        int segmentStart = 1;
        for (int i = 1; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '/';
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return new Refused(PathProblem.CONTROL);
            }
            if (c == '\\') {
                return new Refused(PathProblem.BACKSLASH);
            }
            if (c != '/') {
                continue;
            }
            int len = i - segmentStart;
            if (len == 2 && name.charAt(segmentStart) == '.' && name.charAt(segmentStart + 1) == '.') {
                return new Refused(PathProblem.TRAVERSAL);
            }
            if (len >= 2 && name.charAt(segmentStart + 1) == ':' && isAsciiLetter(name.charAt(segmentStart))) {
                return new Refused(PathProblem.DRIVE);
            }
            boolean last = i == name.length();
            if (len == 0 ? !last || name.length() > 1 : len == 1 && name.charAt(segmentStart) == '.') {
                normal = false;
            }
            segmentStart = i + 1;
        }
        return new Name(normal ? name : normalize(name));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Drops empty and "." segments; ".." was refused already. */
    private static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (String segment : name.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                out.append('/').append(segment);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
