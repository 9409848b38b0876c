package org.phoneprov.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintianCheckTest {
    @Test
    void anOverrideNeedsACommentRightAboveIt() {
        List<String> lines = List.of(
                "# why",
                "phoneprov: tag-a",
                "",
                "phoneprov: tag-b",
                "# why c",
                "",
                "phoneprov: tag-c");
        assertEquals(List.of("phoneprov: tag-b", "phoneprov: tag-c"), LintianCheck.unjustified(lines));
    }

    @Test
    void theShippedOverridesSayWhy() throws IOException {
        // Runs without root or lintian: the overrides the package ships are all explained.
        assertEquals(List.of(), LintianCheck.unjustified(Files.readAllLines(Path.of("src/deb/lintian/phoneprov"))));
    }
}
