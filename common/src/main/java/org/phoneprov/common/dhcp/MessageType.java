package org.phoneprov.common.dhcp;

/**
 * The DHCP message type, option 53 (RFC 2132 section 9.6). A value class: the eight types
 * of RFC 2131 are constants, and {@link #valueOf(int)} lets any other code through as a
 * new instance, so a newer client type (FORCERENEW, LEASEQUERY...) can be logged and
 * ignored rather than rejected by the codec.
 */
public final class MessageType extends CodePoint {
    public static final MessageType DISCOVER = new MessageType(1, "DISCOVER");
    public static final MessageType OFFER = new MessageType(2, "OFFER");
    public static final MessageType REQUEST = new MessageType(3, "REQUEST");
    public static final MessageType DECLINE = new MessageType(4, "DECLINE");
    public static final MessageType ACK = new MessageType(5, "ACK");
    public static final MessageType NAK = new MessageType(6, "NAK");
    public static final MessageType RELEASE = new MessageType(7, "RELEASE");
    public static final MessageType INFORM = new MessageType(8, "INFORM");

    private MessageType(int code, String name) {
        super(code, name);
    }

    /**
     * The constant for a known code, otherwise a new instance named {@code UNKNOWN(code)}.
     *
     * @throws IllegalArgumentException when the code is not an unsigned byte
     */
    public static MessageType valueOf(int code) {
        return switch (code) {
            case 1 -> DISCOVER;
            case 2 -> OFFER;
            case 3 -> REQUEST;
            case 4 -> DECLINE;
            case 5 -> ACK;
            case 6 -> NAK;
            case 7 -> RELEASE;
            case 8 -> INFORM;
            default -> {
                if (code < 0 || code > 255) {
                    throw new IllegalArgumentException("message type out of range 0..255: " + code);
                }
                yield new MessageType(code, "UNKNOWN(" + code + ")");
            }
        };
    }

    /** {@code false} for a code outside the eight of RFC 2131. */
    public boolean isKnown() {
        return code() >= 1 && code() <= 8;
    }
}
