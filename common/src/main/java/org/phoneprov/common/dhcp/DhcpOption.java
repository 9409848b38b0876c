package org.phoneprov.common.dhcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A DHCP option code (RFC 2132 unless noted). A value class: the codes phoneprov reads or
 * writes are constants, and {@link #valueOf(int)} lets any other code through as a new
 * instance, so an option nobody here knows passes the codec untouched and can still be
 * named in a log line ({@code OPTION_200}). Names are the RFC's, in the short form
 * dhcpd's log lines have always used.
 */
public final class DhcpOption extends CodePoint {
    public static final DhcpOption PAD = new DhcpOption(0, "PAD");
    public static final DhcpOption SUBNET_MASK = new DhcpOption(1, "SUBNET_MASK");
    public static final DhcpOption ROUTER = new DhcpOption(3, "ROUTER");
    /** RFC 2132 3.8, domain name servers. */
    public static final DhcpOption DNS = new DhcpOption(6, "DNS");
    public static final DhcpOption HOST_NAME = new DhcpOption(12, "HOST_NAME");
    public static final DhcpOption DOMAIN_NAME = new DhcpOption(15, "DOMAIN_NAME");
    /** APS seed 2.5: the INF URL as one plain string. */
    public static final DhcpOption VENDOR_SPECIFIC = new DhcpOption(43, "VENDOR_SPECIFIC");
    public static final DhcpOption REQUESTED_IP = new DhcpOption(50, "REQUESTED_IP");
    public static final DhcpOption LEASE_TIME = new DhcpOption(51, "LEASE_TIME");
    public static final DhcpOption OVERLOAD = new DhcpOption(52, "OVERLOAD");
    public static final DhcpOption MESSAGE_TYPE = new DhcpOption(53, "MESSAGE_TYPE");
    public static final DhcpOption SERVER_ID = new DhcpOption(54, "SERVER_ID");
    public static final DhcpOption PARAMETER_LIST = new DhcpOption(55, "PARAMETER_LIST");
    public static final DhcpOption MESSAGE = new DhcpOption(56, "MESSAGE");
    public static final DhcpOption MAX_MESSAGE_SIZE = new DhcpOption(57, "MAX_MESSAGE_SIZE");
    public static final DhcpOption RENEWAL_T1 = new DhcpOption(58, "RENEWAL_T1");
    public static final DhcpOption REBINDING_T2 = new DhcpOption(59, "REBINDING_T2");
    public static final DhcpOption VENDOR_CLASS = new DhcpOption(60, "VENDOR_CLASS");
    public static final DhcpOption CLIENT_ID = new DhcpOption(61, "CLIENT_ID");
    /** RFC 2132 9.4 "TFTP server name"; the ST20xx phones read an address here (seed 2.4). */
    public static final DhcpOption TFTP_SERVER_NAME = new DhcpOption(66, "TFTP_SERVER_NAME");
    /** RFC 2132 9.5; seed 2.4: the INF name. */
    public static final DhcpOption BOOTFILE_NAME = new DhcpOption(67, "BOOTFILE_NAME");
    /** RFC 3004. */
    public static final DhcpOption USER_CLASS = new DhcpOption(77, "USER_CLASS");
    /** RFC 3046. */
    public static final DhcpOption RELAY_AGENT_INFO = new DhcpOption(82, "RELAY_AGENT_INFO");
    /** RFC 5859, TFTP server addresses; seed 2.4: "Used instead of option 66 if present". */
    public static final DhcpOption TFTP_SERVER_ADDRESS = new DhcpOption(150, "TFTP_SERVER_ADDRESS");
    /** Seed 4.4.3: VLAN enable flag, 1 byte. */
    public static final DhcpOption VLAN_ENABLE = new DhcpOption(190, "VLAN_ENABLE");
    /** Seed 4.4.3: voice VLAN id, 2 bytes. */
    public static final DhcpOption VOICE_VLAN = new DhcpOption(191, "VOICE_VLAN");
    /** Seed 4.4.3: data VLAN id, 2 bytes. */
    public static final DhcpOption DATA_VLAN = new DhcpOption(192, "DATA_VLAN");
    public static final DhcpOption END = new DhcpOption(255, "END");

    private static final Map<Integer, DhcpOption> KNOWN = List.of(PAD, SUBNET_MASK, ROUTER, DNS, HOST_NAME,
            DOMAIN_NAME, VENDOR_SPECIFIC, REQUESTED_IP, LEASE_TIME, OVERLOAD, MESSAGE_TYPE, SERVER_ID, PARAMETER_LIST,
            MESSAGE, MAX_MESSAGE_SIZE, RENEWAL_T1, REBINDING_T2, VENDOR_CLASS, CLIENT_ID, TFTP_SERVER_NAME,
            BOOTFILE_NAME, USER_CLASS, RELAY_AGENT_INFO, TFTP_SERVER_ADDRESS, VLAN_ENABLE, VOICE_VLAN, DATA_VLAN, END)
            .stream().collect(Collectors.toUnmodifiableMap(DhcpOption::code, Function.identity()));

    private static final Set<DhcpOption> SERVER_WRITTEN = Set.of(REQUESTED_IP, LEASE_TIME, OVERLOAD, MESSAGE_TYPE,
            SERVER_ID, PARAMETER_LIST, MAX_MESSAGE_SIZE, RENEWAL_T1, REBINDING_T2, CLIENT_ID, RELAY_AGENT_INFO);

    private DhcpOption(int code, String name) {
        super(code, name);
    }

    /**
     * The constant for a known code, otherwise a new instance named {@code OPTION_<code>}.
     *
     * @throws IllegalArgumentException when the code is not an unsigned byte
     */
    public static DhcpOption valueOf(int code) {
        DhcpOption known = KNOWN.get(code);
        if (known != null) {
            return known;
        }
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option code out of range 0..255: " + code);
        }
        return new DhcpOption(code, "OPTION_" + code);
    }

    /**
     * The options whose value in a reply is dhcpd's own, never an admin's: what it writes
     * from the exchange (message type and server id, RFC 2131 table 3; lease time, T1 and
     * T2 from the lease it grants; the client id and relay agent information it echoes,
     * RFC 6842 and RFC 3046 2.2), and what it keeps out of every reply: the client's own
     * requested address, parameter list and maximum size (table 3: MUST NOT) and the
     * overload flag, the encoder's framing. The config loader refuses them in a class's
     * options and option assembly drops them, so the two cannot disagree (dhcpd's
     * ServerWrittenOptionsTest checks the set against real replies).
     */
    public static Set<DhcpOption> serverWritten() {
        return SERVER_WRITTEN;
    }

    public boolean isKnown() {
        return KNOWN.containsKey(code());
    }

    /** See {@link #serverWritten()}. */
    public boolean isServerWritten() {
        return SERVER_WRITTEN.contains(this);
    }
}
