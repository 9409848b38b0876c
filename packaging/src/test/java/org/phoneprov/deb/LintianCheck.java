package org.phoneprov.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phoneprov.lab.Sh;

/**
 * lintian on the .deb: no error or warning may be left, and every tag the package
 * overrides (its /usr/share/lintian/overrides/phoneprov, which lintian applies itself)
 * must say why in a comment right above it.
 */
final class LintianCheck {
    private LintianCheck() {
    }

    static void assertClean(Path deb, Path overrides) throws IOException {
        assertEquals(List.of(), unjustified(Files.readAllLines(overrides)),
                overrides + ": each override needs a comment line above it saying why");
        // --pedantic: show every tag lintian has; only E: and W: fail, I: and P: are advice.
        Sh.Result r = Sh.run(List.of("lintian", "--pedantic", deb.toString()), 120);
        List<String> failing = r.out().lines().filter(l -> l.startsWith("E: ") || l.startsWith("W: ")).toList();
        System.out.println("DebPackageIT: lintian " + deb.getFileName() + ": "
                + (r.out().isBlank() ? "no tags (overridden ones aside)" : "\n" + r.out()));
        assertEquals(List.of(), failing, "lintian errors or warnings:\n" + r.out() + r.err());
        // Exit 0 unless an error is left (lintian's --fail-on error); a crash is not "clean".
        assertTrue(r.code() == 0, "lintian exit " + r.code() + ": " + r.err());
    }

    /** The override lines whose previous line is not a comment. */
    static List<String> unjustified(List<String> lines) {
        List<String> bad = new ArrayList<>();
        String previous = "";
        for (String line : lines) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#") && !previous.startsWith("#")) {
                bad.add(l);
            }
            previous = l;
        }
        return bad;
    }
}
