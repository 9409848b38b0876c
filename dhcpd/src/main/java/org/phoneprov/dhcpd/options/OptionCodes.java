package org.phoneprov.dhcpd.options;

/**
 * The option codes option assembly writes or must leave alone (RFC 2132 unless noted).
 * Plain ints so this package needs no codec type.
 */
final class OptionCodes {
    static final int SUBNET_MASK = 1;
    static final int ROUTER = 3;
    static final int DNS = 6;
    static final int DOMAIN_NAME = 15;
    /** APS seed 2.5: the INF URL as one plain string. */
    static final int VENDOR_SPECIFIC = 43;
    static final int LEASE_TIME = 51;
    static final int MESSAGE_TYPE = 53;
    static final int SERVER_ID = 54;
    static final int RENEWAL_T1 = 58;
    static final int REBINDING_T2 = 59;
    /** RFC 2132 9.4 "TFTP server name"; the ST20xx phones read an address here (seed 2.4). */
    static final int TFTP_SERVER_NAME = 66;
    /** RFC 2132 9.5; seed 2.4: the INF name. */
    static final int BOOTFILE_NAME = 67;
    /** Cisco's TFTP server address list; seed 2.4: used instead of 66 when present. */
    static final int TFTP_SERVER_ADDRESS = 150;
    /** Seed 4.4.3: VLAN enable flag, 1 byte. */
    static final int VLAN_ENABLE = 190;
    /** Seed 4.4.3: voice VLAN id, 2 bytes. */
    static final int VLAN_VOICE = 191;
    /** Seed 4.4.3: data VLAN id, 2 bytes. */
    static final int VLAN_DATA = 192;

    private OptionCodes() {
    }
}
