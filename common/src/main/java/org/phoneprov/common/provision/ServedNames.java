package org.phoneprov.common.provision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.provision.gigaset.GigasetProfile;

/**
 * Whether a path names something the suite serves, judged from the config alone (nothing is
 * rendered), for checks of URLs the suite hands to phones, such as a plug-and-play answer.
 * The names are those {@link ProvisioningSnapshot} resolves, built by the same helpers:
 * <ul>
 *   <li>a name form, with the MAC as {@code {MAC}} or {@code {mac}} (generated names are
 *       matched ignoring case): a Gigaset's profile {@code gigaset/{MAC}.xml}, an ST20xx's own
 *       INF {@code ST2030S_{MAC}.inf} and MAC config {@code ST2030S_{MAC}.txt} ({@code .ser}
 *       for an encrypted model);</li>
 *   <li>those names for a device in the inventory, and each ST20xx model's INF name;</li>
 *   <li>a folder: the server root, {@code gigaset/} (the folder DHCP option 114 names) or a
 *       folder under {@code paths.files};</li>
 *   <li>a file under {@code paths.files}, as written (static names are exact over HTTP).</li>
 * </ul>
 * The common configs and telcfgs are left out: their names carry a hash of their content
 * (seed 2.1), so a name written into a config would soon be stale.
 */
public final class ServedNames {
    /** The MAC as a URL placeholder writes it; lower case, since generated names are compared so. */
    private static final String MAC = "{mac}";

    private ServedNames() {
    }

    /** @param path percent-decoded, relative to the server root; a leading or trailing '/' is ignored */
    public static boolean serves(String path, SuiteConfig config) {
        String rel = StaticFiles.relative(path);
        String folder = rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
        String key = rel.toLowerCase(Locale.ROOT);
        if (forms(config).contains(key) || generated(config).contains(key)
                || folder.isEmpty() || folder.equals(GigasetProfile.FOLDER_NAME)) {
            return true;
        }
        try {
            StaticFiles statics = new StaticFiles(config.paths().files());
            return statics.isFolder(folder) || statics.lookup(rel) instanceof Lookup.Found;
        } catch (IOException e) {
            return false; // no files root: only generated names are served
        }
    }

    /** What is served, for a problem that says what to write instead. */
    public static String summary(SuiteConfig config) {
        List<String> infs = new ArrayList<>();
        for (Model m : Model.st20xx()) {
            infs.add(config.model(m).infName());
        }
        List<String> forms = new ArrayList<>(List.of(GigasetProfile.name("{MAC}")));
        for (Model m : Model.st20xx()) {
            forms.add(SnapshotBuilder.macInfName(m, "{MAC}"));
            forms.add(SnapshotBuilder.macConfigName(m, config.model(m), "{MAC}"));
        }
        return String.join(", ", forms) + " (each device's profile, INF and MAC config; {mac} works too); "
                + String.join(", ", infs) + " (the model INFs); the folders / and " + GigasetProfile.FOLDER
                + "; and what is under paths.files (" + config.paths().files() + ")";
    }

    /** Every per-device name form, lower case. */
    private static Set<String> forms(SuiteConfig config) {
        Set<String> out = new LinkedHashSet<>();
        out.add(GigasetProfile.name(MAC));
        for (Model m : Model.st20xx()) {
            out.add(SnapshotBuilder.macInfName(m, MAC).toLowerCase(Locale.ROOT));
            out.add(SnapshotBuilder.macConfigName(m, config.model(m), MAC).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Every generated name of this config that does not change with content, lower case. */
    private static Set<String> generated(SuiteConfig config) {
        Set<String> out = new LinkedHashSet<>();
        for (Model m : Model.st20xx()) {
            out.add(config.model(m).infName().toLowerCase(Locale.ROOT));
        }
        for (Device d : config.devices().values()) {
            if (d.model().isGigaset()) {
                out.add(GigasetProfile.name(d.mac()).toLowerCase(Locale.ROOT));
            } else {
                out.add(SnapshotBuilder.macInfName(d.model(), d.mac().hex()).toLowerCase(Locale.ROOT));
                out.add(SnapshotBuilder.macConfigName(d.model(), config.model(d.model()), d.mac().hex())
                        .toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
