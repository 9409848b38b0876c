package org.phoneprov.phonesim.phone;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.phoneprov.phonesim.aps.RetryPolicy;
import org.phoneprov.phonesim.dhcp.DhcpTiming;

/**
 * What a phone is set up with before it ever provisions: from the factory, the web UI
 * or the warehouse customization (seed 1.2). Config files applied later may override the
 * {@code Autoprovision*}, {@code VLAN} and {@code Decryption_Key} values; those live in
 * {@link PhoneState}. Immutable; change with the {@code with*} methods.
 *
 * @param httpServer     {@code AutoprovisionHTTPServer} (seed 2.3): an address, or a base URL
 * @param tftpServer     {@code AutoprovisionTFTPServer} (seed 2.3); HTTP wins when both are set
 * @param configName     {@code AutoprovisionConfigname}: the INF name to look for (seed 2.2, 2.3)
 * @param decryptionKey  the 16-character key for {@code .ser} files (seed 6); empty: the seed's default
 * @param vlanEnabled    the manual {@code VLAN} setting: ask for options 190–192 (seed 4.4.2)
 * @param sipPort        where the phone listens for check-sync NOTIFYs (seed 3.4)
 * @param retry          the seed 2.6 retry rule (3 × 30 s)
 * @param dhcpTiming     DHCP retransmissions
 * @param staticAddress  a static IP setup: no DHCP, provisioning from pre-configured servers only (seed 2.5)
 * @param maxReboots     reboots in a row after successful upgrades before the simulator stops
 *                       (a real phone would loop forever on a server that always serves "new" files)
 */
public record PhoneSettings(Optional<String> httpServer, Optional<String> tftpServer, Optional<String> configName,
                            Optional<String> decryptionKey, boolean vlanEnabled, int sipPort, RetryPolicy retry,
                            DhcpTiming dhcpTiming, Optional<InetAddress> staticAddress, int maxReboots) {
    /** Seed 6: "Decryption_Key=Th0mson2$8s8@9z! (Default)". */
    public static final String DEFAULT_DECRYPTION_KEY = org.phoneprov.common.crypto.SerCipher.DEFAULT_KEY;

    public PhoneSettings {
        Objects.requireNonNull(httpServer);
        Objects.requireNonNull(tftpServer);
        Objects.requireNonNull(configName);
        Objects.requireNonNull(decryptionKey);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(dhcpTiming);
        Objects.requireNonNull(staticAddress);
        if (maxReboots < 0) {
            throw new IllegalArgumentException("maxReboots must be >= 0");
        }
    }

    /** A phone out of the box: DHCP, nothing pre-configured, the seed's timings. */
    public static PhoneSettings factory() {
        return new PhoneSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, 5060,
                RetryPolicy.SEED, DhcpTiming.RFC, Optional.empty(), 3);
    }

    public PhoneSettings withHttpServer(String v) {
        return new PhoneSettings(Optional.ofNullable(v), tftpServer, configName, decryptionKey, vlanEnabled, sipPort,
                retry, dhcpTiming, staticAddress, maxReboots);
    }

    public PhoneSettings withTftpServer(String v) {
        return new PhoneSettings(httpServer, Optional.ofNullable(v), configName, decryptionKey, vlanEnabled, sipPort,
                retry, dhcpTiming, staticAddress, maxReboots);
    }

    public PhoneSettings withConfigName(String v) {
        return new PhoneSettings(httpServer, tftpServer, Optional.ofNullable(v), decryptionKey, vlanEnabled, sipPort,
                retry, dhcpTiming, staticAddress, maxReboots);
    }

    public PhoneSettings withDecryptionKey(String v) {
        return new PhoneSettings(httpServer, tftpServer, configName, Optional.ofNullable(v), vlanEnabled, sipPort,
                retry, dhcpTiming, staticAddress, maxReboots);
    }

    public PhoneSettings withVlanEnabled(boolean v) {
        return new PhoneSettings(httpServer, tftpServer, configName, decryptionKey, v, sipPort, retry, dhcpTiming,
                staticAddress, maxReboots);
    }

    public PhoneSettings withSipPort(int v) {
        return new PhoneSettings(httpServer, tftpServer, configName, decryptionKey, vlanEnabled, v, retry, dhcpTiming,
                staticAddress, maxReboots);
    }

    public PhoneSettings withRetry(RetryPolicy v) {
        return new PhoneSettings(httpServer, tftpServer, configName, decryptionKey, vlanEnabled, sipPort, v, dhcpTiming,
                staticAddress, maxReboots);
    }

    public PhoneSettings withDhcpTiming(DhcpTiming v) {
        return new PhoneSettings(httpServer, tftpServer, configName, decryptionKey, vlanEnabled, sipPort, retry, v,
                staticAddress, maxReboots);
    }

    public PhoneSettings withStaticAddress(InetAddress v) {
        return new PhoneSettings(httpServer, tftpServer, configName, decryptionKey, vlanEnabled, sipPort, retry,
                dhcpTiming, Optional.ofNullable(v), maxReboots);
    }

    public PhoneSettings withMaxReboots(int v) {
        return new PhoneSettings(httpServer, tftpServer, configName, decryptionKey, vlanEnabled, sipPort, retry,
                dhcpTiming, staticAddress, v);
    }
}
