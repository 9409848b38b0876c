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
        DaemonConfig httpd,
        DaemonConfig tftpd,
        DaemonConfig dhcpd,
        DaemonConfig sipd,
        DhcpdSettings dhcp,
        TftpdSettings tftp,
        SipdSettings sip,
        Map<String, String> vars,
        Map<Model, ModelConfig> models,
        Map<String, DeviceClass> classes,
        Map<Mac, Device> devices,
        HttpdSettings http) {

    public SuiteConfig {
        vars = Map.copyOf(vars);
        models = Map.copyOf(models);
        classes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classes));
        devices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(devices));
    }

    /** A config without httpd's TLS and access settings (they default to off). */
    public SuiteConfig(Path source, Identity identity, PathsConfig paths, DaemonConfig httpd, DaemonConfig tftpd,
                       DaemonConfig dhcpd, DaemonConfig sipd, DhcpdSettings dhcp, TftpdSettings tftp, SipdSettings sip,
                       Map<String, String> vars, Map<Model, ModelConfig> models, Map<String, DeviceClass> classes,
                       Map<Mac, Device> devices) {
        this(source, identity, paths, httpd, tftpd, dhcpd, sipd, dhcp, tftp, sip, vars, models, classes, devices,
                HttpdSettings.defaults());
    }

    public Optional<Device> device(Mac mac) {
        return Optional.ofNullable(devices.get(mac));
    }

    public List<DaemonConfig> daemons() {
        return List.of(dhcpd, tftpd, httpd, sipd);
    }

    /** The model's settings; a model the admin did not describe gets defaults. */
    public ModelConfig model(Model m) {
        ModelConfig c = models.get(m);
        return c != null ? c : ModelConfig.defaults(m);
    }
}
