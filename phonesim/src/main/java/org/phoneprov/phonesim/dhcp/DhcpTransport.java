package org.phoneprov.phonesim.dhcp;

import java.time.Duration;
import java.util.Optional;

/**
 * How a phone's DHCP messages reach a server and the replies come back: broadcast on
 * the LAN, or through a relay. Shared by many phones; replies are told apart by xid.
 * Thread-safe.
 */
public interface DhcpTransport extends AutoCloseable {
    /**
     * Sends one BOOTREQUEST (the whole DHCP message, as built by the phone) and returns
     * the first BOOTREPLY with the same xid that arrives within {@code timeout}, or empty.
     */
    Optional<byte[]> exchange(byte[] request, int xid, Duration timeout);

    @Override
    void close();
}
