package org.phoneprov.dhcpd.codec;

/**
 * The DHCP option codes phoneprov reads or writes (RFC 2132 unless noted). Options are
 * kept as plain {@code int} codes in {@link DhcpOptions}, so any other code passes through
 * the codec untouched; {@link #name(int)} gives a stable name for log lines.
 */
public final class OptionCodes {
    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS = 6;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int VENDOR_SPECIFIC = 43;
    public static final int REQUESTED_IP = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_T1 = 58;
    public static final int REBINDING_T2 = 59;
    public static final int VENDOR_CLASS = 60;
    public static final int CLIENT_ID = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOTFILE_NAME = 67;
    /** RFC 3004. */
    public static final int USER_CLASS = 77;
    /** RFC 3046. */
    public static final int RELAY_AGENT_INFO = 82;
    /** Cisco's TFTP server address list, used by the ST20xx instead of 66 when present. */
    public static final int TFTP_SERVERS_150 = 150;
    public static final int END = 255;

    private OptionCodes() {
    }

    /** {@code SUBNET_MASK} for 1, {@code OPTION_200} for a code without a constant here. */
    public static String name(int code) {
        return switch (code) {
            case PAD -> "PAD";
            case SUBNET_MASK -> "SUBNET_MASK";
            case ROUTER -> "ROUTER";
            case DNS -> "DNS";
            case HOST_NAME -> "HOST_NAME";
            case DOMAIN_NAME -> "DOMAIN_NAME";
            case VENDOR_SPECIFIC -> "VENDOR_SPECIFIC";
            case REQUESTED_IP -> "REQUESTED_IP";
            case LEASE_TIME -> "LEASE_TIME";
            case OVERLOAD -> "OVERLOAD";
            case MESSAGE_TYPE -> "MESSAGE_TYPE";
            case SERVER_ID -> "SERVER_ID";
            case PARAMETER_LIST -> "PARAMETER_LIST";
            case MESSAGE -> "MESSAGE";
            case MAX_MESSAGE_SIZE -> "MAX_MESSAGE_SIZE";
            case RENEWAL_T1 -> "RENEWAL_T1";
            case REBINDING_T2 -> "REBINDING_T2";
            case VENDOR_CLASS -> "VENDOR_CLASS";
            case CLIENT_ID -> "CLIENT_ID";
            case TFTP_SERVER_NAME -> "TFTP_SERVER_NAME";
            case BOOTFILE_NAME -> "BOOTFILE_NAME";
            case USER_CLASS -> "USER_CLASS";
            case RELAY_AGENT_INFO -> "RELAY_AGENT_INFO";
            case TFTP_SERVERS_150 -> "TFTP_SERVERS_150";
            case END -> "END";
            default -> "OPTION_" + code;
        };
    }
}
