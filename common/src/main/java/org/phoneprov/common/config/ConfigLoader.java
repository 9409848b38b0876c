package org.phoneprov.common.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.config.yaml.Node;
import org.phoneprov.common.config.yaml.YamlTreeReader;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * Reads and validates the shared config: YAML → located tree → strict typed reads →
 * an immutable {@link SuiteConfig}. Nothing here touches live state, so a failed load
 * (at start or on SIGHUP) changes nothing.
 */
public final class ConfigLoader {
    /** The top-level keys beside the daemon sections. */
    static final List<String> SUITE_KEYS = List.of("suite", "paths", "vars", "models", "classes", "devices",
            "inventory", GigasetReader.KEY, StoreReader.KEY);

    private ConfigLoader() {
    }

    /** Reads a config with the sections this build knows ({@link Sections#COMMON}). */
    public static LoadResult load(Path file) {
        return load(file, Sections.COMMON);
    }

    /** Reads a config whose daemon sections are read by {@code readers}, in that order. */
    public static LoadResult load(Path file, List<SectionReader<?>> readers) {
        return load(file, readers, Map.of());
    }

    /**
     * Reads a config as if the files named in {@code replaced} (absolute, normalized paths) held
     * the given text: how an edit is checked exactly like {@code phoneprov check} before it is
     * written, with problems located in the file it will be written to.
     */
    public static LoadResult load(Path file, List<SectionReader<?>> readers, Map<Path, String> replaced) {
        Path source = file.toAbsolutePath().normalize();
        Problems problems = new Problems();
        Optional<MapView> top = readFile(source, problems, new Location(source, 1, 1), "", replaced);
        if (top.isEmpty()) {
            return LoadResult.failed(problems.sorted());
        }
        MapView root = top.get();
        Set<String> topKeys = new HashSet<>(SUITE_KEYS);
        readers.forEach(r -> topKeys.add(r.name()));
        root.allowOnly(topKeys);
        Path base = source.getParent();

        Identity identity = identity(root, problems);
        PathsConfig paths = paths(root, base, problems);
        List<Section<?>> sections = new ArrayList<>();
        for (SectionReader<?> r : readers) {
            sections.add(section(root, r, base, problems));
        }
        Map<String, String> vars = root.stringMap("vars");
        Map<Model, ModelConfig> models = ModelsReader.read(root, paths, problems);
        Map<String, DeviceClass> classes = ClassesReader.read(root, problems);
        GigasetSettings providers = GigasetReader.read(root, problems);
        InventoryReader.Inventory inventory = InventoryReader.read(root, paths.inventory(), classes, providers, problems,
                replaced);
        SuiteConfig config = new SuiteConfig(source, identity, paths, vars, models, classes, inventory.devices(),
                providers.withCodes(inventory.codes()), StoreReader.read(root, base, problems), new Sections(sections));
        for (SectionReader<?> r : readers) {
            check(r, config, root, problems);
        }

        if (!problems.isEmpty()) {
            return LoadResult.failed(problems.sorted());
        }
        return LoadResult.ok(config);
    }

    private static <S> Section<S> section(MapView root, SectionReader<S> reader, Path base, Problems problems) {
        Optional<MapView> view = root.map(reader.name());
        DaemonConfig listen = ListenReader.read(view, reader);
        return new Section<>(listen, reader.read(view, new SectionContext(base, listen, problems)));
    }

    private static <S> void check(SectionReader<S> reader, SuiteConfig config, MapView root, Problems problems) {
        reader.check(config.sections().get(reader), config, root, problems);
    }

    /** Reads a YAML file whose top is a mapping; I/O and syntax errors become problems at {@code from}. */
    static Optional<MapView> readFile(Path file, Problems problems, Location from, String key,
                                      Map<Path, String> replaced) {
        try {
            String text = replaced.get(file);
            Node n = text != null ? YamlTreeReader.read(file, new java.io.StringReader(text)) : YamlTreeReader.read(file);
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
        Optional<Path> inventory = root.string("inventory").map(base::resolve).map(Path::normalize);
        return new PathsConfig(templates, files, state, inventory);
    }
}
