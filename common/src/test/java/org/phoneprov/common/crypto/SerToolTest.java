package org.phoneprov.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decisions of {@code encrypt|decrypt}; the file handling is tested through the commands. */
class SerToolTest {
    @Test
    void theLastExtensionIsReplacedOrAdded() {
        // The seed's listing: ComConf2030SG.R11.1.090213.2.67.1_test.txt -> ..._test.ser
        assertEquals("ComConf2030SG.R11.1.090213.2.67.1_test.ser",
                SerTool.renamed("ComConf2030SG.R11.1.090213.2.67.1_test.txt", SerTool.Direction.ENCRYPT));
        assertEquals("ST2030S_00147F00DFE4.txt", SerTool.renamed("ST2030S_00147F00DFE4.ser", SerTool.Direction.DECRYPT));
        assertEquals("a.ser", SerTool.renamed("a.cfg", SerTool.Direction.ENCRYPT));
        assertEquals("README.ser", SerTool.renamed("README", SerTool.Direction.ENCRYPT));
        assertEquals(".hidden.ser", SerTool.renamed(".hidden", SerTool.Direction.ENCRYPT));
    }

    @Test
    void configsAreTextAndNoiseIsNot() {
        assertTrue(SerTool.looksLikeText("[sys]\r\nconfig_sn=1\tx\n\u00e9\f".getBytes(StandardCharsets.UTF_8)));
        assertTrue(SerTool.looksLikeText(new byte[0]));
        assertFalse(SerTool.looksLikeText(new byte[] {'a', 0, 'b'}));
        assertFalse(SerTool.looksLikeText(new byte[] {0x7F}));
        // What a wrong key that passes the padding check yields: random bytes.
        Random r = new Random(1);
        int passed = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] noise = new byte[160];
            r.nextBytes(noise);
            passed += SerTool.looksLikeText(noise) ? 1 : 0;
        }
        assertEquals(0, passed);
    }
}
