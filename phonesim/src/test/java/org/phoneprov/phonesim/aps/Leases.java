package org.phoneprov.phonesim.aps;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import org.phoneprov.phonesim.dhcp.DhcpLease;

/** Leases as the suite's dhcpd hands them out (seed 2.4, 2.5, 4.2), for tests. */
public final class Leases {
    public static final Inet4Address PHONE = (Inet4Address) SampleServer.address("10.77.0.100");
    public static final Inet4Address SERVER = (Inet4Address) SampleServer.SERVER;

    private Leases() {
    }

    public static DhcpLease of(Optional<Inet4Address> nextServer, Optional<String> file, Optional<String> o43,
                               Optional<String> o66, Optional<String> o67, List<Inet4Address> o150) {
        return new DhcpLease(PHONE, SERVER, Optional.empty(), Optional.empty(), Optional.of(3600L), nextServer, file,
                o43, o66, o67, o150, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An HTTP class: option 43 = the INF URL. */
    public static DhcpLease http(String url) {
        return of(Optional.empty(), Optional.empty(), Optional.of(url), Optional.empty(), Optional.empty(), List.of());
    }

    /** A TFTP class as the suite answers it: 66, 150, 67, file and siaddr. */
    public static DhcpLease tftp(String infName) {
        return of(Optional.of(SERVER), Optional.of(infName), Optional.empty(), Optional.of("10.77.0.1"),
                Optional.of(infName), List.of(SERVER));
    }
}
