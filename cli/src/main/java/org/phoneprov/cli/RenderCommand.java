package org.phoneprov.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.FileKind;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.Transport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phoneprov render}: shows exactly what a phone would receive, without a network. */
@Command(name = "render", description = {
        "Show what a phone receives: its files (--mac), one file's content (--mac --file),",
        "or write every generated file to a folder (--all --out DIR)."})
final class RenderCommand implements Callable<Integer> {
    @Mixin
    ConfigOption options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--mac", paramLabel = "MAC", description = "A device of the inventory, in any MAC notation.")
        String mac;

        @Option(names = "--all", description = "Every generated file (INFs, common configs, telcfgs, MAC configs).")
        boolean all;
    }

    @Option(names = "--file", paramLabel = "NAME", description = "Print this file as the device would receive it.")
    String file;

    @Option(names = "--plain", description = "With --file: an encrypted file (a .ser config, a Gigaset profile with a"
            + " profile_key) as the phone reads it once decrypted.")
    boolean plain;

    @Option(names = "--out", paramLabel = "DIR", description = "With --all: the folder to write into.")
    Path out;

    @Option(names = "--transport", defaultValue = "http", paramLabel = "http|tftp",
            description = "INF flavour: URLs for http (default), file names for tftp.")
    Transport transport;

    @Override
    public Integer call() throws IOException {
        Optional<Loaded.Ok> ok = Loaded.loadOrReport(options.config, System.err);
        if (ok.isEmpty()) {
            return 1;
        }
        ProvisioningSnapshot snap = ok.get().snapshot();
        if (target.all) {
            if (out == null) {
                System.err.println("render --all needs --out DIR");
                return 2;
            }
            return writeAll(snap);
        }
        Optional<Mac> mac = Mac.parse(target.mac);
        if (mac.isEmpty()) {
            System.err.println("'" + target.mac + "' is not a MAC address (write 00:14:7F:E1:47:B3 or 00147FE147B3)");
            return 2;
        }
        if (ok.get().config().device(mac.get()).isEmpty()) {
            System.err.println("no device " + mac.get() + " in the inventory of " + options.config);
            return 1;
        }
        if (file != null) {
            Lookup l = snap.resolve(file, transport);
            if (l instanceof Lookup.Found f && f.file() instanceof ServedFile.Generated g) {
                System.out.write(plain ? snap.plainText(g).orElse(g.bytes()) : g.bytes());
                System.out.flush();
                return 0;
            }
            if (l instanceof Lookup.Found f && f.file() instanceof ServedFile.Static s) {
                System.out.write(Files.readAllBytes(s.path()));
                System.out.flush();
                return 0;
            }
            System.err.println("no file named '" + file + "' for " + mac.get() + " (" + describe(l) + ")");
            return 1;
        }
        Device device = ok.get().config().device(mac.get()).orElseThrow();
        List<ServedFile.Generated> files = snap.filesOf(mac.get(), transport);
        if (device.model().isGigaset()) {
            // One provisioning profile, no INF (Gigaset seed): its download order is not the APS seed's.
            boolean encrypted = files.stream().anyMatch(g -> snap.plainText(g).isPresent());
            System.out.println("The profile of " + mac.get() + " (" + device.model() + (encrypted
                    ? ", AES-128 with the profile_key of provider " + device.provider().orElse("?")
                    + "; --plain shows it decrypted" : "") + "):");
        } else {
            System.out.println("Files for " + mac.get() + " over " + transport + ", in download order (APS seed 2.4.1):");
        }
        for (ServedFile.Generated g : files) {
            String sn = g.kind() == FileKind.MAC_CONFIG ? "  config_sn=" + configSn(snap.plainText(g).orElse(g.bytes())) : "";
            System.out.printf("  %-14s %-34s %6d bytes%s%n", g.kind(), g.name(), g.length(), sn);
        }
        System.out.println("Show one with: --file NAME");
        return 0;
    }

    private int writeAll(ProvisioningSnapshot snap) throws IOException {
        Files.createDirectories(out);
        List<ServedFile.Generated> all = new ArrayList<>(snap.shared(transport).values());
        all.addAll(snap.macConfigs().values());
        for (ServedFile.Generated g : all) {
            Path target = out.resolve(g.name());
            Files.createDirectories(target.getParent()); // gigaset/<MAC>.xml
            Files.write(target, g.bytes());
        }
        System.out.println("wrote " + all.size() + " files to " + out);
        return 0;
    }

    static String configSn(byte[] text) {
        for (String line : new String(text, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("config_sn=")) {
                return line.substring("config_sn=".length());
            }
        }
        return "?";
    }

    private static String describe(Lookup l) {
        return l instanceof Lookup.Rejected r ? "refused: " + r.reason() : "not found";
    }
}
