package org.phoneprov.dhcpd.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.SubnetConfig;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.log.RateLimitedLog;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.classify.Classifier;
import org.phoneprov.dhcpd.lease.Allocator;
import org.phoneprov.dhcpd.lease.Pool;
import org.phoneprov.dhcpd.lease.SubnetPools;
import org.phoneprov.dhcpd.options.OptionAssembler;
import org.phoneprov.dhcpd.server.DhcpProcessor;
import org.phoneprov.dhcpd.server.SubnetSelector;
import org.slf4j.helpers.NOPLogger;

/**
 * What the DHCP fuzz targets share: a config loaded once through the real loader (local
 * and relayed subnets with small pools, classes matched by model, option 60, option 77,
 * OUI and inventory, custom options, VLAN, file/sname overrides), and a fresh processor
 * with its own allocator per input, so an input means the same thing in every run.
 */
final class DhcpFuzzSupport {
    static final int SERVER = Ip4.parse("10.77.0.1");
    /** Logs nothing, but every log line's text is still built. */
    static final RateLimitedLog QUIET = new RateLimitedLog(NOPLogger.NOP_LOGGER);

    private static final String CONFIG = """
            suite: {address: 10.77.0.1}
            paths: {files: files, state: state}
            httpd: {port: 8080}
            dhcpd:
              interface: lab0
              lease_time: 600
              subnets:
                - subnet: 10.77.0.0/16
                  pools: ["10.77.32.0-10.77.32.3", "10.77.40.0-10.77.40.1"]
                  router: 10.77.0.1
                  dns: [10.77.0.1, 10.77.0.2]
                  domain: lab.test
                - subnet: 10.88.0.0/24
                  pools: ["10.88.0.100-10.88.0.102"]
                  router: 10.88.0.1
            models:
              ST2022M: {inf_name: st2022m_boot.inf}
            classes:
              st2030s:
                match: {models: [ST2030S]}
                dhcp: {provision: http, vlan: {enable: 1, voice: 100, data: 200}}
              st2022m:
                match: {models: [ST2022M]}
                dhcp: {provision: tftp}
              by-vendor-class:
                match: {vendor_class: [{prefix: "0107Thomson"}, {contains: "ST2022"}]}
                dhcp:
                  provision: tftp
                  file: boot.inf
                  sname: pbx.lab.test
              by-user-class:
                match: {user_class: {contains_hex: "fe"}}
                dhcp:
                  provision: http
                  options:
                    - {code: 42, type: ip_list, value: [10.77.0.1, 10.77.0.2]}
                    - {code: 160, type: string, value: "http://10.77.0.1/"}
                    - {code: 43, type: string, value: "http://other/x.inf"}
                    - {code: 200, type: u32, value: 4294967295}
              thomson-oui:
                match: {oui: ["00:14:7F"]}
                dhcp: {provision: none}
              gigaset:
                match: {vendor: gigaset}
                dhcp: {provision: http}
            devices:
              - {mac: "00:14:7F:77:00:01", model: ST2030S, address: 10.77.1.1}
              - {mac: "00:14:7F:77:03:01", model: ST2022M, address: 10.88.0.50}
            """;

    private static SuiteConfig config;
    private static Classifier classifier;
    private static OptionAssembler assembler;
    private static SubnetSelector subnets;

    private DhcpFuzzSupport() {
    }

    static synchronized SuiteConfig config() {
        if (config == null) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("dhcpd-fuzz");
                Files.createDirectories(dir.resolve("files"));
                Path file = dir.resolve("phoneprov.yaml");
                Files.writeString(file, CONFIG, StandardCharsets.UTF_8);
                LoadResult r = ConfigLoader.load(file);
                config = r.config().orElseThrow(() -> new AssertionError("fuzz config does not load: " + r.problems()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                delete(dir);
            }
            classifier = new Classifier(config);
            assembler = new OptionAssembler(config);
            subnets = new SubnetSelector(config.dhcp().subnets(), List.of(SERVER));
        }
        return config;
    }

    /** A processor over a fresh allocator, built as DhcpServer builds one, on a fixed clock. */
    static DhcpProcessor freshProcessor() {
        SuiteConfig c = config();
        List<SubnetPools> pools = new ArrayList<>();
        for (SubnetConfig s : c.dhcp().subnets()) {
            List<Pool> ranges = s.pools().stream().map(r -> new Pool(Ip4.toInt(r.first()), Ip4.toInt(r.last()))).toList();
            pools.add(new SubnetPools(s.subnet().toString(), Ip4.toInt(s.subnet().network()), s.subnet().prefix(), ranges));
        }
        Map<Mac, Integer> fixed = new HashMap<>();
        for (Device d : c.devices().values()) {
            d.address().filter(a -> a instanceof Inet4Address).ifPresent(a -> fixed.put(d.mac(), Ip4.toInt(a)));
        }
        Allocator allocator = new Allocator(pools, fixed, 30_000, 3_600_000,
                Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));
        return new DhcpProcessor(c, allocator, classifier, assembler, subnets, SERVER);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
