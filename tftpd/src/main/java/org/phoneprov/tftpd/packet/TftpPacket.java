package org.phoneprov.tftpd.packet;

import java.util.Map;

/**
 * The TFTP packets (RFC 1350, 2347): plain immutable values; the codec turns them into
 * bytes and back. Block numbers are the 16-bit wire values (0..65535).
 */
public sealed interface TftpPacket {
    Opcode opcode();

    /** RRQ or WRQ. {@code options} in the order the client wrote them, names lower-cased. */
    record Request(Opcode opcode, String filename, String mode, Map<String, String> options) implements TftpPacket {
        public Request {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    /**
     * DATA: the payload is {@code data[offset, offset + length)}, at most blksize bytes.
     * {@code data} may be a whole file shared, read-only, by every transfer of that file.
     */
    record Data(int block, byte[] data, int offset, int length) implements TftpPacket {
        public Opcode opcode() {
            return Opcode.DATA;
        }
    }

    record Ack(int block) implements TftpPacket {
        public Opcode opcode() {
            return Opcode.ACK;
        }
    }

    record Error(ErrorCode code, String message) implements TftpPacket {
        public Opcode opcode() {
            return Opcode.ERROR;
        }
    }

    /** OACK: the options the server accepted, with the values it uses (RFC 2347). */
    record OptionAck(Map<String, String> options) implements TftpPacket {
        public OptionAck {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        public Opcode opcode() {
            return Opcode.OACK;
        }
    }
}
