package org.phoneprov.cli.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the demo runs. As root: two network namespaces it creates — the suite on a bridge
 * {@code lab0} with 10.77.0.1/16, the phones on 10.77.0.2/16 with the lease ranges made
 * local so each phone sends from its own address — and removes at the end; nothing leaves
 * them. Otherwise: loopback, phones on 127.77.x.y, DHCP through a relay on an unprivileged
 * port (RFC 8357).
 */
public final class DemoNetwork implements AutoCloseable {
    static final String LAN_SERVER = "10.77.0.1";
    static final String LOOPBACK_SERVER = "127.0.0.1";
    /** The relay's address in loopback mode: dhcpd picks the phones' subnet by it (giaddr). */
    static final String LOOPBACK_RELAY = "127.77.0.1";
    private static final List<String> LOCAL_RANGES = List.of("10.77.1.0/24", "10.77.2.0/23", "10.77.4.0/22",
            "10.77.8.0/21", "10.77.16.0/20", "10.77.32.0/19", "10.77.64.0/18", "10.77.128.0/17");
    private final boolean namespaces;
    private final String server;
    private final String phones;
    private final List<String> made = new ArrayList<>();

    private DemoNetwork(boolean namespaces, String tag) {
        this.namespaces = namespaces;
        this.server = "ppdemo-srv-" + tag;
        this.phones = "ppdemo-ph-" + tag;
    }

    /** Namespaces when we are root and {@code ip} works, else loopback. */
    public static DemoNetwork create(boolean forceLoopback) throws IOException, InterruptedException {
        String tag = Long.toString(ProcessHandle.current().pid());
        boolean root = !forceLoopback && "0".equals(run(List.of("id", "-u")).trim())
                && run(List.of("sh", "-c", "command -v ip")).contains("ip");
        DemoNetwork n = new DemoNetwork(root, tag);
        if (root) {
            try {
                n.build();
            } catch (IOException | RuntimeException e) {
                n.close();
                throw e;
            }
        }
        return n;
    }

    private void build() throws IOException, InterruptedException {
        for (String ns : List.of(server, phones)) {
            sh("ip", "netns", "add", ns);
            made.add(ns);
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        String a = "ppd" + ProcessHandle.current().pid() % 100000 + "a";
        String b = "ppd" + ProcessHandle.current().pid() % 100000 + "b";
        sh("ip", "-n", server, "link", "add", "lab0", "type", "bridge");
        sh("ip", "-n", server, "addr", "add", LAN_SERVER + "/16", "dev", "lab0");
        sh("ip", "-n", server, "link", "set", "lab0", "up");
        sh("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        sh("ip", "link", "set", a, "netns", server);
        sh("ip", "link", "set", b, "netns", phones);
        sh("ip", "-n", server, "link", "set", a, "master", "lab0");
        sh("ip", "-n", server, "link", "set", a, "up");
        sh("ip", "-n", phones, "link", "set", b, "name", "eth0");
        sh("ip", "-n", phones, "addr", "add", "10.77.0.2/16", "dev", "eth0");
        sh("ip", "-n", phones, "link", "set", "eth0", "up");
        sh("ip", "-n", phones, "route", "add", "255.255.255.255/32", "dev", "eth0");
        for (String r : LOCAL_RANGES) {
            sh("ip", "-n", phones, "route", "add", "local", r, "dev", "lo");
        }
    }

    public boolean namespaces() {
        return namespaces;
    }

    /** The address the suite serves on. */
    public String serverAddress() {
        return namespaces ? LAN_SERVER : LOOPBACK_SERVER;
    }

    /** A command to run where the suite runs. */
    public List<String> onServer(List<String> cmd) {
        return in(server, cmd);
    }

    /** A command to run where the phones are. */
    public List<String> onPhones(List<String> cmd) {
        return in(phones, cmd);
    }

    private List<String> in(String ns, List<String> cmd) {
        if (!namespaces) {
            return cmd;
        }
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(cmd);
        return all;
    }

    public String describe() {
        return namespaces ? "network namespaces " + server + " (the suite, " + LAN_SERVER + " on lab0) and " + phones
                + " (the phones' LAN)" : "loopback (not root: phones on 127.77.x.y, DHCP through a relay)";
    }

    private static void sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Anything still running in our namespaces was started by the demo; then the namespaces go. */
    @Override
    public void close() {
        for (String ns : made) {
            for (String pid : run(List.of("ip", "netns", "pids", ns)).lines().map(String::trim)
                    .filter(s -> !s.isEmpty()).toList()) {
                run(List.of("kill", "-9", pid));
            }
            run(List.of("ip", "netns", "del", ns));
        }
        made.clear();
    }
}
