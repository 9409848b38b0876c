package org.phoneprov.httpd.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.phoneprov.common.provision.Transport;
import org.phoneprov.testsupport.FilesRoot;

/**
 * Any request-target, as httpd's request handler treats it: {@code RequestPath.parse}
 * either refuses it (400 or 404) or returns a name that starts with "/", has no empty,
 * "." or ".." segment, no backslash, no drive letter, no NUL or other control character,
 * stays inside the root when resolved against it, and that %-encoding it again gives back
 * (decoded exactly once). The name is then looked up in a real snapshot over a files root
 * with traps around it: never the secret beside the root, never through a symlink out.
 *
 * <p>The target is tried twice: its bytes as ISO-8859-1 (how Netty's HTTP decoder hands
 * the request line over) and as UTF-8 (characters above U+00FF).
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/httpd/fuzz/HttpPathFuzzTestInputs/requestTarget/}.
 * Fuzzing: {@code fuzz/run.sh 10 http-path}.
 */
class HttpPathFuzzTest {
    /** RequestPath is package-private in org.phoneprov.httpd: reached by reflection from this package. */
    private static final Method PARSE;
    private static final Class<?> NAME;
    private static final Class<?> REFUSED;
    private static final Method NAME_VALUE;
    private static final Method REFUSED_PROBLEM;

    static {
        try {
            Class<?> requestPath = Class.forName("org.phoneprov.httpd.RequestPath");
            PARSE = requestPath.getDeclaredMethod("parse", String.class);
            PARSE.setAccessible(true);
            NAME = Class.forName("org.phoneprov.httpd.RequestPath$Name");
            NAME_VALUE = NAME.getDeclaredMethod("name");
            NAME_VALUE.setAccessible(true);
            REFUSED = Class.forName("org.phoneprov.httpd.RequestPath$Refused");
            REFUSED_PROBLEM = REFUSED.getDeclaredMethod("problem");
            REFUSED_PROBLEM.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void requestTarget(byte[] input) {
        FilesRoot files = FilesRoot.get();
        check(files, new String(input, StandardCharsets.ISO_8859_1));
        check(files, new String(input, StandardCharsets.UTF_8));
    }

    private static void check(FilesRoot files, String target) {
        Object result = parse(target);
        assertNotNull(result);
        if (REFUSED.isInstance(result)) {
            assertNotNull(invoke(REFUSED_PROBLEM, result), "a refusal names its problem");
            return;
        }
        assertTrue(NAME.isInstance(result), result.getClass().getName());
        String name = (String) invoke(NAME_VALUE, result);
        assertSafe(target, name);

        Path inside = files.root().resolve(name.substring(1)).normalize();
        assertTrue(inside.startsWith(files.root()), () -> FilesRoot.show(target) + " leaves the root: " + inside);

        Object again = parse(percentEncoded(name));
        assertTrue(NAME.isInstance(again), () -> FilesRoot.show(target) + ": the name, %-encoded, is refused");
        assertEquals(name, invoke(NAME_VALUE, again), () -> FilesRoot.show(target) + ": decoded more than once");

        files.check(files.snapshot().resolve(name, Transport.HTTP), target);
    }

    /** What a name handed to the resolver must look like (RequestPath.Name's contract). */
    private static void assertSafe(String target, String name) {
        String t = FilesRoot.show(target) + " -> " + FilesRoot.show(name);
        assertTrue(name.startsWith("/"), t);
        assertTrue(name.equals("/") || !name.endsWith("/"), t);
        assertFalse(name.contains("//"), t);
        assertFalse(name.indexOf('\\') >= 0, t);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f), t);
        }
        if (name.length() > 1) {
            for (String segment : name.substring(1).split("/", -1)) {
                assertFalse(segment.equals("..") || segment.equals("."), t);
                assertFalse(segment.length() >= 2 && segment.charAt(1) == ':'
                        && (segment.charAt(0) | 0x20) >= 'a' && (segment.charAt(0) | 0x20) <= 'z', t);
            }
        }
    }

    /** Every byte of the UTF-8 form as %XX, except '/' and ASCII letters and digits. */
    private static String percentEncoded(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c == '/' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static Object parse(String target) {
        return invoke(PARSE, null, target);
    }

    /** Reflection without its wrapping: what the method throws is thrown as is. */
    private static Object invoke(Method m, Object on, Object... args) {
        try {
            return m.invoke(on, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
