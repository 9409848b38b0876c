package org.phoneprov.phonesim.sim;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.phoneprov.phonesim.dhcp.DhcpTransport;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Fetcher;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.net.BroadcastDhcpTransport;
import org.phoneprov.phonesim.net.FetchTimeouts;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.net.NetFetcher;
import org.phoneprov.phonesim.net.RelayDhcpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How simulated phones reach the suite. On a LAN (a network namespace, as root): DHCP by
 * broadcast from port 68, and each phone's TFTP, HTTP and SIP sockets bound to the
 * address it leased, so the server sees one address per phone — the namespace must
 * treat the lease ranges as its own ({@code ip route add local 10.77.1.0/24 dev lo}).
 * Without root: DHCP through a relay on an unprivileged port (RFC 8357), tftpd on a port
 * other than 69, and each phone on a loopback address of its own — its lease when the
 * relayed pool lies in 127.0.0.0/8, else a 127.x stand-in ({@link SourceAddresses}). A
 * stand-in only reaches servers on this host, so it is used only when dhcpd is here.
 */
public final class PhoneNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneNetwork.class);
    private static final int TFTP_PORT = 69;
    private final DhcpTransport dhcp;
    private final int tftpPort;
    private final FetchTimeouts timeouts;
    private final SourceAddresses sources;
    /** Why phones that share the host's address do, for the one warning that says so. */
    private final String sharedWhy;
    private final AtomicBoolean warnedShared = new AtomicBoolean();
    private final AtomicBoolean warnedStandIn = new AtomicBoolean();

    private final java.util.concurrent.atomic.AtomicLong dhcpSent = new java.util.concurrent.atomic.AtomicLong();

    private PhoneNetwork(DhcpTransport dhcp, int tftpPort, FetchTimeouts timeouts, SourceAddresses sources,
                         String sharedWhy) {
        this.sources = sources;
        this.sharedWhy = sharedWhy;
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
        return new PhoneNetwork(new BroadcastDhcpTransport(), TFTP_PORT, timeouts,
                new SourceAddresses(false, PhoneNetwork::bindable, Set.of()), "not an address of this host:"
                + " phones fetch from the host's own address; add the lease ranges as local routes to give each"
                + " phone its own");
    }

    /**
     * As a relay agent at {@code relay} (its address is the giaddr dhcpd picks the subnet
     * by) toward {@code dhcpServer}; TFTP servers the phones learn are reached at {@code tftpPort}.
     */
    public static PhoneNetwork relayed(InetSocketAddress relay, InetSocketAddress dhcpServer, int tftpPort,
                                       FetchTimeouts timeouts) {
        // No phone stands in at the relay's or the server's address, nor at 127.0.0.1, where
        // the admin's own tools (phoneprov notify, curl) usually come from.
        Set<InetAddress> reserved = new HashSet<>();
        reserved.add(InetAddress.getLoopbackAddress());
        for (InetSocketAddress a : List.of(relay, dhcpServer)) {
            if (a.getAddress() != null) {
                reserved.add(a.getAddress());
            }
        }
        // A 127.x source reaches this host only: with the suite elsewhere, a stand-in could not
        // even connect (Linux refuses loopback sources on other interfaces).
        boolean suiteHere = dhcpServer.getAddress() != null && bindable(dhcpServer.getAddress());
        String shared = (suiteHere ? "neither the lease nor a 127.x stand-in is an address of this host"
                : "not an address of this host, and dhcpd at " + dhcpServer.getHostString() + ":" + dhcpServer.getPort()
                + " is on another host, which a 127.x"
                + " stand-in cannot reach") + ": every phone sends from this host's own address, so tftpd's"
                + " max_per_client (8 transfers at once per address by default) refuses the rest as \"server busy\"; "
                + (suiteHere ? "route the lease ranges local" : "run simulate on the suite's host") + " to give each"
                + " phone its own";
        return new PhoneNetwork(new RelayDhcpTransport(relay, dhcpServer), tftpPort, timeouts,
                new SourceAddresses(suiteHere, PhoneNetwork::bindable, reserved), shared);
    }

    public DhcpTransport dhcp() {
        return dhcp;
    }

    /** DHCP messages the phones sent (DISCOVER, REQUEST, retransmissions), for the report. */
    public long dhcpMessages() {
        return dhcpSent.get();
    }

    /** A phone's fetcher, from its own address (its lease, or a stand-in: {@link SourceAddresses}). */
    public Fetcher fetcherFor(InetAddress leased, String model) {
        Fetcher f = new NetFetcher(source(leased), timeouts, model);
        return tftpPort == TFTP_PORT ? f : new TftpPortMapping(f, tftpPort);
    }

    /** A Gigaset's HTTP client, from its own address as {@link #fetcherFor}, with the User-Agent it sends. */
    public HttpFetch httpFor(InetAddress leased, String userAgent) {
        return HttpFetch.withUserAgent(source(leased), timeouts, userAgent);
    }

    /** The address to send from for a phone with this lease; null for "any" (shared). */
    private InetAddress source(InetAddress leased) {
        SourceAddresses.Choice c = sources.choose(leased);
        if (c.kind() == SourceAddresses.Kind.STAND_IN && warnedStandIn.compareAndSet(false, true)) {
            LOG.warn("phonesim.stand_in_address leased={} from={} (the lease is not an address of this host: each"
                    + " phone sends from a 127.x address of its own instead, 127.b.c.d for lease a.b.c.d; the servers"
                    + " see that address, so httpd's lease_binding refuses a phone's own files; a relayed subnet and"
                    + " pool inside 127.0.0.0/8 make the lease itself the source)", leased.getHostAddress(),
                    c.from().orElseThrow().getHostAddress());
        }
        if (c.kind() == SourceAddresses.Kind.SHARED && warnedShared.compareAndSet(false, true)) {
            LOG.warn("phonesim.shared_address leased={} ({})", leased.getHostAddress(), sharedWhy);
        }
        return c.from().orElse(null);
    }

    /** Where a phone listens for check-sync: where it sends from, or its lease when it shares the host's address. */
    public InetAddress listenAddress(InetAddress leased) {
        return sources.choose(leased).from().orElse(leased);
    }

    /** Which kind of source address the phones got, for the report. */
    SourceAddresses.Summary addressing() {
        return sources.summary();
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
