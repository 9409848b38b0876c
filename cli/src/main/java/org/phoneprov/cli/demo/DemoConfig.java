package org.phoneprov.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phoneprov.cli.run.DaemonRegistry;

/**
 * The demo's config and files: the daemon sections for where it runs, stand-in firmware and
 * melodies. Each daemon of the registry brings its own section, {@code demo/daemons/NAME.lan.yaml}
 * (namespaces) or {@code NAME.loopback.yaml} (where {@code @PORT@} is a free port); a daemon
 * without one runs on its defaults.
 */
final class DemoConfig {
    /** Loopback-mode ports, by daemon: each free for TCP and UDP both. */
    record Ports(Map<String, Integer> byDaemon) {
        Ports {
            byDaemon = Map.copyOf(byDaemon);
        }

        int of(String daemon) {
            Integer p = byDaemon.get(daemon);
            if (p == null) {
                throw new IllegalArgumentException("no demo port for " + daemon);
            }
            return p;
        }

        int tftp() {
            return of("tftpd");
        }
    }

    private DemoConfig() {
    }

    static Path write(Path dir, DemoNetwork net, Ports ports) throws IOException {
        String yaml;
        try (InputStream in = DemoConfig.class.getResourceAsStream("/demo/phoneprov.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String a = net.serverAddress();
        yaml = yaml.replace("@DAEMONS@", daemons(net.namespaces() ? "lan" : "loopback", ports)).replace("@ADDRESS@", a);
        Path config = dir.resolve("phoneprov.yaml");
        Files.writeString(config, yaml);
        for (String f : List.of("st2030/v2030SG.R11.1.090213.2.67.1.zz", "st2030/v2030MG.R11.1.090213.2.67.1.zz",
                "st2030/ringtone_033006.txt", "st2030/ringtone_040406.txt", "st2030/ringtone_040406CWT.txt",
                "st2030/BT.txt", "st2030/decks/main.thd", "st2030/decks/call.thd", "common/ToneTable.txt",
                "common/LangTable.txt", "st2022/v2022SG.R11.1.090213.2.67.1.zz",
                "st2022/v2022MG.R11.1.090213.2.67.1.zz", "st2022/ringtone_033006.txt", "st2022/decks/main.thd")) {
            Path p = dir.resolve("files").resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "stand-in for " + f + " (demo)\n");
        }
        return config;
    }

    private static String daemons(String where, Ports ports) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : DaemonRegistry.BUILT_IN.names()) {
            try (InputStream in = DemoConfig.class.getResourceAsStream("/demo/daemons/" + name + "." + where + ".yaml")) {
                if (in == null) {
                    continue;
                }
                String section = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                all.append(section.contains("@PORT@") ? section.replace("@PORT@", Integer.toString(ports.of(name)))
                        : section);
            }
        }
        return all.toString().stripTrailing();
    }

    static Ports freePorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : DaemonRegistry.BUILT_IN.names()) {
            int p;
            do {
                p = freePort();
            } while (ports.containsValue(p));
            ports.put(name, p);
        }
        return new Ports(ports);
    }

    /** A port free for TCP and for UDP on loopback, whichever the daemon listens with. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (BindException taken) {
                // the UDP port of that number is someone's: try another
            }
        }
        throw new IOException("no loopback port free for both TCP and UDP after 50 tries");
    }
}
