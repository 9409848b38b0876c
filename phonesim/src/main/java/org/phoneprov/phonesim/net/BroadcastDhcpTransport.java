package org.phoneprov.phonesim.net;

import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import org.phoneprov.phonesim.dhcp.DhcpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DHCP for simulated phones on the LAN, as a real phone does it: requests broadcast
 * from port 68 to 255.255.255.255:67, replies to port 68. All phones share ONE socket
 * (one port 68 per host) and are told apart by xid.
 *
 * <p>Plain Java cannot bind a socket to a device (SO_BINDTODEVICE), and a limited
 * broadcast leaves through the interface of the default route. So the simulator runs
 * in a network namespace where the LAN is its only interface (the lab tests make one).
 * Phones have no address yet, so they must set the BROADCAST flag (RFC 2131 4.1): the
 * kernel would not deliver a reply unicast to an address no interface has.
 * Needs root or CAP_NET_BIND_SERVICE for port 68; {@link RelayDhcpTransport} does not.
 */
public final class BroadcastDhcpTransport implements DhcpTransport {
    public static final int CLIENT_PORT = 68;
    public static final int SERVER_PORT = 67;

    private static final Logger log = LoggerFactory.getLogger(BroadcastDhcpTransport.class);

    private final InetSocketAddress destination;
    private final DhcpReplyRouter router;

    /** 0.0.0.0:68 to 255.255.255.255:67. */
    public BroadcastDhcpTransport() {
        this(new InetSocketAddress(CLIENT_PORT), new InetSocketAddress(broadcast(), SERVER_PORT));
    }

    /**
     * @param bindAt      where to listen for replies, normally 0.0.0.0:68
     * @param destination where requests go, normally 255.255.255.255:67
     * @throws UncheckedIOException when the socket cannot be bound (port 68 needs privileges)
     */
    public BroadcastDhcpTransport(InetSocketAddress bindAt, InetSocketAddress destination) {
        this.destination = destination;
        DatagramSocket socket = null;
        try {
            socket = new DatagramSocket(null);
            // Other DHCP clients on the host (dhclient in the same namespace) may hold 68 too.
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            socket.bind(bindAt);
            this.router = new DhcpReplyRouter(socket, "phonesim-dhcp-broadcast", reply -> reply);
        } catch (SocketException e) {
            if (socket != null) {
                socket.close();
            }
            throw new UncheckedIOException("cannot bind the DHCP client socket to " + bindAt + ": " + e.getMessage()
                    + " (port 68 needs root or CAP_NET_BIND_SERVICE; without them use the relay transport)", e);
        }
        log.info("phonesim.dhcp.broadcast local={} to={}", bindAt, destination);
    }

    private static InetAddress broadcast() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    @Override
    public Optional<byte[]> exchange(byte[] request, int xid, Duration timeout) {
        return router.exchange(new DatagramPacket(request, request.length, destination), xid, timeout);
    }

    /** Replies that came for an xid nobody was waiting for (other hosts' clients share the broadcast). */
    public long unclaimedReplies() {
        return router.unclaimed();
    }

    @Override
    public void close() {
        router.close();
    }
}
