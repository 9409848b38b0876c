package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * How phones reach the suite: the address (and optional host name) that goes into
 * DHCP options and INF URLs, and the address check-sync NOTIFYs leave from, which
 * generated configs name in {@code AuthNotifyCheckSync} (APS seed 3.4).
 */
public record Identity(String name, InetAddress address, Optional<String> hostname, InetAddress checkSyncSource) {
    /** The host part of URLs: the host name when set, else the address. */
    public String urlHost() {
        return hostname.orElseGet(() -> org.phoneprov.common.net.Addresses.forUrl(address));
    }
}
