package org.phoneprov.apid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.SectionReader;
import org.phoneprov.common.config.Sections;
import org.phoneprov.common.daemon.SuiteControl;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventQuery;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.SnapshotBuilder;

/**
 * A suite of one config folder for apid's tests: {@link #check} and {@link #reload} load the
 * files for real with the same loader the CLI uses (common's sections and {@code api:}), so
 * a test sees the located problems {@code phoneprov check} would print.
 */
public final class FakeSuite implements SuiteControl {
    public static final String CONFIG = """
            # the suite: a comment the API must keep
            suite: {address: 192.0.2.10}
            paths: {files: files, state: state}
            httpd: {port: 8080}
            inventory: devices.yaml
            """;
    public static final String DEVICES = """
            # Phones of the test, with comments the API must keep.
            devices:
              - mac: 00:14:7F:77:00:01   # reception
                model: ST2030S
                lines:
                  - {number: "1001", registrar: 192.0.2.1}
              - mac: 00:14:7F:77:00:02
                model: ST2022S
            """;
    static final List<SectionReader<?>> READERS;

    static {
        List<SectionReader<?>> r = new ArrayList<>(Sections.COMMON);
        r.add(ApiReader.SECTION);
        READERS = List.copyOf(r);
    }

    private final Path config;
    private ProvisioningSnapshot snapshot;
    public final List<Event> events = new ArrayList<>();
    public int reloads;

    public FakeSuite(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("phoneprov.yaml"), CONFIG);
        Files.writeString(dir.resolve("devices.yaml"), DEVICES);
        this.config = dir.resolve("phoneprov.yaml").toAbsolutePath().normalize();
        this.snapshot = load(Map.of()).orElseThrow(() -> new IllegalStateException(problems(Map.of()).toString()));
    }

    private Optional<ProvisioningSnapshot> load(Map<Path, String> replaced) {
        LoadResult r = ConfigLoader.load(config, READERS, replaced);
        if (!r.isOk()) {
            return Optional.empty();
        }
        return SnapshotBuilder.build(r.config().orElseThrow(), Optional.ofNullable(snapshot), 0).snapshot();
    }

    private List<Problem> problems(Map<Path, String> replaced) {
        LoadResult r = ConfigLoader.load(config, READERS, replaced);
        if (!r.isOk()) {
            return r.problems();
        }
        SnapshotBuilder.Result s = SnapshotBuilder.build(r.config().orElseThrow(), Optional.ofNullable(snapshot), 0);
        return s.snapshot().isPresent() ? List.of() : s.problems();
    }

    public Path devicesFile() {
        return config.getParent().resolve("devices.yaml");
    }

    @Override
    public Path configFile() {
        return config;
    }

    @Override
    public ProvisioningSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public Map<String, InetSocketAddress> listening() {
        return Map.of();
    }

    @Override
    public List<Problem> check(Map<Path, String> replaced) {
        return problems(replaced);
    }

    @Override
    public ReloadOutcome reload() {
        reloads++;
        List<Problem> p = problems(Map.of());
        if (p.isEmpty()) {
            snapshot = load(Map.of()).orElseThrow();
        }
        return new ReloadOutcome(p, Map.of(), Map.of());
    }

    @Override
    public NotifyOutcome notify(Optional<Mac> mac, Optional<Model> model, boolean reboot) {
        return new NotifyOutcome(List.of(), List.of());
    }

    @Override
    public List<LeaseRow> leases() {
        return List.of();
    }

    @Override
    public List<Event> events(EventQuery q) {
        return events.stream().filter(q::test).limit(q.limit()).toList();
    }

    @Override
    public void history(Consumer<Event> each) {
        events.forEach(each);
    }

    @Override
    public void subscribe(Consumer<List<Event>> listener) {
    }

    @Override
    public void unsubscribe(Consumer<List<Event>> listener) {
    }
}
