package org.phoneprov.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.phoneprov.common.mac.Mac;

/**
 * Which phone holds which address right now, as dhcpd leased it: how httpd and tftpd
 * name the device in an event when the file itself is shared (firmware, common config).
 * Thread-safe; dhcpd writes, the others read.
 */
public final class AddressBook {
    private final Map<Integer, Mac> byAddress = new ConcurrentHashMap<>();

    public void bind(int address, Mac mac) {
        byAddress.put(address, mac);
    }

    public void unbind(int address, Mac mac) {
        byAddress.remove(address, mac);
    }

    public Optional<Mac> macAt(InetAddress a) {
        return a instanceof Inet4Address v4 ? Optional.ofNullable(byAddress.get(Ip4.toInt(v4))) : Optional.empty();
    }
}
