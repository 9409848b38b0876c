package org.phoneprov.tftpd.packet;

/** TFTP opcodes (RFC 1350, RFC 2347 OACK); unknown codes pass through valueOf. */
public record Opcode(int code) {
    public static final Opcode RRQ = new Opcode(1);
    public static final Opcode WRQ = new Opcode(2);
    public static final Opcode DATA = new Opcode(3);
    public static final Opcode ACK = new Opcode(4);
    public static final Opcode ERROR = new Opcode(5);
    public static final Opcode OACK = new Opcode(6);

    public static Opcode valueOf(int code) {
        return switch (code) {
            case 1 -> RRQ;
            case 2 -> WRQ;
            case 3 -> DATA;
            case 4 -> ACK;
            case 5 -> ERROR;
            case 6 -> OACK;
            default -> new Opcode(code);
        };
    }
}
