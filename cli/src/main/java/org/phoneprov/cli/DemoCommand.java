package org.phoneprov.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.phoneprov.cli.run.SuiteRuntime;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.InfFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code phoneprov demo}: with nothing prepared, starts httpd on loopback with a demo
 * config and lets each phone of the demo fetch its files over HTTP the way the APS
 * seed describes (2.5.1): its INF first, then every URL the INF names, then its
 * MAC-specific config from the {@code config=} folder.
 */
@Command(name = "demo", description = "Run httpd on loopback with demo phones and show what each phone receives.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep", description = "Keep the demo folder (config, files, events) instead of deleting it.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("phoneprov-demo-");
        try {
            int port = freePort();
            Path config = prepare(dir, port);
            System.out.println("phoneprov demo: config " + config + " — httpd on http://127.0.0.1:" + port + "/");
            Optional<Loaded.Ok> ok = Loaded.loadOrReport(config, System.err);
            if (ok.isEmpty()) {
                return 1;
            }
            try (SuiteRuntime suite = new SuiteRuntime(config, Set.of("httpd"))) {
                suite.start(ok.get().snapshot());
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                int failures = 0;
                for (Device d : ok.get().config().devices().values()) {
                    failures += bootPhone(http, port, d);
                }
                suite.eventStore().orElseThrow().flush();
                Device first = ok.get().config().devices().values().iterator().next();
                List<Event> events = EventLog.read(ok.get().config().paths().state(), Optional.of(first.mac()), 1000);
                System.out.println();
                System.out.println("Every request is an event. What httpd recorded for " + first.mac()
                        + " ('phoneprov events --mac " + first.mac() + "'):");
                for (Event e : events) {
                    System.out.printf("   %-5s %-4s %-28s %6d B %6.1f ms  from %s%n", e.action(), e.result(), e.file(),
                            e.bytes(), e.micros() / 1000.0, e.client().map(a -> a.getHostString()).orElse("-"));
                }
                System.out.println(failures == 0 ? "All demo phones provisioned." : failures + " downloads failed.");
                return failures == 0 ? 0 : 1;
            }
        } finally {
            if (!keep) {
                deleteTree(dir);
            } else {
                System.out.println("kept " + dir);
            }
        }
    }

    /** One phone's HTTP provisioning run, printed as the phone sees it; returns the number of failures. */
    private static int bootPhone(HttpClient http, int port, Device d) throws IOException, InterruptedException {
        Mac mac = d.mac();
        String base = "http://127.0.0.1:" + port + "/";
        System.out.println();
        System.out.println("== " + d.model() + " " + mac.colon() + " boots; option 43 points it to " + base);
        String infName = d.model().filePrefix() + mac.hex() + ".inf";
        HttpResponse<byte[]> inf = fetch(http, "GET", base + infName);
        line("INF", infName, inf);
        if (inf.statusCode() != 200) {
            System.out.println("   LCD: Gen File Not Found");
            return 1;
        }
        InfFile parsed = InfFile.parse(new String(inf.body(), StandardCharsets.UTF_8));
        int failures = 0;
        for (InfFile.Entry e : parsed.entries()) {
            if (!e.value().startsWith("http") || e.key().equals("config")) {
                continue;
            }
            // Seed 2.5.3: the phone POSTs to its config URLs; other files are plain GETs.
            boolean config = e.key().equals("common_config") || e.key().equals("telcfg");
            HttpResponse<byte[]> r = fetch(http, config ? "POST" : "GET", e.value());
            line(e.key(), e.value(), r);
            failures += r.statusCode() == 200 ? 0 : 1;
        }
        String macConfig = parsed.first("config").orElse(base) + d.model().filePrefix() + mac.hex() + ".txt";
        HttpResponse<byte[]> r = fetch(http, "POST", macConfig);
        line("mac config", macConfig, r);
        if (r.statusCode() == 200) {
            InfFile cfg = InfFile.parse(new String(r.body(), StandardCharsets.UTF_8));
            System.out.println("   config_sn=" + cfg.first("config_sn").orElse("?") + ", lines: " + cfg.all("UserNumber")
                    + cfg.first("AuthNotifyCheckSync").map(a -> ", check-sync trusted only from " + a).orElse(""));
        } else {
            failures++;
        }
        return failures;
    }

    private static void line(String what, String url, HttpResponse<byte[]> r) {
        System.out.printf("   %-18s %3d %7d B  %s%n", what, r.statusCode(), r.body().length, url);
    }

    private static HttpResponse<byte[]> fetch(HttpClient http, String method, String url)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Writes the demo config and a files root with stand-in firmware, melodies and deck files. */
    static Path prepare(Path dir, int port) throws IOException {
        String yaml;
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/phoneprov.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@PORT@", Integer.toString(port));
        }
        Path config = dir.resolve("phoneprov.yaml");
        Files.writeString(config, yaml);
        Path files = dir.resolve("files");
        for (String f : List.of("st2030/v2030SG.R11.1.090213.2.67.1.zz", "st2030/v2030MG.R11.1.090213.2.67.1.zz",
                "st2030/ringtone_033006.txt", "st2030/ringtone_040406.txt", "st2030/ringtone_040406CWT.txt",
                "st2030/BT.txt", "st2030/decks/main.thd", "st2030/decks/call.thd", "common/ToneTable.txt",
                "common/LangTable.txt", "st2022/v2022SG.R11.1.090213.2.67.1.zz",
                "st2022/v2022MG.R11.1.090213.2.67.1.zz", "st2022/ringtone_033006.txt", "st2022/decks/main.thd")) {
            Path p = files.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "stand-in for " + f + " (demo)\n");
        }
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
