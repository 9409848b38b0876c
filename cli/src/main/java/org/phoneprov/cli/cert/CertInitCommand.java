package org.phoneprov.cli.cert;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phoneprov.common.config.MapView;
import org.phoneprov.common.config.Problems;
import org.phoneprov.common.config.yaml.YamlTreeReader;
import org.phoneprov.common.net.Addresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phoneprov cert init}: a CA, a server certificate and optionally client certificates, as PEM files. */
@Command(name = "init", description = {
        "Create a CA (ca.pem, ca.key; 10 years) and a server certificate it signs (server.pem, server.key)",
        "for the names of --host and --ip (default: suite.hostname and suite.address of --config), and a",
        "client certificate per --client (client-NAME.pem, client-NAME.key). Keys are mode 0600; existing",
        "files are never overwritten without --force."})
public final class CertInitCommand implements Callable<Integer> {
    static final String HOST = "(?i)(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";
    static final String CLIENT = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the files go (created 0700).")
    Path dir;

    @Option(names = "--host", paramLabel = "NAME", description = "A DNS name of the server (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "An IP address of the server (repeatable).")
    List<String> ips = new ArrayList<>();

    @Option(names = "--client", paramLabel = "NAME", description = "Also a client certificate with this CN (repeatable).")
    List<String> clients = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Take the server's names from suite.hostname and suite.address when --host and --ip are absent.")
    Path config;

    @Option(names = "--days", defaultValue = "3650", paramLabel = "N",
            description = "Validity of the server and client certificates (default ${DEFAULT-VALUE}; never past the CA's).")
    int days;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        List<String> bad = new ArrayList<>();
        List<InetAddress> addresses = new ArrayList<>();
        hosts.stream().filter(h -> !h.matches(HOST)).forEach(h -> bad.add("--host '" + h + "' is not a host name"));
        for (String ip : ips) {
            Addresses.parseLiteral(ip).ifPresentOrElse(addresses::add,
                    () -> bad.add("--ip '" + ip + "' is not an IP address literal"));
        }
        clients.stream().filter(c -> !c.matches(CLIENT)).forEach(c -> bad.add("--client '" + c
                + "' is not a name of letters, digits, '.', '_', '-' (at most 64)"));
        if (days < 1 || days > 36_500) {
            bad.add("--days must be between 1 and 36500");
        }
        List<String> names = new ArrayList<>(hosts);
        if (hosts.isEmpty() && ips.isEmpty() && config != null) {
            suiteNames(config, names, addresses, bad);
        }
        if (names.isEmpty() && addresses.isEmpty() && bad.isEmpty()) {
            bad.add("the server certificate needs a name: give --host NAME and/or --ip ADDRESS (or --config FILE)");
        }
        if (!bad.isEmpty()) {
            bad.forEach(b -> err.println("cert init: " + b));
            return 2;
        }
        List<String> files = new ArrayList<>(List.of("ca.pem", "ca.key", "server.pem", "server.key"));
        clients.forEach(c -> files.addAll(List.of("client-" + c + ".pem", "client-" + c + ".key")));
        if (!force && refuseExisting(dir, files, err)) {
            return 1;
        }

        Pki pki = new Pki(Instant.now());
        Pki.Names san = new Pki.Names(names, addresses);
        Pki.Issued ca = pki.ca("phoneprov CA " + san.first());
        Pki.Issued server = pki.server(ca, san, Duration.ofDays(days));
        PemFiles pem = new PemFiles().certificate("ca.pem", ca.cert()).key("ca.key", ca.key())
                .certificate("server.pem", server.cert()).key("server.key", server.key());
        for (String c : clients) {
            Pki.Issued client = pki.client(ca, c, Duration.ofDays(days));
            pem.certificate("client-" + c + ".pem", client.cert()).key("client-" + c + ".key", client.key());
        }
        pem.writeTo(dir);

        out.println("wrote " + dir.toAbsolutePath().normalize() + ":");
        out.println("  ca.pem, ca.key          the CA, until " + day(ca.cert().getNotAfter().toInstant())
                + "; ca.pem goes to phones (https_ca) and clients (curl --cacert); keep ca.key offline");
        out.println("  server.pem, server.key  for " + describe(san) + ", until "
                + day(server.cert().getNotAfter().toInstant()));
        for (String c : clients) {
            out.println("  client-" + c + ".pem, client-" + c + ".key  client certificate CN=" + c);
        }
        out.println("keys are mode 0600. In the config (paths relative to it):");
        out.println("  httpd:");
        out.println("    tls:");
        out.println("      port: 443");
        out.println("      cert: " + dir.resolve("server.pem"));
        out.println("      key: " + dir.resolve("server.key"));
        if (!clients.isEmpty()) {
            out.println("      client_ca: " + dir.resolve("ca.pem") + "   # phones must show a client certificate");
        }
        return 0;
    }

    /** Prints which files exist and returns true when any does. */
    static boolean refuseExisting(Path dir, List<String> files, PrintStream err) {
        List<Path> there = files.stream().map(dir::resolve).filter(java.nio.file.Files::exists).toList();
        for (Path p : there) {
            err.println("cert: " + p + " exists; not overwriting it (--force replaces it)");
        }
        return !there.isEmpty();
    }

    /**
     * suite.hostname and suite.address, read leniently: the config may well name the
     * certificate files this command is about to create, so a full load would fail.
     */
    private static void suiteNames(Path file, List<String> names, List<InetAddress> addresses, List<String> bad) {
        Problems problems = new Problems();
        try {
            Optional<MapView> suite = MapView.of(YamlTreeReader.read(file), "", problems).flatMap(m -> m.map("suite"));
            suite.flatMap(s -> s.string("hostname")).filter(h -> h.matches(HOST)).ifPresent(names::add);
            suite.flatMap(s -> s.address("address")).ifPresent(addresses::add);
        } catch (IOException e) {
            bad.add("cannot read " + file + ": " + e.getMessage());
            return;
        } catch (YamlTreeReader.YamlError e) {
            bad.add(e.at() + ": " + e.getMessage());
            return;
        }
        if (names.isEmpty() && addresses.isEmpty()) {
            bad.add(file + " has no usable suite.address or suite.hostname; give --host or --ip");
        }
    }

    private static String describe(Pki.Names san) {
        List<String> all = new ArrayList<>();
        san.hosts().forEach(h -> all.add("DNS:" + h));
        san.addresses().forEach(a -> all.add("IP:" + a.getHostAddress()));
        return String.join(", ", all);
    }

    static String day(Instant i) {
        return i.toString().substring(0, 10);
    }
}
