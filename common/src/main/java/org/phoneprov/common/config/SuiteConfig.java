package org.phoneprov.common.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/**
 * The whole validated configuration: built once by {@link ConfigLoader}, never
 * changed; a reload builds a new one and swaps it in.
 */
public record SuiteConfig(
        Path source,
        Identity identity,
        PathsConfig paths,
        Map<String, String> vars,
        Map<Model, ModelConfig> models,
        Map<String, DeviceClass> classes,
        Map<Mac, Device> devices,
        GigasetSettings gigaset,
        StoreSettings store,
        Sections sections) {

    public SuiteConfig {
        vars = Map.copyOf(vars);
        models = Map.copyOf(models);
        classes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classes));
        devices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(devices));
    }

    /** The settings of the section {@code reader} reads. */
    public <S> S settings(SectionReader<S> reader) {
        return sections.get(reader).settings();
    }

    /** Where the daemon of that section listens, and whether it runs. */
    public DaemonConfig listen(SectionReader<?> reader) {
        return sections.get(reader).listen();
    }

    /** The same config with another inventory (tests, and tools that pick devices). */
    public SuiteConfig withDevices(Map<Mac, Device> other) {
        return new SuiteConfig(source, identity, paths, vars, models, classes, other, gigaset, store, sections);
    }

    // Shortcuts for the built-in daemons, read all over the suite.

    public DaemonConfig dhcpd() {
        return listen(DhcpdReader.SECTION);
    }

    public DaemonConfig tftpd() {
        return listen(TftpdReader.SECTION);
    }

    public DaemonConfig httpd() {
        return listen(HttpdReader.SECTION);
    }

    public DaemonConfig sipd() {
        return listen(SipdReader.SECTION);
    }

    public DhcpdSettings dhcp() {
        return settings(DhcpdReader.SECTION);
    }

    public TftpdSettings tftp() {
        return settings(TftpdReader.SECTION);
    }

    public HttpdSettings http() {
        return settings(HttpdReader.SECTION);
    }

    public SipdSettings sip() {
        return settings(SipdReader.SECTION);
    }

    public Optional<Device> device(Mac mac) {
        return Optional.ofNullable(devices.get(mac));
    }

    /** Every section's listen settings, in start order. */
    public List<DaemonConfig> daemons() {
        return sections.all().stream().map(Section::listen).toList();
    }

    /** The model's settings; a model the admin did not describe gets defaults. */
    public ModelConfig model(Model m) {
        ModelConfig c = models.get(m);
        return c != null ? c : ModelConfig.defaults(m);
    }
}
