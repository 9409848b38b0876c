package org.phoneprov.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.provision.CatalogEntry;
import org.phoneprov.common.provision.Model;

/**
 * What a model's phones download (seed 2.4.1 and 2.4.2): the static catalog files,
 * paths relative to the files root, and the templates and base names of the files the
 * suite renders for it.
 *
 * @param infName       the configured INF name, the phone's {@code AutoprovisionConfigname}
 *                      and the DHCP option 67 file name (seed 2.2)
 * @param commonConfig  base name of the common config; the served name adds a content hash,
 *                      because the phone downloads it only when the name changes (seed 2.1, 2.4.1 step 15)
 * @param telcfg        base name of the telephone config, named the same way (2.4.1 step 14)
 * @param encryption    when present, the common and MAC configs are served encrypted, as
 *                      {@code .ser} files (seed 6); the telcfg stays plain (seed 6 lists only
 *                      the Comconfig and the MacConfig)
 */
public record ModelConfig(
        Model model,
        String infName,
        Map<CatalogEntry, List<String>> catalog,
        String commonConfig,
        String telcfg,
        Templates templates,
        Map<String, String> vars,
        Optional<ModelEncryption> encryption) {

    public ModelConfig {
        catalog = Map.copyOf(catalog);
        vars = Map.copyOf(vars);
        java.util.Objects.requireNonNull(encryption);
    }

    /** A model without encryption. */
    public ModelConfig(Model model, String infName, Map<CatalogEntry, List<String>> catalog, String commonConfig,
                       String telcfg, Templates templates, Map<String, String> vars) {
        this(model, infName, catalog, commonConfig, telcfg, templates, vars, Optional.empty());
    }

    /**
     * The extension of the common and MAC configs as served: {@code .ser} for an encrypted
     * model, else {@code .txt}. A phone asks for {@code ST2030S_<MAC>.ser} exactly when its
     * INF names a {@code .ser} common config (seed 6's log fetches both as {@code .ser}).
     */
    public String configExtension() {
        return encryption.isPresent() ? ".ser" : ".txt";
    }

    /** Template names, looked up in the admin's templates folder first, then the built-in ones. */
    public record Templates(String common, String telcfg, String mac) {
        public static Templates defaults(Model m) {
            String f = m.templateFolder();
            return new Templates(f + "/common.txt", f + "/telcfg.txt", f + "/mac.txt");
        }
    }

    public List<String> files(CatalogEntry e) {
        return catalog.getOrDefault(e, List.of());
    }

    public static ModelConfig defaults(Model m) {
        String short2 = m.name().substring(2);
        return new ModelConfig(m, m.name() + ".inf", Map.of(), "ComConf" + short2, "TelConf" + short2,
                Templates.defaults(m), Map.of());
    }
}
