package org.phoneprov.common.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phoneprov.common.config.ModelConfig;

/**
 * Writes a model's Provisioning Information File. Sections and keys follow the seed:
 * 2.4.3 for TFTP (file names, relative to the TFTP root) and 2.5.3 for HTTP (URLs,
 * plus {@code config=} — the folder the phone appends its MAC config name to).
 * Lines end in CRLF, as files made for these phones on Windows tools do.
 */
public final class InfBuilder {
    private InfBuilder() {
    }

    public static String build(ModelConfig model, Transport t, SuiteUrls urls, String commonName, String telcfgName) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put("provision_mode", new ArrayList<>(List.of("provision_mode=auto_provisioning")));
        for (String s : List.of("application", "deckfile", "melody", "config")) {
            sections.put(s, new ArrayList<>());
        }
        for (CatalogEntry e : CatalogEntry.values()) {
            if (!e.appliesTo(model.model())) {
                continue;
            }
            for (String file : model.files(e)) {
                sections.get(e.section(t)).add(e.infKey(t) + "=" + location(t, urls, file));
            }
        }
        List<String> config = sections.get("config");
        config.add("common_config=" + location(t, urls, commonName));
        config.add("telcfg=" + location(t, urls, telcfgName));
        if (t == Transport.HTTP) {
            // Seed 2.5.1 step 16: the phone appends ST20xxS_<MAC>.txt to this folder URL (.ser when
            // common_config is a .ser, seed 6).
            config.add("config=" + urls.httpBase());
        }
        StringBuilder b = new StringBuilder(512);
        for (Map.Entry<String, List<String>> s : sections.entrySet()) {
            if (s.getValue().isEmpty()) {
                continue;
            }
            b.append('[').append(s.getKey()).append("]\r\n");
            for (String line : s.getValue()) {
                b.append(line).append("\r\n");
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    private static String location(Transport t, SuiteUrls urls, String relative) {
        return t == Transport.TFTP ? relative : urls.http(relative);
    }
}
