package org.phoneprov.common.crypto;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code phoneprov encrypt|decrypt KEY IN OUT}, the vendor's
 * {@code aes_cbc_128 <key> <source file or directory> <destination file or directory>}
 * (APS seed 6) as plain Java: a file to a file, or a directory to a directory with every
 * regular file at the same relative path, its extension replaced ({@code .txt} →
 * {@code .ser}, and back).
 *
 * <p>All or nothing: every input is read and transformed before anything is written, so a
 * bad key, a file that is not a {@code .ser} or a wrong key leaves OUT as it was. Each file
 * is written to a temporary file beside its target and moved into place; a new OUT
 * directory is built aside and moved in whole. Nothing here ever names the key.
 */
public final class SerTool {
    /** Which way, and the extension the outputs get. */
    public enum Direction {
        ENCRYPT(SerCipher.EXTENSION, "encrypted"), DECRYPT(".txt", "decrypted");

        private final String extension;
        private final String verb;

        Direction(String extension, String verb) {
            this.extension = extension;
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    /** One file done: from, to, and the sizes. */
    public record Done(Path from, Path to, long fromBytes, long toBytes) {
    }

    /** The files done, and what a directory held that is not a regular file (symbolic links are not followed). */
    public record Result(List<Done> done, List<Path> skipped) {
    }

    /** Why nothing was written: one line for the admin, and the exit code (1 bad input, 2 usage). */
    public static final class Refused extends Exception {
        private final int exitCode;

        public Refused(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private record Planned(Path from, Path relativeTo, byte[] bytes, long fromBytes) {
    }

    private SerTool() {
    }

    public static Result run(Direction d, String key, Path in, Path out) throws Refused {
        SerCipher cipher;
        try {
            cipher = SerCipher.forKey(key);
        } catch (IllegalArgumentException e) {
            throw new Refused("KEY: " + e.getMessage(), 1);
        }
        if (Files.isDirectory(in)) {
            return directory(d, cipher, in, out);
        }
        if (!Files.isRegularFile(in)) {
            throw new Refused(in + ": " + (Files.exists(in) ? "not a regular file or directory" : "no such file or directory"), 1);
        }
        Path target = Files.isDirectory(out) ? out.resolve(renamed(in.getFileName().toString(), d)) : out;
        if (same(in, target)) {
            throw new Refused("OUT is IN: write to another file, the input stays as it is", 2);
        }
        if (Files.isDirectory(target)) {
            throw new Refused(target + " is a directory: name the file to write", 2);
        }
        Planned p = transform(d, cipher, in, target.getFileName());
        try {
            writeAtomically(target, p.bytes());
        } catch (IOException e) {
            throw new Refused(target + ": cannot write: " + e.getMessage(), 1);
        }
        return new Result(List.of(new Done(in, target, p.fromBytes(), p.bytes().length)), List.of());
    }

    private static Result directory(Direction d, SerCipher cipher, Path in, Path out) throws Refused {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Refused("IN is a directory, so OUT must be a directory, not a file: " + out, 2);
        }
        if (overlap(in, out)) {
            throw new Refused("OUT must be outside IN and IN outside OUT: " + in + ", " + out, 2);
        }
        List<Path> files = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        Path root;
        try {
            root = in.toRealPath();
        } catch (IOException e) {
            throw new Refused(in + ": " + e.getMessage(), 1);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    skipped.add(in.resolve(root.relativize(p)));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new Refused(in + ": cannot list: " + e.getMessage(), 1);
        }
        List<Planned> plan = new ArrayList<>();
        Map<Path, Path> claimed = new HashMap<>();
        for (Path real : files) {
            Path rel = root.relativize(real);
            Path f = in.resolve(rel);
            Path relOut = rel.resolveSibling(renamed(rel.getFileName().toString(), d));
            Path earlier = claimed.putIfAbsent(relOut, f);
            if (earlier != null) {
                throw new Refused(earlier + " and " + f + " would both become " + out.resolve(relOut)
                        + ": rename one", 1);
            }
            plan.add(transform(d, cipher, f, relOut));
        }
        try {
            write(plan, out);
        } catch (IOException e) {
            throw new Refused(out + ": cannot write: " + e.getMessage(), 1);
        }
        return new Result(plan.stream().map(p -> new Done(p.from(), out.resolve(p.relativeTo()), p.fromBytes(),
                p.bytes().length)).toList(), skipped);
    }

    private static Planned transform(Direction d, SerCipher cipher, Path from, Path relativeTo) throws Refused {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(from);
        } catch (IOException e) {
            throw new Refused(from + ": cannot read: " + e.getMessage(), 1);
        }
        if (d == Direction.ENCRYPT) {
            return new Planned(from, relativeTo, cipher.encrypt(bytes), bytes.length);
        }
        byte[] plain;
        try {
            plain = cipher.decrypt(bytes);
        } catch (SerCipher.BadSerFileException e) {
            throw new Refused(from + ": " + e.getMessage(), 1);
        }
        // The padding lets about one wrong key in 256 through; what comes out then is noise,
        // never the text of a config.
        if (!looksLikeText(plain)) {
            throw new Refused(from + ": cannot decrypt: wrong key (what comes out is not text), or not a .ser file", 1);
        }
        return new Planned(from, relativeTo, plain, bytes.length);
    }

    /**
     * A config is text: no control characters but tab, the line breaks, form feed and
     * Ctrl-Z (the end mark of some Windows editors). Random bytes pass this with odds
     * of about (230/256)^n, nothing for a config of a few hundred bytes.
     */
    static boolean looksLikeText(byte[] b) {
        for (byte x : b) {
            int c = x & 0xFF;
            boolean allowed = c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x1A;
            if ((c < 0x20 && !allowed) || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** {@code ComConf_test.txt} → {@code ComConf_test.ser}: the last extension replaced, or added when there is none. */
    public static String renamed(String name, Direction d) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + d.extension;
    }

    /** A new OUT is built aside and moved in whole; into an existing OUT each file is moved in. */
    private static void write(List<Planned> plan, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".");
        try {
            for (Planned p : plan) {
                Path t = staging.resolve(p.relativeTo());
                Files.createDirectories(t.getParent());
                Files.write(t, p.bytes());
            }
            if (!Files.exists(out)) {
                try {
                    Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
                    return;
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    // Someone made OUT meanwhile: fall through and move the files in one by one.
                }
            }
            for (Planned p : plan) {
                Path t = out.resolve(p.relativeTo());
                Files.createDirectories(t.getParent());
                Files.move(staging.resolve(p.relativeTo()), t, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteTree(staging);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean overlap(Path in, Path out) throws Refused {
        try {
            Path a = in.toRealPath();
            Path b = real(out.toAbsolutePath().normalize());
            return a.startsWith(b) || b.startsWith(a);
        } catch (IOException e) {
            throw new Refused(in + ": " + e.getMessage(), 1);
        }
    }

    /** The real path of the longest part of {@code p} that exists, with the rest appended. */
    private static Path real(Path p) throws IOException {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? p : existing.toRealPath().resolve(existing.relativize(p));
    }
}
