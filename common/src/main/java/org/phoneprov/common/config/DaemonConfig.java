package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.Optional;

/** One daemon's section: whether it runs and where it listens. */
public record DaemonConfig(String name, boolean enabled, InetAddress bind, Optional<String> iface, int port) {
}
