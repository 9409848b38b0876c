package org.phoneprov.cli.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phoneprov.acsd.AcsDaemon;
import org.phoneprov.apid.ApiDaemon;
import org.phoneprov.common.config.SectionReader;
import org.phoneprov.common.daemon.DaemonSpec;
import org.phoneprov.dhcpd.server.DhcpDaemon;
import org.phoneprov.httpd.HttpDaemon;
import org.phoneprov.sipd.server.SipDaemon;
import org.phoneprov.tftpd.server.TftpDaemon;

/**
 * The daemons this build runs, in start order; the one list of their names. The config's
 * daemon sections, {@code run --only}, the runtime's start loop and the reload rules all
 * come from here, so a new daemon is its module plus one line below.
 */
public record DaemonRegistry(List<DaemonSpec> specs) {
    public static final DaemonRegistry BUILT_IN = new DaemonRegistry(List.of(
            DhcpDaemon.SPEC,
            TftpDaemon.SPEC,
            HttpDaemon.SPEC,
            SipDaemon.SPEC,
            ApiDaemon.SPEC,
            AcsDaemon.SPEC));

    public DaemonRegistry {
        specs = List.copyOf(specs);
        Set<String> names = new LinkedHashSet<>();
        for (DaemonSpec s : specs) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two daemons named " + s.name());
            }
        }
    }

    /** The config sections these daemons read, in start order: what {@code ConfigLoader} is given. */
    public List<SectionReader<?>> sections() {
        return specs.stream().<SectionReader<?>>map(DaemonSpec::section).toList();
    }

    public List<String> names() {
        return specs.stream().map(DaemonSpec::name).toList();
    }

    /** This registry with {@code more} after its own daemons (tests, bundles). */
    public DaemonRegistry plus(DaemonSpec more) {
        List<DaemonSpec> all = new ArrayList<>(specs);
        all.add(more);
        return new DaemonRegistry(all);
    }
}
