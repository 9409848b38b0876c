package org.phoneprov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.crypto.SerCipher;
import picocli.CommandLine;

/** {@code phoneprov encrypt|decrypt}: round trips, and every bad input writes nothing. */
class EncryptCommandTest {
    static final String KEY = "1234567890123456"; // the key of the seed's example (section 6)
    static final String OTHER = "6543210987654321";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(Callable<Integer> command, String stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)));
            int code = new CommandLine(command).execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    static Run encrypt(String... args) {
        return run(new EncryptCommand(), "", args);
    }

    static Run decrypt(String... args) {
        return run(new DecryptCommand(), "", args);
    }

    /** Every file below {@code root} by relative path, with its bytes. */
    static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    static void assertSameTree(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }

    private Path configs() throws IOException {
        Path in = dir.resolve("configs");
        Files.createDirectories(in.resolve("site/a"));
        Files.writeString(in.resolve("ComConf2030SG.R11.1.090213.2.67.1_test.txt"), "[autoprovision]\r\nDecryption_Key="
                + SerCipher.DEFAULT_KEY + "\r\n");
        Files.writeString(in.resolve("site/ST2030S_00147F00DFE4.txt"), "[sys]\nconfig_sn=1\n[sip]\nregpwd1=é s3cret\n");
        Files.writeString(in.resolve("site/a/empty.txt"), "");
        Files.writeString(in.resolve("site/a/exactly16bytes!.txt"), "0123456789abcdef");
        return in;
    }

    /** A line on stderr that says what is wrong and never shows a key. */
    static void assertOneLineError(Run r, int code, String says) {
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(says), r.err());
        assertFalse(r.err().contains(KEY) || r.err().contains(OTHER), "no key in messages: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void aFileRoundTripsByteForByte() throws Exception {
        Path in = configs().resolve("site/ST2030S_00147F00DFE4.txt");
        Path ser = dir.resolve("out/ST2030S_00147F00DFE4.ser");
        Run e = encrypt(KEY, in.toString(), ser.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals("encrypted " + in + " -> " + ser + " (" + Files.size(in) + " -> " + Files.size(ser) + " bytes)\n",
                e.out());
        byte[] plain = Files.readAllBytes(in);
        assertEquals((plain.length / 16 + 1) * 16, Files.size(ser), "padded AES blocks only, like the seed's 16114 -> 16128");
        assertArrayEquals(plain, SerCipher.forKey(KEY).decrypt(Files.readAllBytes(ser)));
        Path back = dir.resolve("back.txt");
        Run d = decrypt(KEY, ser.toString(), back.toString());
        assertEquals(0, d.code(), d.err());
        assertArrayEquals(plain, Files.readAllBytes(back));
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(ser), s.toList(), "no temporary files left");
        }
    }

    @Test
    void aFileIntoAnExistingDirectoryTakesItsNameWithTheNewExtension() throws Exception {
        Path in = configs().resolve("ComConf2030SG.R11.1.090213.2.67.1_test.txt");
        Files.createDirectories(dir.resolve("served"));
        assertEquals(0, encrypt(KEY, in.toString(), dir.resolve("served").toString()).code());
        assertTrue(Files.isRegularFile(dir.resolve("served/ComConf2030SG.R11.1.090213.2.67.1_test.ser")),
                "as the seed's listing: the .txt becomes a .ser of the same name");
    }

    @Test
    void aDirectoryRoundTripsEveryFileAtItsPlace() throws Exception {
        Path in = configs();
        Map<String, byte[]> before = tree(in);
        Path ser = dir.resolve("ser");
        Run e = encrypt(KEY, in.toString(), ser.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(4, e.out().lines().filter(l -> l.startsWith("encrypted ")).count(), e.out());
        assertEquals(List.of("ComConf2030SG.R11.1.090213.2.67.1_test.ser", "site/ST2030S_00147F00DFE4.ser",
                "site/a/empty.ser", "site/a/exactly16bytes!.ser"), List.copyOf(tree(ser).keySet()));
        assertEquals(32, tree(ser).get("site/a/exactly16bytes!.ser").length, "a whole block of padding");
        Path back = dir.resolve("back");
        Run d = decrypt(KEY, ser.toString(), back.toString());
        assertEquals(0, d.code(), d.err());
        assertSameTree(before, tree(back));
        assertSameTree(before, tree(in));
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no staging folders left");
        }
    }

    @Test
    void theKeyCanComeFromStdin() throws Exception {
        Path in = configs().resolve("site/ST2030S_00147F00DFE4.txt");
        Path ser = dir.resolve("x.ser");
        Run r = run(new EncryptCommand(), KEY + "\n", "-", in.toString(), ser.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(in), SerCipher.forKey(KEY).decrypt(Files.readAllBytes(ser)));
    }

    @Test
    void aBadKeyWritesNothing() throws Exception {
        Path in = configs();
        Map<String, byte[]> before = tree(in);
        for (String bad : List.of("short", "12345678901234567", "1234567 90123456", "123456789012345\u00e9")) {
            for (Callable<Integer> c : List.<Callable<Integer>>of(new EncryptCommand(), new DecryptCommand())) {
                for (Path source : List.of(in, in.resolve("site/ST2030S_00147F00DFE4.txt"))) {
                    Run r = run(c, "", bad, source.toString(), dir.resolve("out").toString());
                    assertOneLineError(r, 1, "KEY: a .ser key is exactly 16 printable ASCII characters");
                    assertFalse(r.err().contains(bad), "the key is not repeated: " + r.err());
                    assertFalse(Files.exists(dir.resolve("out")));
                }
            }
        }
        assertOneLineError(run(new EncryptCommand(), "", "-", in.toString(), dir.resolve("out").toString()), 1,
                "found 0 characters");
        assertSameTree(before, tree(in));
    }

    @Test
    void aMissingInputWritesNothing() {
        Run r = encrypt(KEY, dir.resolve("nope.txt").toString(), dir.resolve("out").toString());
        assertOneLineError(r, 1, "nope.txt: no such file or directory");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aFileThatIsNotASerOrAWrongKeyWritesNothing() throws Exception {
        Path in = configs();
        Path plain = in.resolve("site/ST2030S_00147F00DFE4.txt");
        Run notSer = decrypt(KEY, plain.toString(), dir.resolve("out.txt").toString());
        assertOneLineError(notSer, 1, "ST2030S_00147F00DFE4.txt: not a .ser file");
        Path ser = dir.resolve("ser");
        assertEquals(0, encrypt(KEY, in.toString(), ser.toString()).code());
        Map<String, byte[]> serBefore = tree(ser);
        Run wrongFile = decrypt(OTHER, ser.resolve("site/ST2030S_00147F00DFE4.ser").toString(),
                dir.resolve("out.txt").toString());
        assertOneLineError(wrongFile, 1, "cannot decrypt: wrong key");
        assertFalse(Files.exists(dir.resolve("out.txt")));
        Run wrongDir = decrypt(OTHER, ser.toString(), dir.resolve("out").toString());
        assertOneLineError(wrongDir, 1, "wrong key");
        assertFalse(Files.exists(dir.resolve("out")));
        // One bad file among good ones: the good ones are not written either.
        Files.writeString(ser.resolve("site/a/zz-not-encrypted.ser"), "[sys]\nconfig_sn=1\n");
        Run oneBad = decrypt(KEY, ser.toString(), dir.resolve("out").toString());
        assertOneLineError(oneBad, 1, "zz-not-encrypted.ser: not a .ser file");
        assertFalse(Files.exists(dir.resolve("out")));
        Files.delete(ser.resolve("site/a/zz-not-encrypted.ser"));
        assertSameTree(serBefore, tree(ser));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("configs", "ser"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging folder or temporary file left");
        }
    }

    @Test
    void anExistingOutputDirectoryIsUpdatedOnlyWhenEveryFileSucceeds() throws Exception {
        Path in = configs();
        Path ser = dir.resolve("ser");
        assertEquals(0, encrypt(KEY, in.toString(), ser.toString()).code());
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "kept");
        Map<String, byte[]> outBefore = tree(out);
        assertOneLineError(decrypt(OTHER, ser.toString(), out.toString()), 1, "wrong key");
        assertSameTree(outBefore, tree(out));
        assertEquals(0, decrypt(KEY, ser.toString(), out.toString()).code());
        Map<String, byte[]> expected = new TreeMap<>(tree(in));
        expected.put("keep.txt", "kept".getBytes(StandardCharsets.UTF_8));
        assertSameTree(expected, tree(out));
    }

    @Test
    void twoFilesThatWouldShareAnOutputNameWriteNothing() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("a.txt"), "one");
        Files.writeString(in.resolve("a.cfg"), "two");
        assertOneLineError(encrypt(KEY, in.toString(), dir.resolve("out").toString()), 1, "would both become");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void usageErrorsExitTwoAndWriteNothing() throws Exception {
        Path in = configs();
        Map<String, byte[]> before = tree(in);
        assertEquals(2, encrypt(KEY, in.toString()).code(), "OUT missing");
        assertEquals(2, decrypt().code());
        assertOneLineError(encrypt(KEY, in.toString(), in.resolve("site/out").toString()), 2, "outside");
        assertOneLineError(encrypt(KEY, in.resolve("site").toString(), in.toString()), 2, "outside");
        Path f = in.resolve("site/ST2030S_00147F00DFE4.txt");
        assertOneLineError(encrypt(KEY, f.toString(), f.toString()), 2, "OUT is IN");
        assertOneLineError(encrypt(KEY, in.toString(), f.toString()), 2, "OUT must be a directory");
        assertSameTree(before, tree(in));
    }
}
