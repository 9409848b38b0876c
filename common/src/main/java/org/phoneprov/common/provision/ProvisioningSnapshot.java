package org.phoneprov.common.provision;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.gigaset.GigasetProfile;

/**
 * Every file the suite serves for one config, rendered ahead of time: the INFs per
 * model and transport, the common configs and telcfgs, each device's MAC config, and
 * the static catalog behind them. Immutable; a reload builds a new snapshot and swaps
 * it in whole, so a phone never sees half of an old config and half of a new one.
 *
 * <p>Names a phone may ask for (seed 2.2): {@code ST2030S_<mac>.inf} (its own INF),
 * the configured INF name ({@code AutoprovisionConfigname} and DHCP option 67),
 * the common config and telcfg names the INF lists, and {@code ST2030S_<MAC>.txt}.
 * For a model with encryption the common and MAC configs exist only as {@code .ser}
 * (seed 6): their plain text is never served, only kept for {@link #plainText}.
 * All live in the server root (seed 2.4.4: "ST20XX will look for the Mac-specific
 * config file in the TFTP root directory"); names are matched case-insensitively.
 */
public final class ProvisioningSnapshot implements FileResolver {
    private final SuiteConfig config;
    private final SuiteUrls urls;
    private final Map<Transport, Map<String, ServedFile.Generated>> shared;
    private final Map<Model, ModelFiles> models;
    private final Map<String, ServedFile.Generated> macConfigs;
    private final StaticFiles statics;
    private final Map<String, byte[]> plainTexts;
    /** Every generated name, shared and per device, per transport: one hash lookup per request. */
    private final Map<Transport, Map<String, ServedFile.Generated>> byName = new java.util.EnumMap<>(Transport.class);
    private final Map<java.net.InetAddress, Mac> byAddress = new java.util.HashMap<>();

    ProvisioningSnapshot(SuiteConfig config, SuiteUrls urls, Map<Transport, Map<String, ServedFile.Generated>> shared,
                         Map<Model, ModelFiles> models,
                         Map<String, ServedFile.Generated> macConfigs, StaticFiles statics,
                         Map<String, byte[]> plainTexts) {
        this.config = config;
        this.urls = urls;
        this.shared = shared;
        this.models = models;
        this.macConfigs = macConfigs;
        this.statics = statics;
        this.plainTexts = Map.copyOf(plainTexts);
        config.devices().values().forEach(d -> d.address().ifPresent(a -> byAddress.put(a, d.mac())));
        for (Transport t : Transport.values()) {
            Map<String, ServedFile.Generated> all = new java.util.HashMap<>((shared.get(t).size() + macConfigs.size()) * 2);
            all.putAll(macConfigs);
            all.putAll(shared.get(t));
            byName.put(t, all);
        }
    }

    @Override
    public Optional<Mac> deviceAt(java.net.InetAddress client) {
        return Optional.ofNullable(byAddress.get(client));
    }

    public SuiteConfig config() {
        return config;
    }

    public SuiteUrls urls() {
        return urls;
    }

    @Override
    public Lookup resolve(String name, Transport transport) {
        String rel = StaticFiles.relative(name);
        String key = rel.toLowerCase(Locale.ROOT);
        ServedFile.Generated g = byName.get(transport).get(key);
        if (g != null) {
            return new Lookup.Found(g);
        }
        Optional<ServedFile.Generated> inf = macInf(rel, transport);
        if (inf.isPresent()) {
            return new Lookup.Found(inf.get());
        }
        return statics.lookup(rel);
    }

    @Override
    public Lookup resolveIgnoringCase(String name, Transport transport) {
        Lookup l = resolve(name, transport);
        return l instanceof Lookup.NotFound ? statics.lookupIgnoringCase(StaticFiles.relative(name)) : l;
    }

    /** {@code ST2030S_<mac>.inf} for a device of that model in the inventory; else nothing (seed 2.2 falls back). */
    private Optional<ServedFile.Generated> macInf(String rel, Transport t) {
        if (rel.length() != 8 + 12 + 4 || !rel.regionMatches(true, rel.length() - 4, ".inf", 0, 4) || rel.charAt(7) != '_') {
            return Optional.empty();
        }
        Optional<Model> model = Model.parse(rel.substring(0, 7));
        Optional<Mac> mac = Mac.parse(rel.substring(8, 20));
        if (model.isEmpty() || mac.isEmpty()) {
            return Optional.empty();
        }
        return config.device(mac.get()).filter(d -> d.model() == model.get()).map(d -> {
            ServedFile.Generated inf = models.get(d.model()).inf(t);
            return new ServedFile.Generated(SnapshotBuilder.macInfName(d.model(), d.mac().hex()), inf.bytes(),
                    inf.etag(), inf.lastModified(), inf.contentType(), Optional.of(d.mac()), FileKind.INF);
        });
    }

    /**
     * Every generated file of one device, in download order (seed 2.4.1): INF, telcfg, common,
     * MAC config (none while its model rotates its {@code .ser} key).
     */
    public List<ServedFile.Generated> filesOf(Mac mac, Transport t) {
        return config.device(mac).map(d -> {
            if (d.model().isGigaset()) {
                return macConfig(mac).map(List::of).orElse(List.of());
            }
            ModelFiles m = models.get(d.model());
            ServedFile.Generated inf = macInf(SnapshotBuilder.macInfName(d.model(), d.mac().hex()), t).orElseThrow();
            List<ServedFile.Generated> files = new java.util.ArrayList<>(List.of(inf, m.telcfg(), m.commonConfig(t)));
            macConfig(mac).ifPresent(files::add);
            return List.copyOf(files);
        }).orElse(List.of());
    }

    /** The device's MAC config, or its VoIP profile for a Gigaset. */
    public Optional<ServedFile.Generated> macConfig(Mac mac) {
        return config.device(mac).map(d -> macConfigs.get((d.model().isGigaset() ? GigasetProfile.name(mac)
                : SnapshotBuilder.macConfigName(d, config.model(d.model()))).toLowerCase(Locale.ROOT)));
    }

    /**
     * What the phone reads after decrypting a file of this snapshot that is served
     * encrypted (a {@code .ser} common or MAC config); empty for a file served as it is.
     * For {@code render} and tests: the plain text itself has no name that is served.
     */
    public Optional<byte[]> plainText(ServedFile.Generated g) {
        byte[] p = plainTexts.get(g.name().toLowerCase(Locale.ROOT));
        return p == null ? Optional.empty() : Optional.of(p.clone());
    }

    public ModelFiles model(Model m) {
        return models.get(m);
    }

    /** Every generated file that is not per device, by lower-case name, per transport. */
    public Map<String, ServedFile.Generated> shared(Transport t) {
        return shared.get(t);
    }

    public Map<String, ServedFile.Generated> macConfigs() {
        return macConfigs;
    }

}
