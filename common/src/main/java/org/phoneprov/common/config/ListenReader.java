package org.phoneprov.common.config;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.net.Addresses;

/** The listen keys every daemon section has: {@code enabled}, {@code bind}, {@code interface}, {@code port}. */
final class ListenReader {
    static final Set<String> KEYS = Set.of("enabled", "bind", "interface", "port");

    private ListenReader() {
    }

    /** Also refuses keys that are neither listen keys nor the reader's own. */
    static DaemonConfig read(Optional<MapView> section, SectionReader<?> reader) {
        if (section.isEmpty()) {
            return new DaemonConfig(reader.name(), reader.enabledWithoutSection(), anyAddress(), Optional.empty(),
                    reader.defaultPort());
        }
        MapView d = section.get();
        Set<String> keys = new HashSet<>(KEYS);
        keys.addAll(reader.keys());
        d.allowOnly(keys);
        boolean enabled = d.bool("enabled", true);
        InetAddress bind = d.address("bind").orElse(anyAddress());
        Optional<String> iface = d.string("interface");
        iface.ifPresent(i -> {
            if (!i.matches("[A-Za-z0-9_.:@-]{1,15}")) {
                d.problems().add(d.at("interface"), d.keyPath("interface"),
                        "'" + i + "' is not a network interface name (at most 15 letters, digits, '.', '-', '_')");
            }
        });
        int port = d.integer("port", reader.defaultPort(), 1, 65535);
        return new DaemonConfig(reader.name(), enabled, bind, iface, port);
    }

    private static InetAddress anyAddress() {
        return Addresses.parseLiteral("0.0.0.0").orElseThrow();
    }
}
