package org.phoneprov.common.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The static catalog below the files root (firmware, melodies, tables, deck files,
 * certificates). Every name is checked here, whatever transport asked: a name that
 * climbs out of the root, carries a drive letter, a backslash or a control character,
 * names a hidden file, or reaches outside through a symlink is rejected.
 * Transports map their own spellings (TFTP's {@code C:\...}) before asking.
 */
public final class StaticFiles {
    private final Path root;
    private final Path realRoot;

    public StaticFiles(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** Why a name is refused, or empty when it is well-formed (which does not mean it exists). */
    public static Optional<String> refusal(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return Optional.of("control character");
            }
            if (c == '\\') {
                return Optional.of("backslash");
            }
            if (c == ':') {
                return Optional.of("drive letter or colon");
            }
        }
        for (String seg : name.split("/", -1)) {
            if (seg.equals("..")) {
                return Optional.of("traversal");
            }
            if (seg.startsWith(".") && !seg.equals(".")) {
                return Optional.of("hidden file");
            }
        }
        return Optional.empty();
    }

    /** Strips the leading slashes a URL path carries. */
    public static String relative(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '/') {
            i++;
        }
        return name.substring(i);
    }

    /**
     * Like {@link #lookup}, but a path segment that does not exist as written is matched
     * against its folder's entries ignoring case (for phones whose INF spells names in
     * another case than the files on disk). The same refusals apply.
     */
    public Lookup lookupIgnoringCase(String requested) {
        Lookup exact = lookup(requested);
        if (!(exact instanceof Lookup.NotFound)) {
            return exact;
        }
        String rel = relative(requested);
        Path p = root;
        for (String seg : rel.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            Path direct = p.resolve(seg);
            if (Files.exists(direct, LinkOption.NOFOLLOW_LINKS)) {
                p = direct;
                continue;
            }
            Path found = null;
            try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    if (c.getFileName().toString().equalsIgnoreCase(seg)) {
                        found = c;
                        break;
                    }
                }
            } catch (IOException e) {
                return exact;
            }
            if (found == null) {
                return exact;
            }
            p = found;
        }
        return lookup(root.relativize(p).toString());
    }

    /**
     * Whether {@code requested} is a folder below the root (the root itself included), with the
     * refusals of {@link #lookup}: a place a phone may be pointed at to fetch files from.
     */
    public boolean isFolder(String requested) {
        String rel = relative(requested);
        if (!rel.isEmpty() && refusal(rel).isPresent()) {
            return false;
        }
        Path p = root.resolve(rel).normalize();
        try {
            return p.startsWith(root) && p.toRealPath().startsWith(realRoot) && Files.isDirectory(p);
        } catch (IOException e) {
            return false;
        }
    }

    public Lookup lookup(String requested) {
        String rel = relative(requested);
        Optional<String> why = refusal(rel);
        if (why.isPresent()) {
            return new Lookup.Rejected(requested, why.get());
        }
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            return new Lookup.Rejected(requested, "traversal");
        }
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(realRoot)) {
                return new Lookup.Rejected(requested, "symlink leaves the files root");
            }
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || !Files.isReadable(real)) {
                return new Lookup.NotFound(requested);
            }
            long mtime = a.lastModifiedTime().toMillis();
            String etag = "\"s" + Long.toHexString(a.size()) + "-" + Long.toHexString(mtime) + "\"";
            String name = root.relativize(p).toString();
            return new Lookup.Found(new ServedFile.Static(name, real, a.size(), etag, mtime, ContentTypes.of(name)));
        } catch (IOException e) {
            return new Lookup.NotFound(requested);
        }
    }
}
