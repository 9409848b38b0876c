package org.phoneprov.dhcpd.options;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.DhcpClassOptions.Provision;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.SuiteUrls;
import org.phoneprov.common.provision.gigaset.GigasetProfile;

/**
 * The options that tell a phone where its INF is, computed once per config:
 * <ul>
 *   <li>HTTP (APS seed 2.5): option 43 = the model's INF URL as one plain string, the URL
 *       httpd serves ({@link SuiteUrls#http}); at most 255 characters (seed 2.5).</li>
 *   <li>TFTP (seed 2.4, 4.2): option 66 = the suite's address as text (RFC 2132 9.4),
 *       option 150 = its 4 bytes (seed 2.4: "used instead of option 66 if present"),
 *       {@code siaddr} = the same address, option 67 = the model's INF name and the BOOTP
 *       {@code file} field = the INF name too (seed 4.2: the phone reads {@code file} when 67
 *       is absent, and 67 wins over it).</li>
 * </ul>
 * Without a known model there is no INF to name: HTTP sends no 43; TFTP still names the
 * server, and the phone asks for its MAC-named INF (seed 2.4).
 *
 * <p>A Gigaset reads no INF: over HTTP it gets option 114, the URL of the folder its profile
 * is served from ({@code http://suite/gigaset}); with no file name in it the phone asks
 * {@code <URL>/provisioning.xml}, then {@code <URL>/<MAC>.xml}, and 114 has priority over 66
 * (Gigaset wiki "DHCP option 114", at most 74 characters; docs/vendor-formats.md 2.4). 114 is
 * the code RFC 3679 listed as used for a URL, and the one RFC 8910 later gave the captive
 * portal: only a Gigaset gets it. That is the classified vendor, not the model, so a Gigaset
 * the inventory does not know, of a model the suite does not know, gets it too (the folder
 * URL names no model). Profiles are HTTP only, so TFTP gives a Gigaset nothing.
 */
final class ProvisionOptions {
    /** The BOOTP {@code file} field is 128 bytes, NUL-terminated. */
    static final int MAX_FILE = 127;

    /** One model's precomputed values. */
    private record ModelValues(String infName, String infUrl, boolean urlFits, boolean nameFitsFile) {
    }

    private final Map<Model, ModelValues> models = new EnumMap<>(Model.class);
    private final Optional<byte[]> suiteAddress;
    private final String tftpServer;
    /** Option 114 for Gigaset phones, when the URL fits; else why not, said in each reply's note. */
    private final Optional<byte[]> gigasetUrl;
    private final String gigasetUrlTooLong;
    static final int GIGASET_URL_CODE = 114;
    static final int GIGASET_URL_MAX = 74;

    ProvisionOptions(SuiteConfig config) {
        SuiteUrls urls = SuiteUrls.of(config);
        for (Model m : Model.st20xx()) {
            String inf = config.model(m).infName();
            String url = urls.http(inf);
            models.put(m, new ModelValues(inf, url,
                    url.getBytes(StandardCharsets.UTF_8).length <= OptionBytes.MAX_VALUE,
                    inf.getBytes(StandardCharsets.UTF_8).length <= MAX_FILE));
        }
        suiteAddress = OptionBytes.ipv4(config.identity().address());
        tftpServer = urls.tftpServer();
        String url = urls.http(GigasetProfile.FOLDER_NAME);
        gigasetUrl = url.length() <= GIGASET_URL_MAX ? Optional.of(url.getBytes(StandardCharsets.US_ASCII))
                : Optional.empty();
        gigasetUrlTooLong = "no option 114: " + url + " is longer than the " + GIGASET_URL_MAX
                + " characters a Gigaset reads";
    }

    void add(Provision provision, Optional<Model> model, Optional<Model.Vendor> vendor, Draft d) {
        if (vendor.equals(Optional.of(Model.Vendor.GIGASET))) {
            gigaset(provision, model, d);
            return;
        }
        switch (provision) {
            case HTTP -> http(model, d);
            case TFTP -> tftp(model, d);
            case NONE -> { }
        }
    }

    private void gigaset(Provision provision, Optional<Model> model, Draft d) {
        if (provision != Provision.HTTP) {
            d.note("no provisioning options: a Gigaset " + model.map(Model::name).orElse("of unknown model")
                    + " reads its profile over HTTP only");
        } else if (gigasetUrl.isEmpty()) {
            d.note(gigasetUrlTooLong);
        } else {
            d.put(GIGASET_URL_CODE, gigasetUrl.get());
        }
    }

    private void http(Optional<Model> model, Draft d) {
        if (model.isEmpty()) {
            d.note("no option 43: the phone's model is unknown (not in the inventory, not named by option 60 or 77)");
            return;
        }
        ModelValues v = models.get(model.get());
        if (!v.urlFits()) {
            d.note("no option 43: the INF URL " + v.infUrl() + " is longer than 255 characters (seed 2.5)");
            return;
        }
        d.put(DhcpOption.VENDOR_SPECIFIC.code(), v.infUrl().getBytes(StandardCharsets.UTF_8));
    }

    private void tftp(Optional<Model> model, Draft d) {
        if (suiteAddress.isEmpty()) {
            d.note("no options 66/150 and no next-server: suite.address " + tftpServer + " is not IPv4");
        } else {
            d.put(DhcpOption.TFTP_SERVER_NAME.code(), OptionBytes.ascii(tftpServer));
            d.put(DhcpOption.TFTP_SERVER_ADDRESS.code(), suiteAddress.get());
            d.nextServer = OptionBytes.toInt(suiteAddress.get());
        }
        if (model.isEmpty()) {
            d.note("no option 67 and no file: the phone's model is unknown; it will ask for its MAC-named INF (seed 2.4)");
            return;
        }
        ModelValues v = models.get(model.get());
        d.put(DhcpOption.BOOTFILE_NAME.code(), v.infName().getBytes(StandardCharsets.UTF_8));
        if (v.nameFitsFile()) {
            d.file = Optional.of(v.infName());
        } else {
            d.note("no BOOTP file: the INF name " + v.infName() + " is longer than " + MAX_FILE + " characters");
        }
    }
}
