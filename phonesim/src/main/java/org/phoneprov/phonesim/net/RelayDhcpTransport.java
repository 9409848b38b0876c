package org.phoneprov.phonesim.net;

import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import org.phoneprov.phonesim.dhcp.DhcpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DHCP for simulated phones without root: ports 67 and 68 need privileges, so the
 * simulator acts as a relay agent (RFC 1542) and unicasts every phone's request to the
 * server from one unprivileged UDP socket. {@code giaddr} is the relay's own address, so
 * the server allocates from the subnet that address is in; option 82 sub-option 19
 * (RFC 8357) makes the server answer to our source port instead of 67. Replies are
 * handed to the phone waiting for their xid, without option 82. Thread-safe.
 */
public final class RelayDhcpTransport implements DhcpTransport {
    private static final Logger log = LoggerFactory.getLogger(RelayDhcpTransport.class);

    private final InetSocketAddress server;
    private final Inet4Address giaddr;
    private final DatagramSocket socket;
    private final DhcpReplyRouter router;

    /**
     * @param bindAt an IPv4 address of this host (it becomes {@code giaddr}) and a port, 0 for any
     * @param server the DHCP server, e.g. {@code 10.77.0.1:67}
     * @throws IllegalArgumentException when {@code bindAt} is not a concrete IPv4 address
     * @throws UncheckedIOException     when the socket cannot be bound (address not on this host, port taken)
     */
    public RelayDhcpTransport(InetSocketAddress bindAt, InetSocketAddress server) {
        if (!(bindAt.getAddress() instanceof Inet4Address a) || a.isAnyLocalAddress()) {
            throw new IllegalArgumentException("relay address " + bindAt + " must be one IPv4 address of this host:"
                    + " it is the giaddr the server answers to and picks the subnet by");
        }
        this.giaddr = a;
        this.server = server;
        try {
            this.socket = new DatagramSocket(bindAt);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind the DHCP relay socket to " + bindAt + ": " + e.getMessage()
                    + " (is the address on this host, the port free?)", e);
        }
        try {
            this.router = new DhcpReplyRouter(socket, "phonesim-dhcp-relay", RelayAgentInfo::withoutRelayInfo);
        } catch (SocketException e) {
            socket.close();
            throw new UncheckedIOException("cannot set up the DHCP relay socket on " + bindAt, e);
        }
        log.info("phonesim.dhcp.relay local={} server={}", socket.getLocalSocketAddress(), server);
    }

    @Override
    public Optional<byte[]> exchange(byte[] request, int xid, Duration timeout) {
        Optional<byte[]> relayed = RelayAgentInfo.relayed(request, giaddr);
        if (relayed.isEmpty()) {
            log.warn("phonesim.dhcp.not_relayed xid={} reason=not a DHCP BOOTREQUEST or too many hops",
                    Integer.toHexString(xid));
            return Optional.empty();
        }
        byte[] m = relayed.get();
        return router.exchange(new DatagramPacket(m, m.length, server), xid, timeout);
    }

    /** Where the relay sends from: the server answers here. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Replies that came for an xid nobody was waiting for. */
    public long unclaimedReplies() {
        return router.unclaimed();
    }

    @Override
    public void close() {
        router.close();
    }
}
