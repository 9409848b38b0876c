package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestPathTest {

    /** Request-targets as they appear on the request line. */
    static List<String> hostile() {
        return List.of(
                "/../etc/passwd",
                "/..%2fetc/passwd",
                "/..%2Fetc%2Fpasswd",
                "/%2e%2e/etc/passwd",
                "/%2E%2E/etc/passwd",
                "/%2e%2e%2fetc%2fpasswd",
                "/.%2e/etc/passwd",
                "/%2e./etc/passwd",
                "/%252e%252e/etc/passwd",
                "/%252e%252e%252fetc%252fpasswd",
                "/..\\etc\\passwd",
                "/..%5cetc%5cpasswd",
                "/%5c..%5c..%5cwindows",
                "/C:\\windows\\win.ini",
                "/c:/windows/win.ini",
                "/C:%5cboot.ini",
                "/d:x",
                "//etc/passwd",
                "///etc//passwd",
                "/etc/passwd%00.txt",
                "/%00",
                "/config.txt%00../../",
                "/%c0%ae%c0%ae/etc/passwd",
                "/%c0%af",
                "/%e0%80%ae%e0%80%ae/",
                "/%c1%9c",
                "/%ed%a0%80",
                "/a/b/../../../etc",
                "/a/./../x",
                "/./../x",
                "/...//...//etc",
                "/%2e%2e%5c%2e%2e%5cetc",
                "http://evil/../etc/passwd",
                "HTTP://host/%2e%2e/x",
                "https://host:443//etc/passwd?q",
                "/foo/..",
                "/foo/%2E%2e",
                "/%ef%bc%8e%ef%bc%8e/etc",
                "/x%0d%0aSet-Cookie:a",
                "/%7f",
                "/%c2%85",
                "/..;/etc",
                "/%%32%65%%32%65/",
                "/%2",
                "/%u002e%u002e/",
                "../etc/passwd",
                "/?../../etc",
                "/ok#/../../etc",
                "/\u00c0\u00ae\u00c0\u00ae/etc");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTargetsAreRefusedOrStayInsideTheRoot(String target) {
        RequestPath.Result r = RequestPath.parse(target);
        if (r instanceof RequestPath.Name n) {
            assertSafe(target, n.name());
        }
    }

    static void assertSafe(String target, String name) {
        assertTrue(name.startsWith("/"), target + " -> " + name);
        assertFalse(name.contains("//"), target + " -> " + name);
        assertFalse(name.contains("\\"), target + " -> " + name);
        for (String segment : name.substring(1).split("/", -1)) {
            assertFalse(segment.equals(".."), target + " -> " + name);
            assertFalse(segment.equals("."), target + " -> " + name);
            assertFalse(segment.length() >= 2 && segment.charAt(1) == ':', target + " -> " + name);
            for (char c : segment.toCharArray()) {
                assertFalse(c < 0x20 || c == 0x7f, target + " -> " + name);
            }
        }
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(hostile().size() >= 30);
    }

    @Test
    void traversalIsRefused() {
        assertRefused("/../etc/passwd", PathProblem.TRAVERSAL);
        assertRefused("/..%2fetc/passwd", PathProblem.TRAVERSAL);
        assertRefused("/%2e%2e/etc/passwd", PathProblem.TRAVERSAL);
        assertRefused("/.%2E/x", PathProblem.TRAVERSAL);
        assertRefused("/a/b/../../../etc", PathProblem.TRAVERSAL);
        assertRefused("/foo/..", PathProblem.TRAVERSAL);
        assertRefused("http://evil/../etc/passwd", PathProblem.TRAVERSAL);
    }

    @Test
    void decodesExactlyOnce() {
        assertName("/%252e%252e/etc/passwd", "/%2e%2e/etc/passwd");
        assertName("/%2541", "/%41");
    }

    @Test
    void otherProblems() {
        assertRefused("/..\\etc", PathProblem.BACKSLASH);
        assertRefused("/..%5cetc", PathProblem.BACKSLASH);
        assertRefused("/c:/windows/win.ini", PathProblem.DRIVE);
        assertRefused("/C:%5cboot.ini", PathProblem.BACKSLASH);
        assertRefused("/etc/passwd%00.txt", PathProblem.CONTROL);
        assertRefused("/x%0d%0aSet-Cookie:a", PathProblem.CONTROL);
        assertRefused("/%c2%85", PathProblem.CONTROL);
        assertRefused("/%c0%ae%c0%ae/etc/passwd", PathProblem.BAD_UTF8);
        assertRefused("/%ed%a0%80", PathProblem.BAD_UTF8);
        assertRefused("/\u00c0\u00ae", PathProblem.BAD_UTF8);
    }

    @Test
    void malformedEscapesAndTargetsAreBadRequests() {
        assertRefused("/a%zz", PathProblem.BAD_ESCAPE);
        assertRefused("/a%", PathProblem.BAD_ESCAPE);
        assertRefused("/a%2", PathProblem.BAD_ESCAPE);
        assertRefused("/%u002e", PathProblem.BAD_ESCAPE);
        assertRefused("../etc/passwd", PathProblem.BAD_TARGET);
        assertRefused("*", PathProblem.BAD_TARGET);
        assertRefused("", PathProblem.BAD_TARGET);
        assertEquals(400, PathProblem.BAD_ESCAPE.status());
        assertEquals(404, PathProblem.TRAVERSAL.status());
    }

    @Test
    void ordinaryNames() {
        assertName("/ST2030S_000E50112233.txt", "/ST2030S_000E50112233.txt");
        assertName("/ST2030S_common.txt?x=1", "/ST2030S_common.txt");
        assertName("/a%20b+c", "/a b+c");
        assertName("/caf%C3%A9", "/caf\u00e9");
        assertName("/caf\u00c3\u00a9", "/caf\u00e9"); // raw UTF-8 octets on the request line
        assertName("//etc/passwd", "/etc/passwd");
        assertName("/./a//b/", "/a/b");
        assertName("/", "/");
        assertName("/?q", "/");
        assertName("http://10.0.0.1:8080/x/y.inf", "/x/y.inf");
        assertName("http://10.0.0.1", "/");
        assertName("/..;/etc", "/..;/etc");
        assertName("/...", "/...");
    }

    @Test
    void plainNamesAreNotCopied() {
        String target = "/firmware/ST2030S_v2.0.zz";
        RequestPath.Name n = (RequestPath.Name) RequestPath.parse(target);
        assertTrue(n.name() == target);
    }

    private static void assertRefused(String target, PathProblem expected) {
        RequestPath.Result r = RequestPath.parse(target);
        if (!(r instanceof RequestPath.Refused refused)) {
            fail(target + " was accepted as " + r);
            return;
        }
        assertEquals(expected, refused.problem(), target);
    }

    private static void assertName(String target, String expected) {
        assertEquals(new RequestPath.Name(expected), RequestPath.parse(target), target);
    }
}
