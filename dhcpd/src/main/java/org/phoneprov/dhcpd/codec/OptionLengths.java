package org.phoneprov.dhcpd.codec;

import static org.phoneprov.common.dhcp.DhcpOption.*;

import org.phoneprov.common.dhcp.DhcpOption;

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
 * n * 4, n &gt;= 1          3 ROUTER, 6 DNS, 150 TFTP_SERVER_ADDRESS
 * at least 1             12 HOST_NAME, 15 DOMAIN_NAME, 43 VENDOR_SPECIFIC, 55 PARAMETER_LIST,
 *                        56 MESSAGE, 60 VENDOR_CLASS, 66 TFTP_SERVER_NAME, 67 BOOTFILE_NAME,
 *                        77 USER_CLASS
 * at least 2             61 CLIENT_ID (type + identifier), 82 RELAY_AGENT_INFO (one sub-option)
 * </pre>
 */
final class OptionLengths {
    private enum Rule {
        EXACTLY_1("exactly 1"),
        MAX_SIZE("exactly 2 holding at least 576"),
        EXACTLY_4("exactly 4"),
        ADDRESSES("a non-zero multiple of 4"),
        AT_LEAST_1("at least 1"),
        AT_LEAST_2("at least 2");

        final String text;

        Rule(String text) {
            this.text = text;
        }

        boolean holds(byte[] v) {
            int n = v.length;
            return switch (this) {
                case EXACTLY_1 -> n == 1;
                case MAX_SIZE -> n == 2 && ((v[0] & 0xFF) << 8 | (v[1] & 0xFF)) >= 576;
                case EXACTLY_4 -> n == 4;
                case ADDRESSES -> n >= 4 && n % 4 == 0;
                case AT_LEAST_1 -> n >= 1;
                case AT_LEAST_2 -> n >= 2;
            };
        }
    }

    /** Indexed by code; filled once here and never changed, so it is safe to share. */
    private static final Rule[] RULES = new Rule[256];

    static {
        rule(Rule.EXACTLY_1, OVERLOAD, MESSAGE_TYPE);
        rule(Rule.MAX_SIZE, MAX_MESSAGE_SIZE);
        rule(Rule.EXACTLY_4, SUBNET_MASK, REQUESTED_IP, LEASE_TIME, SERVER_ID, RENEWAL_T1, REBINDING_T2);
        rule(Rule.ADDRESSES, ROUTER, DNS, TFTP_SERVER_ADDRESS);
        rule(Rule.AT_LEAST_1, HOST_NAME, DOMAIN_NAME, VENDOR_SPECIFIC, PARAMETER_LIST, MESSAGE, VENDOR_CLASS,
                TFTP_SERVER_NAME, BOOTFILE_NAME, USER_CLASS);
        rule(Rule.AT_LEAST_2, CLIENT_ID, RELAY_AGENT_INFO);
    }

    private OptionLengths() {
    }

    private static void rule(Rule rule, DhcpOption... options) {
        for (DhcpOption o : options) {
            RULES[o.code()] = rule;
        }
    }

    /** @throws DhcpParseException {@link Malformation#BAD_OPTION_LENGTH} when {@code value} breaks the table */
    static void check(int code, byte[] value) {
        Rule rule = RULES[code];
        if (rule != null && !rule.holds(value)) {
            throw new DhcpParseException(Malformation.BAD_OPTION_LENGTH, "option " + code + " ("
                    + DhcpOption.valueOf(code).name() + ") has " + value.length + " bytes, must be " + rule.text);
        }
    }
}
