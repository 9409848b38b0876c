package org.phoneprov.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.phoneprov.common.config.DaemonConfig;
import org.phoneprov.common.config.SuiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code phoneprov check}: validates the config and renders every file, without starting anything. */
@Command(name = "check", description = "Validate a config: exit 0, or print FILE:LINE:COL: errors and exit 1.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption options;

    @picocli.CommandLine.Option(names = "--tftp-name", paramLabel = "NAME",
            description = "Show what a name requested over TFTP maps to and what it finds (repeatable).")
    java.util.List<String> tftpNames = java.util.List.of();

    @Override
    public Integer call() {
        Optional<Loaded.Ok> ok = Loaded.loadOrReport(options.config, System.err);
        if (ok.isEmpty()) {
            return 1;
        }
        SuiteConfig c = ok.get().config();
        System.out.println(c.source() + ": OK");
        System.out.println("  devices: " + c.devices().size() + ", classes: " + c.classes().size());
        System.out.println("  phones reach the suite at " + c.identity().address().getHostAddress()
                + "; HTTP base " + ok.get().snapshot().urls().httpBase());
        for (DaemonConfig d : c.daemons()) {
            System.out.println("  " + d.name() + ": " + (d.enabled()
                    ? "enabled on " + d.bind().getHostAddress() + ":" + d.port() + d.iface().map(i -> " (" + i + ")").orElse("")
                    : "disabled"));
        }
        for (String name : tftpNames) {
            String mapped = c.tftp().mapName(name);
            org.phoneprov.common.provision.Transport t = org.phoneprov.common.provision.Transport.TFTP;
            org.phoneprov.common.provision.Lookup l = c.tftp().caseInsensitive()
                    ? ok.get().snapshot().resolveIgnoringCase(mapped, t) : ok.get().snapshot().resolve(mapped, t);
            String found = l instanceof org.phoneprov.common.provision.Lookup.Found f
                    ? "found " + f.file().kind() + " " + f.file().name() + " (" + f.file().length() + " bytes)"
                    : l instanceof org.phoneprov.common.provision.Lookup.Rejected r ? "refused: " + r.reason() : "not found";
            System.out.println("  tftp name '" + name + "' -> '" + mapped + "': " + found);
        }
        for (org.phoneprov.common.config.SubnetConfig s : c.dhcp().subnets()) {
            long size = s.pools().stream().mapToLong(r -> Integer.toUnsignedLong(org.phoneprov.common.net.Ip4.toInt(r.last()))
                    - Integer.toUnsignedLong(org.phoneprov.common.net.Ip4.toInt(r.first())) + 1).sum();
            System.out.println("  dhcpd subnet " + s.subnet() + ": " + size + " pool addresses" + s.router()
                    .map(r -> ", router " + r.getHostAddress()).orElse(""));
        }
        return 0;
    }
}
