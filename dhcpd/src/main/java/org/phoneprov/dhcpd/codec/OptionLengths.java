package org.phoneprov.dhcpd.codec;

import static org.phoneprov.dhcpd.codec.OptionCodes.*;

/**
 * The length rules {@link DhcpDecoder} applies to an option's whole value, after RFC 3396
 * concatenation. A code not in this table may have any length, zero included (RFC 4039's
 * rapid commit, option 80, is zero-length by design).
 *
 * <pre>
 * exactly 1              52 OVERLOAD, 53 MESSAGE_TYPE
 * exactly 2, &gt;= 576     57 MAX_MESSAGE_SIZE (RFC 2132 9.10: the minimum legal value is 576)
 * exactly 4              1 SUBNET_MASK, 50 REQUESTED_IP, 51 LEASE_TIME, 54 SERVER_ID,
 *                        58 RENEWAL_T1, 59 REBINDING_T2
 * n * 4, n &gt;= 1          3 ROUTER, 6 DNS, 150 TFTP_SERVERS_150
 * at least 1             12 HOST_NAME, 15 DOMAIN_NAME, 43 VENDOR_SPECIFIC, 55 PARAMETER_LIST,
 *                        56 MESSAGE, 60 VENDOR_CLASS, 66 TFTP_SERVER_NAME, 67 BOOTFILE_NAME,
 *                        77 USER_CLASS
 * at least 2             61 CLIENT_ID (type + identifier), 82 RELAY_AGENT_INFO (one sub-option)
 * </pre>
 */
final class OptionLengths {
    private OptionLengths() {
    }

    /** @throws DhcpParseException {@link Malformation#BAD_OPTION_LENGTH} when {@code value} breaks the table */
    static void check(int code, byte[] value) {
        int n = value.length;
        String rule = switch (code) {
            case OVERLOAD, MESSAGE_TYPE -> n == 1 ? null : "exactly 1";
            case MAX_MESSAGE_SIZE -> n == 2 && ((value[0] & 0xFF) << 8 | (value[1] & 0xFF)) >= 576
                    ? null : "exactly 2 holding at least 576";
            case SUBNET_MASK, REQUESTED_IP, LEASE_TIME, SERVER_ID, RENEWAL_T1, REBINDING_T2 ->
                    n == 4 ? null : "exactly 4";
            case ROUTER, DNS, TFTP_SERVERS_150 -> n >= 4 && n % 4 == 0 ? null : "a non-zero multiple of 4";
            case HOST_NAME, DOMAIN_NAME, VENDOR_SPECIFIC, PARAMETER_LIST, MESSAGE, VENDOR_CLASS,
                    TFTP_SERVER_NAME, BOOTFILE_NAME, USER_CLASS -> n >= 1 ? null : "at least 1";
            case CLIENT_ID, RELAY_AGENT_INFO -> n >= 2 ? null : "at least 2";
            default -> null;
        };
        if (rule != null) {
            throw new DhcpParseException(Malformation.BAD_OPTION_LENGTH,
                    "option " + code + " (" + OptionCodes.name(code) + ") has " + n + " bytes, must be " + rule);
        }
    }
}
