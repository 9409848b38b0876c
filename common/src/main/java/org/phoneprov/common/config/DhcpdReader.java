package org.phoneprov.common.config;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Addresses;
import org.phoneprov.common.net.Cidr;

/** Reads dhcpd's subnets, lease times and limits from the {@code dhcpd:} section. */
public final class DhcpdReader implements SectionReader<DhcpdSettings> {
    public static final DhcpdReader SECTION = new DhcpdReader();
    private static final Set<String> KEYS = Set.of("server_id", "lease_time", "offer_hold", "decline_hold", "rate_limit",
            "subnets", HaReader.KEY);

    private DhcpdReader() {
    }

    @Override
    public String name() {
        return "dhcpd";
    }

    @Override
    public int defaultPort() {
        return 67;
    }

    @Override
    public Set<String> keys() {
        return KEYS;
    }

    @Override
    public DhcpdSettings read(Optional<MapView> section, SectionContext context) {
        return read(section, context.base(), context.problems());
    }

    @Override
    public void check(Section<DhcpdSettings> section, SuiteConfig whole, MapView root, Problems problems) {
        checkFixedAddresses(whole.devices(), section.settings(), problems);
        checkServerAddress(root, section, whole.identity(), problems);
    }

    /** dhcpd speaks IPv4: its server id (option 54, and where replies come from) must be an IPv4 address. */
    private void checkServerAddress(MapView root, Section<DhcpdSettings> section, Identity identity,
                                           Problems problems) {
        DhcpdSettings dhcp = section.settings();
        if (!section.listen().enabled() || dhcp.serverAddress(identity) instanceof Inet4Address) {
            return;
        }
        boolean own = dhcp.serverId().isPresent();
        MapView where = own ? root.map(name()).orElseThrow() : root.map("suite").orElse(root);
        String key = own ? "server_id" : "address";
        problems.add(where.at(key), where.keyPath(key), "dhcpd is enabled and needs an IPv4 server address; "
                + (own ? "" : "set dhcpd.server_id to one, or make suite.address IPv4"));
    }

    /** A device's fixed address must be unique and, when dhcpd has subnets, inside one of them. */
    private static void checkFixedAddresses(Map<Mac, Device> devices, DhcpdSettings dhcp, Problems problems) {
        Map<InetAddress, Device> taken = new HashMap<>();
        for (Device d : devices.values()) {
            if (d.address().isEmpty()) {
                continue;
            }
            InetAddress a = d.address().get();
            Device other = taken.putIfAbsent(a, d);
            if (other != null) {
                problems.add(d.at(), "address", a.getHostAddress() + " is already the address of " + other.mac()
                        + " (" + other.at().file().getFileName() + ":" + other.at().line() + ")");
            }
            if (!dhcp.subnets().isEmpty() && dhcp.subnets().stream().noneMatch(s -> inside(s.subnet(), a))) {
                problems.add(d.at(), "address", "the fixed address " + a.getHostAddress() + " of " + d.mac()
                        + " is in none of dhcpd's subnets");
            }
        }
    }

