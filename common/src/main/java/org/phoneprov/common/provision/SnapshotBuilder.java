package org.phoneprov.common.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.ActivationCode;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.ModelConfig;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.Problems;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.crypto.FileCipher;
import org.phoneprov.common.crypto.SerCipher;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.gigaset.GigasetProfile;
import org.phoneprov.common.provision.gigaset.GigasetProfiles;

/**
 * Renders a {@link SuiteConfig} into a {@link ProvisioningSnapshot}. Template errors
 * are config problems like any other: a config whose templates do not render is not
 * loaded (at start) and not swapped in (on reload).
 */
public final class SnapshotBuilder {
    private SnapshotBuilder() {
    }

    public record Result(Optional<ProvisioningSnapshot> snapshot, List<Problem> problems) {
    }

    /**
     * @param previous the snapshot being replaced: a file whose content did not change
     *                 keeps its Last-Modified time, so phones and caches see no change
     */
    public static Result build(SuiteConfig config, Optional<ProvisioningSnapshot> previous, long nowMillis) {
        Problems problems = new Problems();
        SuiteUrls urls = SuiteUrls.of(config);
        TemplateRenderer renderer = new TemplateRenderer(config.paths().templates());
        Stamp stamp = new Stamp(previous, nowMillis);
        Location cfgAt = new Location(config.source(), 1, 1);

        Map<Transport, Map<String, ServedFile.Generated>> shared = new EnumMap<>(Transport.class);
        for (Transport t : Transport.values()) {
            shared.put(t, new HashMap<>());
        }
        Map<Model, ModelFiles> models = new EnumMap<>(Model.class);
        Map<String, String> taken = new HashMap<>();
        for (Model m : Model.st20xx()) {
            ModelConfig mc = config.model(m);
            Map<String, Object> ctx = TemplateContext.forModel(config, urls, mc);
            Map<Transport, Optional<String>> common = new EnumMap<>(Transport.class);
            for (Transport t : Transport.values()) {
                ctx.put(TemplateContext.TRANSPORT, t.name().toLowerCase(Locale.ROOT));
                common.put(t, render(renderer, mc.templates().common(), ctx, problems, config));
            }
            ctx.remove(TemplateContext.TRANSPORT);
            Optional<String> telcfg = render(renderer, mc.templates().telcfg(), ctx, problems, config);
            if (common.values().stream().anyMatch(Optional::isEmpty) || telcfg.isEmpty()
                    || !announcesNextKey(mc, common.values(), renderer, problems)) {
                continue;
            }
            // Seed 6 encrypts the Comconfig and the MacConfig; the telcfg stays plain.
            Optional<SerCipher> cipher = mc.encryption().map(e -> SerCipher.forKey(e.key()));
            Map<Transport, ServedFile.Generated> commonFiles = new EnumMap<>(Transport.class);
            for (Transport t : Transport.values()) {
                String text = common.get(t).get();
                commonFiles.put(t, stamp.generated(contentNamed(mc.commonConfig(), text, mc.configExtension()), text,
                        Optional.empty(), FileKind.COMMON_CONFIG, cipher));
            }
            ServedFile.Generated telcfgFile = stamp.generated(contentNamed(mc.telcfg(), telcfg.get(), ".txt"),
                    telcfg.get(), Optional.empty(), FileKind.TELCFG, Optional.empty());
            ServedFile.Generated tftpInf = stamp.generated(mc.infName(), InfBuilder.build(mc, Transport.TFTP, urls,
                    commonFiles.get(Transport.TFTP).name(), telcfgFile.name()), Optional.empty(), FileKind.INF);
            ServedFile.Generated httpInf = stamp.generated(mc.infName(), InfBuilder.build(mc, Transport.HTTP, urls,
                    commonFiles.get(Transport.HTTP).name(), telcfgFile.name()), Optional.empty(), FileKind.INF);
            models.put(m, new ModelFiles(tftpInf, httpInf, commonFiles.get(Transport.TFTP),
                    commonFiles.get(Transport.HTTP), telcfgFile));
            java.util.Set<String> own = new java.util.HashSet<>();
            for (ServedFile.Generated g : List.of(commonFiles.get(Transport.TFTP), commonFiles.get(Transport.HTTP),
                    telcfgFile, tftpInf)) {
                String key = g.name().toLowerCase(Locale.ROOT);
                String owner = own.add(key) ? taken.putIfAbsent(key, m.name()) : null;
                if (owner != null) {
                    problems.add(cfgAt, "models." + m.name(), "file name '" + g.name() + "' is also used by "
                            + owner + "; give each model its own inf_name, common_config and telcfg");
                }
            }
            shared.get(Transport.TFTP).put(tftpInf.name().toLowerCase(Locale.ROOT), tftpInf);
            shared.get(Transport.HTTP).put(httpInf.name().toLowerCase(Locale.ROOT), httpInf);
            for (Transport t : Transport.values()) {
                for (ServedFile.Generated g : commonFiles.values()) {
                    shared.get(t).put(g.name().toLowerCase(Locale.ROOT), g);
                }
                shared.get(t).put(telcfgFile.name().toLowerCase(Locale.ROOT), telcfgFile);
            }
        }

        Map<String, ServedFile.Generated> macConfigs = new HashMap<>(config.devices().size() * 2);
        // The suite's name is every Gigaset account's provider name: checked once, not per device.
        Optional<String> providerProblem = GigasetProfile.unwritable(config.identity().name());
        if (providerProblem.isPresent() && config.devices().values().stream()
                .anyMatch(d -> d.model().isGigaset() && d.provider().isEmpty())) {
            problems.add(cfgAt, "suite.name", "is the provider name of every Gigaset profile, and " + providerProblem.get());
        }
        for (Device d : config.devices().values()) {
            if (d.model().isGigaset()) {
                if (providerProblem.isEmpty() || d.provider().isPresent()) {
                    gigasetProfile(d, urls, config, stamp, problems)
                            .ifPresent(g -> macConfigs.put(g.name().toLowerCase(Locale.ROOT), g));
                }
                continue;
            }
            ModelConfig mc = config.model(d.model());
            if (d.encryptionKey().isPresent() && mc.encryption().isEmpty()) {
                problems.add(d.at(), "encryption_key", "device " + d.mac() + " has its own .ser key but models."
                        + d.model() + " has no encryption: its phone asks for " + macConfigName(d, mc) + " (a .ser "
                        + "only when its INF names an encrypted common config, APS seed 6); add models." + d.model()
                        + ".encryption or remove encryption_key");
                continue;
            }
            Map<String, Object> ctx = TemplateContext.forDevice(config, urls, mc, d);
            Optional<String> text = render(renderer, mc.templates().mac(), ctx, problems, config);
            if (text.isEmpty()) {
                continue;
            }
            if (!text.get().contains(ConfigSn.PLACEHOLDER)) {
                problems.add(new Location(Path.of(renderer.origin(mc.templates().mac())), 1, 1), "config_sn",
                        "the MAC config template never writes {{ config_sn }}; phones apply a MAC config only "
                                + "when config_sn changes (APS seed 2.4.1 step 17)");
                continue;
            }
            if (rotating(mc) && d.encryptionKey().isEmpty()) {
                // A phone fetches its MAC config on every run (seed 2.4.1 step 16) and opens it with the
                // key it holds. While the model rotates, phones that applied the common config with the
                // next key and phones that have not yet hold different keys, so one file cannot serve
                // both: none is served, which the seed allows ("if it has been provided on the server").
                continue;
            }
            // config_sn is derived from the plain text; the device's own key, else its model's, encrypts it.
            Optional<SerCipher> cipher = mc.encryption().map(e -> SerCipher.forKey(d.encryptionKey().orElse(e.key())));
            String name = macConfigName(d, mc);
            macConfigs.put(name.toLowerCase(Locale.ROOT), stamp.generated(name, ConfigSn.fill(text.get()),
                    Optional.of(d.mac()), FileKind.MAC_CONFIG, cipher));
        }

        for (ActivationCode code : config.gigaset().codes().values()) {
            // Rendered when the code is used; what cannot be written is said now, not to the customer.
            GigasetProfiles.problems(code.forPhone(Mac.of(0xFFFF_FFFF_FFFFL))).forEach(w -> problems.add(code.at(), "lines",
                    "activation code " + code.user() + ": " + w));
        }
        StaticFiles statics;
        try {
            statics = new StaticFiles(config.paths().files());
        } catch (IOException e) {
            problems.add(cfgAt, "paths.files", "cannot open the files root: " + e.getMessage());
            return new Result(Optional.empty(), problems.sorted());
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems.sorted());
        }
        return new Result(Optional.of(new ProvisioningSnapshot(config, urls, shared, models, macConfigs, statics,
                stamp.plainTexts())), List.of());
    }

    /**
     * A Gigaset device's VoIP profile ({@code gigaset/<MAC>.xml}); empty, with the problem
     * said, when its lines hold what the profile format cannot carry.
     */
    private static Optional<ServedFile.Generated> gigasetProfile(Device d, SuiteUrls urls, SuiteConfig config,
                                                                 Stamp stamp, Problems problems) {
        List<String> wrong = GigasetProfiles.problems(d);
        wrong.forEach(w -> problems.add(d.at(), "lines", "device " + d.mac() + ": " + w));
        if (!wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stamp.generated(GigasetProfile.name(d.mac()), GigasetProfiles.plain(d, config, urls),
                Optional.of(d.mac()), FileKind.PROFILE, GigasetProfiles.cipher(d, config)));
    }

    /**
     * {@code ComConf2030S_1a2b3c4d.txt}, or {@code .ser} when encrypted: a new name whenever the
     * content changes (seed 2.1, prerequisite 3). The hash is over the plain text, so a key
     * change alone keeps the name: the phone already holds that content.
     */
    static String contentNamed(String base, String plainText, String extension) {
        return base + "_" + ConfigSn.shortHash(plainText.getBytes(StandardCharsets.UTF_8), 8) + extension;
    }

    /** {@code ST2030S_<MAC>.txt}, or {@code .ser} for an encrypted model (seed 6's log: "MacConfig: ST2030S_00147F00DFE4.ser"). */
    static String macConfigName(Device d, ModelConfig mc) {
        return macConfigName(d.model(), mc, d.mac().hex());
    }

    /** The same name for {@code mac} written as given: 12 hex digits, or a {@code {MAC}} placeholder. */
    static String macConfigName(Model m, ModelConfig mc, String mac) {
        return m.filePrefix() + mac + mc.configExtension();
    }

    /** {@code ST2030S_<MAC>.inf}: the INF a phone asks for first (seed 2.2), served for its inventory device. */
    static String macInfName(Model m, String mac) {
        return m.filePrefix() + mac + ".inf";
    }

    private static boolean rotating(ModelConfig mc) {
        return mc.encryption().flatMap(org.phoneprov.common.config.ModelEncryption::nextKey).isPresent();
    }

    /**
     * While a model rotates its key, the common config must give phones the next one, or
     * they could not read the files once it becomes the key (seed 6, "B. Via APS"). The
     * built-in templates write it; an admin's template may not.
     */
    private static boolean announcesNextKey(ModelConfig mc, java.util.Collection<Optional<String>> rendered,
                                            TemplateRenderer renderer, Problems problems) {
        Optional<String> next = mc.encryption().flatMap(org.phoneprov.common.config.ModelEncryption::nextKey);
        if (next.isEmpty() || rendered.stream().allMatch(t -> t.get().contains("Decryption_Key=" + next.get()))) {
            return true;
        }
        problems.add(new Location(Path.of(renderer.origin(mc.templates().common())), 1, 1),
                "models." + mc.model() + ".encryption.next_key", "is set, but the common config template never "
                        + "writes Decryption_Key={{ encryption.decryption_key }} in [autoprovision]: phones would "
                        + "never learn the next key (APS seed 6)");
        return false;
    }

    private static Optional<String> render(TemplateRenderer r, String template, Map<String, Object> ctx,
                                           Problems problems, SuiteConfig config) {
        try {
            return Optional.of(r.render(template, ctx));
        } catch (TemplateRenderer.TemplateError e) {
            String origin = r.origin(e.template());
            problems.add(new Location(Path.of(origin), e.line(), 1), "template " + e.template(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Makes Generated files, encrypted when a cipher is given, reusing the previous
     * Last-Modified when the served bytes are the same (the cipher's fixed IV makes them so).
     */
    private static final class Stamp {
        private final Map<String, ServedFile.Generated> before = new HashMap<>();
        private final Map<String, byte[]> plainTexts = new HashMap<>();
        private final long now;

        Stamp(Optional<ProvisioningSnapshot> previous, long now) {
            this.now = now;
            previous.ifPresent(p -> {
                for (Transport t : Transport.values()) {
                    p.shared(t).values().forEach(g -> before.put(g.etag(), g));
                }
                p.macConfigs().values().forEach(g -> before.put(g.etag(), g));
            });
        }

        ServedFile.Generated generated(String name, String content, Optional<Mac> device, FileKind kind) {
            return generated(name, content, device, kind, Optional.empty());
        }

        ServedFile.Generated generated(String name, String content, Optional<Mac> device, FileKind kind,
                                       Optional<? extends FileCipher> cipher) {
            return generated(name, content.getBytes(StandardCharsets.UTF_8), device, kind, cipher);
        }

        ServedFile.Generated generated(String name, byte[] plain, Optional<Mac> device, FileKind kind) {
            return generated(name, plain, device, kind, Optional.empty());
        }

        ServedFile.Generated generated(String name, byte[] plain, Optional<Mac> device, FileKind kind,
                                       Optional<? extends FileCipher> cipher) {
            byte[] bytes = cipher.map(c -> c.encrypt(plain)).orElse(plain);
            cipher.ifPresent(c -> plainTexts.put(name.toLowerCase(Locale.ROOT), plain));
            String etag = "\"" + ConfigSn.shortHash(bytes, 20) + "\"";
            ServedFile.Generated old = before.get(etag);
            long modified = old != null ? old.lastModified() : now - now % 1000;
            return new ServedFile.Generated(name, bytes, etag, modified,
                    cipher.isPresent() ? ContentTypes.ENCRYPTED : ContentTypes.of(name), device, kind);
        }

        /** The plain text of every encrypted file, by lower-case name. */
        Map<String, byte[]> plainTexts() {
            return plainTexts;
        }
    }

}
