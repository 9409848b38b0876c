package org.phoneprov.common.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.config.yaml.Node;
import org.phoneprov.common.config.yaml.YamlTreeReader;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Addresses;
import org.phoneprov.common.provision.Model;

/**
 * Reads and validates the shared config: YAML → located tree → strict typed reads →
 * an immutable {@link SuiteConfig}. Nothing here touches live state, so a failed load
 * (at start or on SIGHUP) changes nothing.
 */
public final class ConfigLoader {
    static final String[] TOP_KEYS = {"suite", "paths", "httpd", "tftpd", "dhcpd", "sipd", "vars", "models",
            "classes", "devices", "inventory"};
    private static final int[] DEFAULT_PORTS = {80, 69, 67, 5060};
    private static final String[] DAEMONS = {"httpd", "tftpd", "dhcpd", "sipd"};

    private ConfigLoader() {
    }

    public static LoadResult load(Path file) {
        Path source = file.toAbsolutePath().normalize();
        Problems problems = new Problems();
        Optional<MapView> top = readFile(source, problems, new Location(source, 1, 1), "");
        if (top.isEmpty()) {
            return LoadResult.failed(problems.sorted());
        }
        MapView root = top.get();
        root.allowOnly(TOP_KEYS);
        Path base = source.getParent();

        Identity identity = identity(root, problems);
        PathsConfig paths = paths(root, base, problems);
        Map<String, DaemonConfig> daemons = new LinkedHashMap<>();
        DhcpdSettings dhcp = DhcpdReader.read(root.map("dhcpd"), problems);
        TftpdSettings tftp = TftpdReader.read(root.map("tftpd"), problems);
        SipdSettings sip = SipdReader.read(root.map("sipd"), problems);
        for (int i = 0; i < DAEMONS.length; i++) {
            // Without its section a daemon is off, except httpd: a config with phones and no
            // daemon sections should still serve them.
            daemons.put(DAEMONS[i], daemon(root, DAEMONS[i], DEFAULT_PORTS[i], DAEMONS[i].equals("httpd")));
        }
        HttpdSettings http = HttpdReader.read(root.map("httpd"), base, daemons.get("httpd"), problems);
        Map<String, String> vars = root.stringMap("vars");
        Map<Model, ModelConfig> models = ModelsReader.read(root, paths, problems);
        Map<String, DeviceClass> classes = ClassesReader.read(root, problems);
        Map<Mac, Device> devices = InventoryReader.read(root, base, classes, problems);
        checkFixedAddresses(devices, dhcp, problems);
        checkDhcpServerAddress(root, daemons.get("dhcpd"), dhcp, identity, problems);
        checkPnpInterface(root, daemons.get("sipd"), sip, problems);

        if (!problems.isEmpty()) {
            return LoadResult.failed(problems.sorted());
        }
        return LoadResult.ok(new SuiteConfig(source, identity, paths, daemons.get("httpd"), daemons.get("tftpd"),
                daemons.get("dhcpd"), daemons.get("sipd"), dhcp, tftp, sip, vars, models, classes, devices, http));
    }

    /** Reads a YAML file whose top is a mapping; I/O and syntax errors become problems at {@code from}. */
    static Optional<MapView> readFile(Path file, Problems problems, Location from, String key) {
        try {
            Node n = YamlTreeReader.read(file);
            return MapView.of(n, "", problems);
        } catch (NoSuchFileException e) {
            problems.add(from, key, "file not found: " + file);
        } catch (IOException e) {
            problems.add(from, key, "cannot read " + file + ": " + e.getMessage());
        } catch (YamlTreeReader.YamlError e) {
            problems.add(e.at(), "", e.getMessage());
        }
        return Optional.empty();
    }

    private static Identity identity(MapView root, Problems problems) {
        Location missingAt = root.at();
        Optional<MapView> suite = root.map("suite");
        if (suite.isEmpty()) {
            if (!root.has("suite")) {
                problems.add(missingAt, "suite", "missing; say at least 'suite: {address: <the address phones reach this server on>}'");
            }
            return new Identity("phoneprov", InetAddress.getLoopbackAddress(), Optional.empty(), InetAddress.getLoopbackAddress());
        }
        MapView s = suite.get();
        s.allowOnly("name", "address", "hostname", "check_sync_source");
        String name = s.string("name", "phoneprov");
        InetAddress address = s.has("address") ? s.address("address").orElse(InetAddress.getLoopbackAddress())
                : missing(s, "address", problems);
        Optional<String> hostname = s.string("hostname");
        hostname.ifPresent(h -> {
            if (!h.matches("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")) {
                problems.add(s.at("hostname"), s.keyPath("hostname"), "'" + h + "' is not a valid host name");
            }
        });
        InetAddress checkSync = s.address("check_sync_source").orElse(address);
        return new Identity(name, address, hostname, checkSync);
    }

    private static InetAddress missing(MapView m, String key, Problems problems) {
        problems.add(m.at(), m.keyPath(key), "missing; this key is required");
        return InetAddress.getLoopbackAddress();
    }

