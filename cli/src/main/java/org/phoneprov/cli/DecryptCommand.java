package org.phoneprov.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phoneprov.common.crypto.SerTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code phoneprov decrypt KEY IN OUT}: {@code .ser} files back to text, to check what phones get. */
@Command(name = "decrypt", description = {
        "Decrypt .ser files (AES-128-CBC, APS seed 6): a file to a file, or a directory to a directory",
        "(every file, .ser -> .txt). A wrong key or a file that is not a .ser writes nothing and exits 1.",
        "KEY is 16 printable ASCII characters; '-' reads it from stdin."})
final class DecryptCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEY", description = "16 printable ASCII characters, or '-' for the first line of stdin.")
    String key;

    @Parameters(index = "1", paramLabel = "IN", description = "A .ser file or a directory of them.")
    Path in;

    @Parameters(index = "2", paramLabel = "OUT", description = "The file or directory to write (a directory is created).")
    Path out;

    @Override
    public Integer call() {
        return EncryptCommand.run(SerTool.Direction.DECRYPT, key, in, out);
    }
}
