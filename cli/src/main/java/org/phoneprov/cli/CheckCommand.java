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
        for (org.phoneprov.common.config.SubnetConfig s : c.dhcp().subnets()) {
            long size = s.pools().stream().mapToLong(r -> Integer.toUnsignedLong(org.phoneprov.common.net.Ip4.toInt(r.last()))
                    - Integer.toUnsignedLong(org.phoneprov.common.net.Ip4.toInt(r.first())) + 1).sum();
            System.out.println("  dhcpd subnet " + s.subnet() + ": " + size + " pool addresses" + s.router()
                    .map(r -> ", router " + r.getHostAddress()).orElse(""));
        }
        return 0;
    }
}
