package org.phoneprov.phonesim.dhcp;

/**
 * The DHCP option codes (RFC 2132, and the seed's 150 and 190–192) and message types a
 * phone uses. Plain constants: the client meets only these, and tolerates any other.
 */
public final class DhcpCodes {
    private DhcpCodes() {
    }

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS = 6;
    public static final int DOMAIN_NAME = 15;
    public static final int VENDOR_SPECIFIC = 43;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_LIST = 55;
    public static final int VENDOR_CLASS = 60;
    public static final int CLIENT_ID = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOTFILE_NAME = 67;
    public static final int USER_CLASS = 77;
    /** Seed 2.4: "The TFTP server IP address ... Used instead of option 66 if present." */
    public static final int TFTP_SERVER_ADDRESS = 150;
    /** Seed 4.4.3: VLAN enabling flag (1 byte), voice VLAN id, data VLAN id (2 bytes each). */
    public static final int VLAN_ENABLE = 190;
    public static final int VOICE_VLAN = 191;
    public static final int DATA_VLAN = 192;
    public static final int END = 255;

    public static final int DISCOVER = 1;
    public static final int OFFER = 2;
    public static final int REQUEST = 3;
    public static final int DECLINE = 4;
    public static final int ACK = 5;
    public static final int NAK = 6;
    public static final int RELEASE = 7;
    public static final int INFORM = 8;

    /** For logs and reasons: {@code OFFER}, or {@code type 42}. */
    public static String messageTypeName(int type) {
        return switch (type) {
            case DISCOVER -> "DISCOVER";
            case OFFER -> "OFFER";
            case REQUEST -> "REQUEST";
            case DECLINE -> "DECLINE";
            case ACK -> "ACK";
            case NAK -> "NAK";
            case RELEASE -> "RELEASE";
            case INFORM -> "INFORM";
            default -> "type " + type;
        };
    }
}
