package org.phoneprov.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The test lab of examples/lab: two network namespaces joined by a veth pair, the
 * server end named {@code lab0} with 10.77.0.1/16 and a client end with 10.77.0.2/16.
 * Everything a lab test sends stays inside these namespaces; closing removes them.
 *
 * <p>Lab tests need root. Without it they skip with the reason, unless
 * {@code PHONEPROV_LAB=required} (CI), where a skip would hide a failure, so it fails.
 */
public final class LabNet implements AutoCloseable {
    public static final String SERVER_IP = "10.77.0.1";
    public static final String CLIENT_IP = "10.77.0.2";
    public final String server;
    public final String client;

    private LabNet(String server, String client) {
        this.server = server;
        this.client = client;
    }

    /** Skips (or fails under PHONEPROV_LAB=required) when the lab cannot be built here. */
    public static void requireLab(String... tools) {
        boolean required = "required".equals(System.getenv("PHONEPROV_LAB"));
        String why = null;
        String uid = Sh.run("id", "-u").out().trim();
        if (!uid.equals("0")) {
            why = "lab tests need root to create network namespaces (run as root, e.g. sudo ./run-tests)";
        }
        for (String t : tools) {
            if (why == null && !Sh.have(t)) {
                why = "lab tests need '" + t + "' (./run-tests installs it)";
            }
        }
        if (why != null && required) {
            throw new AssertionError("PHONEPROV_LAB=required but " + why);
        }
        assumeTrue(why == null, why);
    }

    public static LabNet create() {
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        LabNet net = new LabNet("pp-srv-" + tag, "pp-cli-" + tag);
        try {
            Sh.run("ip", "netns", "add", net.server).ok();
            Sh.run("ip", "netns", "add", net.client).ok();
            String peer = "ppc" + tag;
            String lab = "pps" + tag;
            Sh.run("ip", "link", "add", lab, "type", "veth", "peer", "name", peer).ok();
            Sh.run("ip", "link", "set", lab, "netns", net.server).ok();
            Sh.run("ip", "link", "set", peer, "netns", net.client).ok();
            Sh.run(Sh.in(net.server, "ip", "link", "set", lab, "name", "lab0"), 10).ok();
            Sh.run(Sh.in(net.client, "ip", "link", "set", peer, "name", "eth0"), 10).ok();
            for (List<String> c : List.of(
                    Sh.in(net.server, "ip", "addr", "add", SERVER_IP + "/16", "dev", "lab0"),
                    Sh.in(net.server, "ip", "link", "set", "lab0", "up"),
                    Sh.in(net.server, "ip", "link", "set", "lo", "up"),
                    Sh.in(net.client, "ip", "addr", "add", CLIENT_IP + "/16", "dev", "eth0"),
                    Sh.in(net.client, "ip", "link", "set", "eth0", "up"),
                    Sh.in(net.client, "ip", "link", "set", "lo", "up"))) {
                Sh.run(c, 10).ok();
            }
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public void close() {
        Sh.run(List.of("ip", "netns", "del", client), 10);
        Sh.run(List.of("ip", "netns", "del", server), 10);
    }
}
