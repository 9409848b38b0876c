package org.phoneprov.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The demo's config and files: the daemon sections for where it runs, stand-in firmware and melodies. */
final class DemoConfig {
    /** Loopback-mode ports, when not the usual ones. */
    record Ports(int http, int tftp, int dhcp) {
    }

    private DemoConfig() {
    }

    static Path write(Path dir, DemoNetwork net, Ports ports) throws IOException {
        String yaml;
        try (InputStream in = DemoConfig.class.getResourceAsStream("/demo/phoneprov.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String a = net.serverAddress();
        yaml = yaml.replace("@DAEMONS@", net.namespaces() ? lanDaemons() : loopbackDaemons(ports)).replace("@ADDRESS@", a);
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

    private static String lanDaemons() {
        return """
                httpd: {enabled: true, bind: 10.77.0.1, port: 80}
                tftpd: {enabled: true, bind: 10.77.0.1, port: 69}
                dhcpd:
                  enabled: true
                  interface: lab0
                  subnets:
                    - {subnet: 10.77.0.0/16, pools: ["10.77.32.1-10.77.32.250"], router: 10.77.0.1}
                sipd:
                  enabled: true
                  interface: lab0
                  pnp:
                    allow: [10.77.0.0/16]
                    vendors: [{vendor: [snom, OEM], url: "http://10.77.0.1/snom/{mac}.xml"}]
                  notify: {span: 2}
                """;
    }

    private static String loopbackDaemons(Ports p) {
        // sipd's plug-and-play needs multicast on a LAN; check-sync (phoneprov notify) works anywhere.
        return """
                httpd: {enabled: true, bind: 127.0.0.1, port: %d}
                tftpd: {enabled: true, bind: 127.0.0.1, port: %d}
                dhcpd:
                  enabled: true
                  bind: 127.0.0.1
                  port: %d
                  subnets:                      # reached through the demo's relay at 127.77.0.1; a pool in
                    # 127.0.0.0/8 is this host's own, so each phone sends from the address it leased
                    - {subnet: 127.77.0.0/16, pools: ["127.77.1.1-127.77.1.250"], router: 127.77.0.1}
                sipd: {enabled: false, notify: {span: 2}}
                """.formatted(p.http(), p.tftp(), p.dhcp());
    }

    static Ports freePorts() throws IOException {
        return new Ports(freeTcp(), freeUdp(), freeUdp());
    }

    private static int freeTcp() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdp() throws IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
