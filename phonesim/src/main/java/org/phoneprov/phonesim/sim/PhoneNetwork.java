package org.phoneprov.phonesim.sim;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.phoneprov.phonesim.dhcp.DhcpTransport;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Fetcher;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.net.BroadcastDhcpTransport;
import org.phoneprov.phonesim.net.FetchTimeouts;
import org.phoneprov.phonesim.net.NetFetcher;
import org.phoneprov.phonesim.net.RelayDhcpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How simulated phones reach the suite. On a LAN (a network namespace, as root): DHCP by
 * broadcast from port 68, and each phone's TFTP, HTTP and SIP sockets bound to the
 * address it leased, so the server sees one address per phone — the namespace must
 * treat the lease ranges as its own ({@code ip route add local 10.77.1.0/24 dev lo}).
 * Without root: DHCP through a relay on an unprivileged port (RFC 8357), phones on
 * loopback addresses, and tftpd on a port other than 69.
 */
public final class PhoneNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneNetwork.class);
    private static final int TFTP_PORT = 69;
    private final DhcpTransport dhcp;
    private final int tftpPort;
    private final FetchTimeouts timeouts;
    private final AtomicBoolean warnedUnbound = new AtomicBoolean();

    private final java.util.concurrent.atomic.AtomicLong dhcpSent = new java.util.concurrent.atomic.AtomicLong();

    private PhoneNetwork(DhcpTransport dhcp, int tftpPort, FetchTimeouts timeouts) {
        this.dhcp = new DhcpTransport() {
            @Override
            public java.util.Optional<byte[]> exchange(byte[] request, int xid, java.time.Duration timeout) {
                dhcpSent.incrementAndGet();
                return dhcp.exchange(request, xid, timeout);
            }

            @Override
            public void close() {
                dhcp.close();
            }
        };
        this.tftpPort = tftpPort;
        this.timeouts = timeouts;
    }

    /** Broadcast DHCP on the namespace's LAN; servers on their usual ports. */
    public static PhoneNetwork lan(FetchTimeouts timeouts) {
        return new PhoneNetwork(new BroadcastDhcpTransport(), TFTP_PORT, timeouts);
    }

    /**
     * As a relay agent at {@code relay} (its address is the giaddr dhcpd picks the subnet
     * by) toward {@code dhcpServer}; TFTP servers the phones learn are reached at {@code tftpPort}.
     */
    public static PhoneNetwork relayed(InetSocketAddress relay, InetSocketAddress dhcpServer, int tftpPort,
                                       FetchTimeouts timeouts) {
        return new PhoneNetwork(new RelayDhcpTransport(relay, dhcpServer), tftpPort, timeouts);
    }

    public DhcpTransport dhcp() {
        return dhcp;
    }

    /** DHCP messages the phones sent (DISCOVER, REQUEST, retransmissions), for the report. */
    public long dhcpMessages() {
        return dhcpSent.get();
    }

    /** A phone's fetcher, from its own address when this host can send from it. */
    public Fetcher fetcherFor(InetAddress leased, String model) {
        InetAddress local = bindable(leased) ? leased : null;
        if (local == null && warnedUnbound.compareAndSet(false, true)) {
            LOG.warn("phonesim.shared_address leased={} (not an address of this host: phones fetch from the host's"
                    + " own address; add the lease ranges as local routes to give each phone its own)",
                    leased.getHostAddress());
        }
        Fetcher f = new NetFetcher(local, timeouts, model);
        return tftpPort == TFTP_PORT ? f : new TftpPortMapping(f, tftpPort);
    }

    static boolean bindable(InetAddress a) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(a, 0))) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dhcp.close();
    }

    /** Option 66/150 carry an address only: in loopback mode tftpd listens elsewhere than 69. */
    private record TftpPortMapping(Fetcher inner, int port) implements Fetcher {
        private Location map(Location l) {
            if (l instanceof Location.Tftp t && t.server().getPort() == TFTP_PORT) {
                return new Location.Tftp(new InetSocketAddress(t.server().getAddress(), port), t.name());
            }
            return l;
        }

        @Override
        public FetchResult get(Location location) {
            return inner.get(map(location));
        }

        @Override
        public FetchResult post(Location location) {
            return inner.post(map(location));
        }

        @Override
        public Map<String, Integer> requests() {
            return inner.requests();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
