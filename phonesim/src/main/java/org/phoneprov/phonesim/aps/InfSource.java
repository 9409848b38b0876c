package org.phoneprov.phonesim.aps;

/**
 * How the phone learnt where its INF is: the four ways of seed 2.2, in the order they are
 * tried; for a Gigaset, where it learnt its profile URL (option 114, option 66, or set up).
 */
public enum InfSource {
    /** {@code AutoprovisionHTTPServer} (seed 2.3: "When both parameters are configured, HTTP will be chosen"). */
    PRECONFIGURED_HTTP,
    /** {@code AutoprovisionTFTPServer} (seed 2.3). */
    PRECONFIGURED_TFTP,
    /** DHCP option 150 (seed 2.4: "Used instead of option 66 if present"). */
    OPTION_150,
    /** DHCP option 66. */
    OPTION_66,
    /** DHCP option 43, the INF URL (seed 2.5). */
    OPTION_43,
    /** The BOOTP next-server ({@code siaddr}) with option 67 or the {@code file} field (seed 2.2, 4.2). */
    NEXT_SERVER,
    /** DHCP option 114, a Gigaset's provisioning URL (docs/vendor-formats.md 2.4: priority over option 66). */
    OPTION_114,
    /** A Gigaset's URL set up before it boots: in its web UI, or a retail phone's default redirect server. */
    GIGASET_PRESET,
    /** None of them: the phone cannot provision. */
    NONE
}
