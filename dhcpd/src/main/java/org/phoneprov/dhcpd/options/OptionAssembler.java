package org.phoneprov.dhcpd.options;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.DeviceClass;
import org.phoneprov.common.config.DhcpClassOptions;
import org.phoneprov.common.config.OptionSpec;
import org.phoneprov.common.config.SubnetConfig;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.dhcpd.classify.Classification;

/**
 * Builds the options of an OFFER, ACK or INFORM reply, step by step:
 * <ol>
 *   <li>lease time 51, T1 58 = 50 % and T2 59 = 87.5 % of it (RFC 2131 4.4.5) — not for
 *       an INFORM reply, which MUST NOT carry them (RFC 2131 4.3.5);</li>
 *   <li>the subnet's mask 1 (from its prefix), router 3, DNS servers 6, domain 15;</li>
 *   <li>the class's provisioning: HTTP → 43, TFTP → 66/150/67, {@code file}, next-server
 *       (see {@link ProvisionOptions}; APS seed 2.4, 2.5, 4.2); for a Gigaset, HTTP → 114;</li>
 *   <li>the class's own {@code file} and {@code sname}, replacing the provisioned ones
 *       (option 67 stays: seed 4.2, it wins over {@code file} on the phone);</li>
 *   <li>the class's VLAN: 190 (enable, 1 byte), 191 (voice id, 2 bytes), 192 (data id,
 *       2 bytes), each only when the client's option 55 asks for it (seed 4.3-4.4);</li>
 *   <li>the class's own options, already encoded, added or replacing the above, except
 *       the ones {@link DhcpOption#serverWritten() the server writes itself};</li>
 *   <li>order: the client's option 55 first ({@link RequestOrder}).</li>
 * </ol>
 * 53 and 54 are never in the result: the server adds them. A client in no class gets
 * steps 1 and 2 only. Computes per-model values at construction; immutable, thread-safe.
 */
public final class OptionAssembler {
    /** A lease this long is infinite (RFC 2132 9.2): no T1/T2 then. */
    static final long INFINITE = 0xFFFF_FFFFL;

    private final ProvisionOptions provision;

    public OptionAssembler(SuiteConfig config) {
        this.provision = new ProvisionOptions(config);
    }

    /**
     * @param parameterRequestList the client's option 55, in its order; empty when it sent none
     * @param leaseSeconds         the lease the server grants (ignored for INFORM)
     * @param inform               the reply answers a DHCPINFORM
     */
    public Assembled assemble(SubnetConfig subnet, Classification c, List<Integer> parameterRequestList,
                              long leaseSeconds, boolean inform) {
        Draft d = new Draft();
        if (!inform) {
            leaseTimes(leaseSeconds, d);
        }
        subnetOptions(subnet, d);
        Optional<DhcpClassOptions> dhcp = c.deviceClass().map(DeviceClass::dhcp);
        if (dhcp.isPresent()) {
            provision.add(dhcp.get().provision(), c.model(), c.vendor(), d);
            dhcp.get().file().ifPresent(f -> d.file = Optional.of(f));
            dhcp.get().sname().ifPresent(s -> d.sname = Optional.of(s));
            dhcp.get().vlan().ifPresent(v -> vlan(v, parameterRequestList, d));
            classOptions(c.className(), dhcp.get().options(), d);
        }
        return new Assembled(RequestOrder.apply(d.options, parameterRequestList), d.nextServer, d.file, d.sname,
                d.notes);
    }

    private static void leaseTimes(long leaseSeconds, Draft d) {
        long lease = Math.max(0, Math.min(leaseSeconds, INFINITE));
        d.put(DhcpOption.LEASE_TIME.code(), OptionBytes.u32(lease));
        if (lease != INFINITE) {
            d.put(DhcpOption.RENEWAL_T1.code(), OptionBytes.u32(lease / 2));
            d.put(DhcpOption.REBINDING_T2.code(), OptionBytes.u32(lease * 7 / 8));
        }
    }

    private static void subnetOptions(SubnetConfig s, Draft d) {
        d.put(DhcpOption.SUBNET_MASK.code(), OptionBytes.netmask(s.subnet().prefix()));
        s.router().flatMap(OptionBytes::ipv4).ifPresent(r -> d.put(DhcpOption.ROUTER.code(), r));
        OptionBytes.ipv4List(s.dns()).ifPresent(dns -> d.put(DhcpOption.DNS.code(), dns));
        s.domain().ifPresent(name -> d.put(DhcpOption.DOMAIN_NAME.code(), OptionBytes.ascii(name)));
    }

    /** Seed 4.3-4.4: each of 190/191/192 only when option 55 lists it. */
    private static void vlan(DhcpClassOptions.Vlan v, List<Integer> requested, Draft d) {
        Set<Integer> asked = new HashSet<>(requested);
        List<Integer> sent = new ArrayList<>(3);
        if (asked.contains(DhcpOption.VLAN_ENABLE.code())) {
            d.put(DhcpOption.VLAN_ENABLE.code(), OptionBytes.u8(v.enable()));
            sent.add(DhcpOption.VLAN_ENABLE.code());
        }
        if (asked.contains(DhcpOption.VOICE_VLAN.code())) {
            d.put(DhcpOption.VOICE_VLAN.code(), OptionBytes.u16(v.voice()));
            sent.add(DhcpOption.VOICE_VLAN.code());
        }
        if (asked.contains(DhcpOption.DATA_VLAN.code())) {
            d.put(DhcpOption.DATA_VLAN.code(), OptionBytes.u16(v.data()));
            sent.add(DhcpOption.DATA_VLAN.code());
        }
        if (sent.isEmpty()) {
            d.note("no VLAN options: the client did not ask for 190/191/192 (seed 4.4.2: it asks when its VLAN parameter is 1)");
        } else if (sent.size() < 3) {
            d.note("VLAN options " + sent + " only: the client asked for no more, and seed 4.4.3 needs all three");
        }
    }

    private static void classOptions(String className, List<OptionSpec> options, Draft d) {
        for (OptionSpec o : options) {
            if (DhcpOption.valueOf(o.code()).isServerWritten()) {
                continue; // the loader refuses these; the server writes them from the exchange
            }
            if (d.options.containsKey(o.code())) {
                d.note("class " + className + " option " + o.code() + " replaces the value dhcpd computed");
            }
            d.put(o.code(), o.value());
        }
    }
}