    static DhcpdSettings read(Optional<MapView> section, java.nio.file.Path base, Problems problems) {
        if (section.isEmpty()) {
            return DhcpdSettings.defaults();
        }
        MapView d = section.get();
        DhcpdSettings def = DhcpdSettings.defaults();
        Optional<InetAddress> serverId = d.address("server_id");
        int lease = d.integer("lease_time", def.leaseSeconds(), 60, 31_536_000);
        int offerHold = d.integer("offer_hold", def.offerHoldSeconds(), 1, 3600);
        int declineHold = d.integer("decline_hold", def.declineHoldSeconds(), 1, 604_800);
        DhcpdSettings.RateLimits limits = d.map("rate_limit").map(r -> {
            r.allowOnly("per_client", "global");
            return new DhcpdSettings.RateLimits(r.integer("per_client", def.limits().perClient(), 1, 100_000),
                    r.integer("global", def.limits().global(), 1, 10_000_000));
        }).orElse(def.limits());
        List<SubnetConfig> subnets = new ArrayList<>();
        for (MapView.Item item : d.list("subnets")) {
            MapView.of(item.node(), item.path(), problems).flatMap(s -> subnet(s, problems)).ifPresent(subnets::add);
        }
        for (int i = 0; i < subnets.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (overlap(subnets.get(i).subnet(), subnets.get(j).subnet())) {
                    problems.add(subnets.get(i).at(), "dhcpd.subnets[" + i + "].subnet", "overlaps "
                            + subnets.get(j).subnet() + " (line " + subnets.get(j).at().line() + ")");
                }
            }
        }
        return new DhcpdSettings(serverId, lease, offerHold, declineHold, limits, subnets,
                HaReader.read(d, base, problems));
    }

    private static Optional<SubnetConfig> subnet(MapView s, Problems problems) {
        s.allowOnly("subnet", "pools", "router", "dns", "domain", "lease_time");
        Optional<Cidr> cidr = s.requiredString("subnet").flatMap(t -> {
            Optional<Cidr> c = Cidr.parse(t).filter(x -> x.network().getAddress().length == 4);
            if (c.isEmpty()) {
                problems.add(s.at("subnet"), s.keyPath("subnet"), "'" + t + "' is not an IPv4 CIDR like 10.77.0.0/16");
            } else if (!c.get().network().equals(c.get().firstAddress())) {
                problems.add(s.at("subnet"), s.keyPath("subnet"), "'" + t + "' has host bits set; the network is "
                        + c.get().firstAddress().getHostAddress() + "/" + c.get().prefix());
                return Optional.empty();
            }
            return c;
        });
        List<SubnetConfig.AddressRange> pools = new ArrayList<>();
        for (String p : s.strings("pools")) {
            Optional<SubnetConfig.AddressRange> r = range(p);
            if (r.isEmpty()) {
                problems.add(s.at("pools"), s.keyPath("pools"), "'" + p + "' is not a range like 10.77.1.0-10.77.255.254");
                continue;
            }
            if (cidr.isPresent() && !(inside(cidr.get(), r.get().first()) && inside(cidr.get(), r.get().last()))) {
                problems.add(s.at("pools"), s.keyPath("pools"), "'" + p + "' is not inside " + cidr.get()
                        + " (without its network and broadcast addresses)");
                continue;
            }
            for (SubnetConfig.AddressRange other : pools) {
                if (toLong(r.get().first()) <= toLong(other.last()) && toLong(other.first()) <= toLong(r.get().last())) {
                    problems.add(s.at("pools"), s.keyPath("pools"), "'" + p + "' overlaps " + other);
                }
            }
            pools.add(r.get());
        }
        Optional<InetAddress> router = s.address("router");
        if (router.isPresent() && cidr.isPresent() && !cidr.get().contains(router.get())) {
            problems.add(s.at("router"), s.keyPath("router"), router.get().getHostAddress() + " is not in " + cidr.get());
        }
        List<InetAddress> dns = new ArrayList<>();
        for (String t : s.strings("dns")) {
            Addresses.parseLiteral(t).filter(a -> a.getAddress().length == 4).ifPresentOrElse(dns::add, () ->
                    problems.add(s.at("dns"), s.keyPath("dns"), "'" + t + "' is not an IPv4 address"));
        }
        Optional<Integer> lease = s.has("lease_time") ? Optional.of(s.integer("lease_time", 3600, 60, 31_536_000))
                : Optional.empty();
        return cidr.map(c -> new SubnetConfig(c, pools, router, dns, s.string("domain"), lease, s.at("subnet")));
    }

    static Optional<SubnetConfig.AddressRange> range(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Optional<InetAddress> a = Addresses.parseLiteral(text.substring(0, dash).trim());
        Optional<InetAddress> b = Addresses.parseLiteral(text.substring(dash + 1).trim());
        if (a.isEmpty() || b.isEmpty() || a.get().getAddress().length != 4 || b.get().getAddress().length != 4
                || toLong(a.get()) > toLong(b.get())) {
            return Optional.empty();
        }
        return Optional.of(new SubnetConfig.AddressRange(a.get(), b.get()));
    }

    /** Inside the subnet and neither its network nor its broadcast address (for prefixes up to /30). */
    static boolean inside(Cidr c, InetAddress a) {
        if (!c.contains(a)) {
            return false;
        }
        if (c.prefix() >= 31) {
            return true;
        }
        long v = toLong(a);
        long first = toLong(c.firstAddress());
        long last = first + (1L << (32 - c.prefix())) - 1;
        return v != first && v != last;
    }

    static boolean overlap(Cidr a, Cidr b) {
        return a.contains(b.network()) || b.contains(a.network());
    }

    static long toLong(InetAddress a) {
        return new BigInteger(1, a.getAddress()).longValue();
    }
}
