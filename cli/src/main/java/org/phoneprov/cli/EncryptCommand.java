package org.phoneprov.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phoneprov.common.crypto.SerTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code phoneprov encrypt KEY IN OUT}: the vendor's {@code aes_cbc_128} (APS seed 6), for
 * {@code .ser} files made offline. {@code phoneprov decrypt} is {@link DecryptCommand}.
 */
@Command(name = "encrypt", description = {
        "Encrypt configs into .ser files (AES-128-CBC, APS seed 6), like the vendor's aes_cbc_128:",
        "a file to a file, or a directory to a directory (every file, .txt -> .ser).",
        "KEY is the phones' Decryption_Key: 16 printable ASCII characters; '-' reads it from stdin."})
final class EncryptCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEY", description = "16 printable ASCII characters, or '-' for the first line of stdin.")
    String key;

    @Parameters(index = "1", paramLabel = "IN", description = "A file or a directory.")
    Path in;

    @Parameters(index = "2", paramLabel = "OUT", description = "The file or directory to write (a directory is created).")
    Path out;

    @Override
    public Integer call() {
        return run(SerTool.Direction.ENCRYPT, key, in, out);
    }

    /** Shared by both commands: one line per file, or one line saying why nothing was written. */
    static int run(SerTool.Direction d, String key, Path in, Path out) {
        String name = d == SerTool.Direction.ENCRYPT ? "encrypt" : "decrypt";
        try {
            SerTool.Result r = SerTool.run(d, "-".equals(key) ? readKey() : key, in, out);
            for (SerTool.Done f : r.done()) {
                System.out.println(d.verb() + " " + f.from() + " -> " + f.to() + " (" + f.fromBytes() + " -> "
                        + f.toBytes() + " bytes)");
            }
            for (Path p : r.skipped()) {
                System.out.println("skipped " + p + ": not a regular file (symbolic links are not followed)");
            }
            return 0;
        } catch (SerTool.Refused e) {
            System.err.println(name + ": " + e.getMessage());
            return e.exitCode();
        }
    }

    /** The key from stdin, so it stays out of the process list and the shell history. */
    private static String readKey() throws SerTool.Refused {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new SerTool.Refused("KEY: cannot read it from stdin: " + e.getMessage(), 1);
        }
    }
}