    private static PathsConfig paths(MapView root, Path base, Problems problems) {
        Optional<MapView> pv = root.map("paths");
        Optional<Path> templates = Optional.empty();
        Path files = base.resolve("files");
        Path state = Path.of("/var/lib/phoneprov");
        Location filesAt = root.at();
        String filesKey = "paths.files";
        if (pv.isPresent()) {
            MapView p = pv.get();
            p.allowOnly("templates", "files", "state");
            templates = p.string("templates").map(base::resolve).map(Path::normalize);
            files = p.string("files").map(base::resolve).map(Path::normalize).orElse(files);
            state = p.string("state").map(base::resolve).map(Path::normalize).orElse(state);
            filesAt = p.at("files");
            if (templates.isPresent() && !Files.isDirectory(templates.get())) {
                problems.add(p.at("templates"), p.keyPath("templates"), "not a folder: " + templates.get());
            }
        }
        if (!Files.isDirectory(files)) {
            problems.add(filesAt, filesKey, "the files root is not a folder: " + files
                    + " (create it, or set paths.files)");
        }
        return new PathsConfig(templates, files, state);
    }

    private static DaemonConfig daemon(MapView root, String name, int defaultPort, boolean enabledByDefault) {
        Optional<MapView> dv = root.map(name);
        if (dv.isEmpty()) {
            return new DaemonConfig(name, enabledByDefault, anyAddress(), Optional.empty(), defaultPort);
        }
        MapView d = dv.get();
        java.util.Set<String> keys = new java.util.HashSet<>(java.util.List.of("enabled", "bind", "interface", "port"));
        if (name.equals("dhcpd")) {
            keys.addAll(java.util.List.of(DhcpdReader.KEYS));
        }
        if (name.equals("httpd")) {
            keys.addAll(java.util.List.of(HttpdReader.KEYS));
        }
        if (name.equals("tftpd")) {
            keys.addAll(java.util.List.of(TftpdReader.KEYS));
        }
        if (name.equals("sipd")) {
            keys.addAll(java.util.List.of(SipdReader.KEYS));
        }
        d.allowOnly(keys);
        boolean enabled = d.bool("enabled", true);
        InetAddress bind = d.address("bind").orElse(anyAddress());
        Optional<String> iface = d.string("interface");
        iface.ifPresent(i -> {
            if (!i.matches("[A-Za-z0-9_.:@-]{1,15}")) {
                d.problems().add(d.at("interface"), d.keyPath("interface"),
                        "'" + i + "' is not a network interface name (at most 15 letters, digits, '.', '-', '_')");
            }
        });
        int port = d.integer("port", defaultPort, 1, 65535);
        return new DaemonConfig(name, enabled, bind, iface, port);
    }

    /** dhcpd speaks IPv4: its server id (option 54, and where replies come from) must be an IPv4 address. */
    private static void checkDhcpServerAddress(MapView root, DaemonConfig dhcpd, DhcpdSettings dhcp, Identity identity,
                                               Problems problems) {
        if (!dhcpd.enabled() || dhcp.serverId().orElse(identity.address()) instanceof java.net.Inet4Address) {
            return;
        }
        boolean own = dhcp.serverId().isPresent();
        MapView where = own ? root.map("dhcpd").orElseThrow() : root.map("suite").orElse(root);
        String key = own ? "server_id" : "address";
        problems.add(where.at(key), where.keyPath(key), "dhcpd is enabled and needs an IPv4 server address; "
                + (own ? "" : "set dhcpd.server_id to one, or make suite.address IPv4"));
    }

    /** Multicast is joined on a named interface: an enabled responder must know which. */
    private static void checkPnpInterface(MapView root, DaemonConfig sipd, SipdSettings sip, Problems problems) {
        if (sipd.enabled() && !sip.pnp().vendors().isEmpty() && sip.pnp().interfaces().isEmpty()
                && sipd.iface().isEmpty()) {
            MapView s = root.map("sipd").orElse(root);
            problems.add(s.at(), s.keyPath("interface"), "missing; plug-and-play joins " + sip.pnp().group()
                    .getHostAddress() + " on a network interface: set sipd.interface (or sipd.pnp.interfaces)");
        }
    }

    /** A device's fixed address must be unique and, when dhcpd has subnets, inside one of them. */
    private static void checkFixedAddresses(Map<Mac, Device> devices, DhcpdSettings dhcp, Problems problems) {
        Map<InetAddress, Device> taken = new java.util.HashMap<>();
        for (Device d : devices.values()) {
            if (d.address().isEmpty()) {
                continue;
            }
            InetAddress a = d.address().get();
            Device other = taken.putIfAbsent(a, d);
            if (other != null) {
                problems.add(d.at(), "address", a.getHostAddress() + " is already the address of " + other.mac()
                        + " (" + other.at().file().getFileName() + ":" + other.at().line() + ")");
            }
            if (!dhcp.subnets().isEmpty() && dhcp.subnets().stream().noneMatch(s -> DhcpdReader.inside(s.subnet(), a))) {
                problems.add(d.at(), "address", "the fixed address " + a.getHostAddress() + " of " + d.mac()
                        + " is in none of dhcpd's subnets");
            }
        }
    }

    private static InetAddress anyAddress() {
        return Addresses.parseLiteral("0.0.0.0").orElseThrow();
    }
}
