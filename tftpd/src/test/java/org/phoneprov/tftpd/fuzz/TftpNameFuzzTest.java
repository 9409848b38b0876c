package org.phoneprov.tftpd.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.phoneprov.common.config.TftpdSettings;
import org.phoneprov.common.provision.Transport;
import org.phoneprov.testsupport.FilesRoot;

/**
 * Any file name an RRQ can carry (bytes as ISO-8859-1, as the decoder reads them), mapped
 * as tftpd maps it ({@link TftpdSettings#mapName}: backslashes, drive letters, leading
 * "./" and "/") and looked up as tftpd looks it up (exactly, and ignoring case), in a real
 * snapshot over a files root with traps around it: a name is refused, absent, a generated
 * file, or a regular file inside the root; never the secret beside it, never through a
 * symlink out.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/tftpd/fuzz/TftpNameFuzzTestInputs/mapName/}.
 * Fuzzing: {@code fuzz/run.sh 10 tftp-name}.
 */
class TftpNameFuzzTest {
    private static final TftpdSettings SETTINGS = TftpdSettings.defaults();

    @FuzzTest(maxDuration = "10m")
    void mapName(byte[] input) {
        FilesRoot files = FilesRoot.get();
        String requested = new String(input, StandardCharsets.ISO_8859_1);
        String mapped = SETTINGS.mapName(requested);
        files.check(files.snapshot().resolve(mapped, Transport.TFTP), requested);
        files.check(files.snapshot().resolveIgnoringCase(mapped, Transport.TFTP), requested);
    }
}
