package org.phoneprov.tftpd.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds raw TFTP packets byte by byte, including wrong ones. */
final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Wire op(int opcode) {
        return new Wire().u16(opcode);
    }

    static Wire rrq(String filename, String mode) {
        return op(1).str(filename).str(mode);
    }

    Wire u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    /** The string and its NUL. */
    Wire str(String s) {
        return raw(s).bytes(0);
    }

    /** The string, no NUL. */
    Wire raw(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    Wire bytes(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }
}
