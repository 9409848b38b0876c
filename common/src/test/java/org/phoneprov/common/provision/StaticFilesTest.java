package org.phoneprov.common.provision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Names that must never reach a file outside the files root, whatever the transport passes in. */
class StaticFilesTest {
    @TempDir
    Path dir;
    Path root;
    StaticFiles files;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.resolve("files");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("ok.txt"), "ok");
        Files.writeString(root.resolve("sub/inner.txt"), "inner");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve(".hidden"), "hidden");
        Files.createSymbolicLink(root.resolve("escape"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escapedir"), dir);
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("ok.txt"));
        files = new StaticFiles(root);
    }

    static Stream<String> traversals() {
        return Stream.of("../secret.txt", "/../secret.txt", "//../secret.txt", "sub/../../secret.txt",
                "sub/../sub/../../secret.txt", "..", "../", "./../secret.txt", "sub/./../../secret.txt",
                "..\\secret.txt", "sub\\..\\..\\secret.txt", "C:\\secret.txt", "c:/secret.txt", "C:secret.txt",
                "\\\\server\\share\\secret.txt", "escape", "escapedir/secret.txt", "escapedir/files/ok.txt",
                "sub/\u0000../../secret.txt", "ok.txt\u0000.inf", "..\u0000/secret.txt", "\n../secret.txt",
                ".hidden", "sub/../.hidden", "../files/../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt",
                "%252e%252e/secret.txt", "..;/secret.txt", "..%c0%afsecret.txt", "/etc/passwd", "//etc/passwd",
                "sub/../../../../../../etc/passwd", "\u2025/secret.txt", "file:../secret.txt");
    }

    @ParameterizedTest
    @MethodSource("traversals")
    void neverLeavesTheRoot(String name) throws Exception {
        Lookup l = files.lookup(name);
        if (l instanceof Lookup.Found f) {
            ServedFile.Static s = (ServedFile.Static) f.file();
            assertTrue(s.path().toRealPath().startsWith(root.toRealPath()), name + " -> " + s.path());
            assertFalse(Files.readString(s.path()).equals("secret"), name);
        }
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(traversals().count() >= 30);
    }

    @Test
    void ordinaryNamesAndSymlinksInsideWork() {
        assertInstanceOf(Lookup.Found.class, files.lookup("/ok.txt"));
        assertInstanceOf(Lookup.Found.class, files.lookup("sub/inner.txt"));
        assertInstanceOf(Lookup.Found.class, files.lookup("sub/./inner.txt"), "a . segment is harmless");
        assertInstanceOf(Lookup.Found.class, files.lookup("inside"));
        assertInstanceOf(Lookup.NotFound.class, files.lookup("missing.txt"));
        assertInstanceOf(Lookup.NotFound.class, files.lookup("sub"), "a folder is not a file");
    }

    @Test
    void caseInsensitiveLookupFindsFilesButNeverLeavesTheRoot() throws Exception {
        assertInstanceOf(Lookup.Found.class, files.lookupIgnoringCase("SUB/Inner.TXT"));
        assertInstanceOf(Lookup.Found.class, files.lookupIgnoringCase("OK.txt"));
        assertInstanceOf(Lookup.NotFound.class, files.lookupIgnoringCase("sub/missing.txt"));
        for (String attack : traversals().toList()) {
            Lookup l = files.lookupIgnoringCase(attack);
            if (l instanceof Lookup.Found f) {
                assertTrue(((ServedFile.Static) f.file()).path().toRealPath().startsWith(root.toRealPath()), attack);
            }
        }
    }
}
