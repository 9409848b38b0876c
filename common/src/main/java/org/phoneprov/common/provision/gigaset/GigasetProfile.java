package org.phoneprov.common.provision.gigaset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.SuiteUrls;
import org.phoneprov.common.provision.TemplateContext.HostPort;

/**
 * A Gigaset VoIP profile (Gigaset seed, "Provisioning via Profiles": "a configuration file
 * containing Gigaset VoIP-phone specific settings"), rendered from the same inventory record
 * an ST20xx MAC config is: its lines, passwords, display names, registrar and proxy.
 *
 * <p>The seed does not spell the format out; the public material does (docs/vendor-formats.md
 * section 2, each fact with its source):
 * <ul>
 *   <li>N510 IP PRO: {@code <ProviderFrame>} with {@code <Provider>}, {@code MAC_ADDRESS},
 *       {@code PROFILE_NAME} and {@code SYMB_ITEM}s {@code BS_IP_Data1.aucS_SIP_*}, line 1 without
 *       a suffix and line n with {@code _n} (Wazo wazo-gigaset {@code N510/templates/base.tpl},
 *       confirmed by amooma GS5 {@code config_gigaset_controller.rb}).</li>
 *   <li>N720 DM PRO: the same frame, accounts under {@code BS_VOIP_Data.astVoipAccounts[i]} and
 *       one provider {@code astVoipProviders[0]} (Wazo {@code N720/templates/base.tpl}).</li>
 *   <li>C470 IP / C590 IP: Gigaset's element-per-setting profile ({@code S_SIP_LOGIN_ID_1} ...,
 *       Gigaset wiki "The XML provisioning file", {@code template.xml}). Only the elements that
 *       page shows are written; the registrar port has no public name, so it is left out.</li>
 * </ul>
 * Strings are written as Gigaset writes them, double-quoted inside a single-quoted attribute
 * ({@code value='"1001"'}); ports as hex ({@code 0x13c4}) as in Wazo's templates. The file is
 * ISO-8859-1, as the templates declare; a character outside it is written as a character
 * reference, so any display name survives.
 */
public final class GigasetProfile {
    /** The folder the suite serves profiles from, {@code /gigaset/<MAC>.xml}: the URL phones are given. */
    public static final String FOLDER_NAME = "gigaset";
    public static final String FOLDER = FOLDER_NAME + "/";
    static final int DEFAULT_SIP_PORT = 5060;
    /** Re-registration timer of Wazo's N510 template (0xb4 = 180 s). */
    private static final int RE_REGISTRATION_SECONDS = 180;

    private GigasetProfile() {
    }

    /**
     * {@code gigaset/7C2F80AABBCC.xml}: upper-case MAC, as Wazo names N510/N720 profiles
     * ({@code ^[0-9A-F]{12}\.xml$}) and as the phone expands {@code %MACD}.
     */
    public static String name(Mac mac) {
        return name(mac.hex());
    }

    /** The same name for {@code mac} written as given: 12 hex digits, or a {@code {MAC}} placeholder. */
    public static String name(String mac) {
        return FOLDER + mac + ".xml";
    }

    /** The value no profile string may hold: it would end Gigaset's quoted string early. */
    public static Optional<String> unwritable(String value) {
        if (value.indexOf('"') >= 0) {
            return Optional.of("a Gigaset profile cannot carry a '\"' in a value (it ends the profile's quoted string)");
        }
        if (value.chars().anyMatch(c -> c < 0x20)) {
            return Optional.of("a Gigaset profile cannot carry a control character (XML 1.0 has none)");
        }
        return Optional.empty();
    }

    /**
     * @param urls     the suite's URLs: the profile names the folder it is served from as the
     *                 phone's provisioning server for later checks
     * @param provider the provider name the phone shows for its accounts
     */
    public static byte[] render(Device d, SuiteUrls urls, String provider) {
        Xml x = new Xml();
        x.raw("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n");
        switch (d.model()) {
            // N510: "host:port" as Wazo writes it, with the folder as GS5 does ("host_with_port/gigaset");
            // N720: a URL ("http://ip:port" in Wazo's N720 template).
            case N510 -> n510(d, urls.httpServer() + "/" + FOLDER_NAME, provider, x);
            case N720 -> n720(d, urls.http(FOLDER_NAME), provider, x);
            case C470, C590 -> elements(d, provider, x);
            default -> throw new IllegalArgumentException(d.model() + " is not a Gigaset model");
        }
        return x.bytes();
    }

    private static void n510(Device d, String dataServer, String provider, Xml x) {
        x.raw("<ProviderFrame xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:noNamespaceSchemaLocation=\"N510.xsd\">\n<Provider>\n");
        header(d, "N510", x);
        List<Device.Line> lines = d.lines();
        for (int i = 0; i < lines.size(); i++) {
            Device.Line l = lines.get(i);
            int n = i + 1;
            String suffix = n == 1 ? "" : "_" + n;
            HostPort reg = HostPort.of(l.registrar());
            HostPort proxy = HostPort.of(l.proxy());
            x.item("BS_Accounts.astAccounts[" + i + "].aucAccountName[0]", str(l.displayName()));
            x.item("BS_IP_Data1.aucS_SIP_ACCOUNT_NAME_" + n, str(l.displayName()));
            x.item("BS_IP_Data1.aucS_SIP_DISPLAYNAME" + suffix, str(l.displayName()));
            // LOGIN_ID is the authentication name, USER_ID the SIP user (Wazo xivo-gigaset set_line).
            x.item("BS_IP_Data3.aucS_SIP_LOGIN_ID" + suffix, str(l.authUser()));
            x.item("BS_IP_Data1.aucS_SIP_PASSWORD" + suffix, str(l.password()));
            x.item("BS_IP_Data1.aucS_SIP_USER_ID" + suffix, str(l.number()));
            x.item("BS_IP_Data1.aucS_SIP_DOMAIN" + suffix, str(reg.host()));
            x.item("BS_IP_Data1.aucS_SIP_SERVER" + suffix, str(proxy.host()));
            x.item("BS_IP_Data1.aucS_SIP_REGISTRAR" + suffix, str(reg.host()));
            x.item("BS_IP_Data1.aucS_SIP_PROVIDER_NAME" + suffix, str(provider));
            x.item("BS_IP_Data1.uiI_SIP_SERVER_PORT" + suffix, hex(port(proxy)));
            x.item("BS_IP_Data1.uiI_SIP_REGISTRAR_PORT" + suffix, hex(port(reg)));
            x.item("BS_IP_Data1.uiI_RE_REGISTRATION_TIMER" + suffix, hex(RE_REGISTRATION_SECONDS));
            x.item("BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_" + n, "0x1");
        }
        x.item("BS_IP_Data1.aucS_DATA_SERVER[0]", str(dataServer));
        x.item("BS_IP_Data.ucB_AUTO_UPDATE_PROFILE", "0x1");
        x.raw("</Provider>\n</ProviderFrame>\n");
    }

    private static void n720(Device d, String dataServer, String provider, Xml x) {
        x.raw("<ProviderFrame xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:noNamespaceSchemaLocation=\"N720_general.xsd\">\n<Provider>\n");
        header(d, "N720", x);
        List<Device.Line> lines = d.lines();
        for (int i = 0; i < lines.size(); i++) {
            Device.Line l = lines.get(i);
            String acc = "BS_VOIP_Data.astVoipAccounts[" + i + "].";
            x.item(acc + "aucS_SIP_DISPLAYNAME[0]", str(l.displayName()));
            x.item(acc + "aucS_SIP_LOGIN_ID[0]", str(l.authUser()));
            x.item(acc + "aucS_SIP_PASSWORD[0]", str(l.password()));
            x.item(acc + "aucS_SIP_USER_ID[0]", str(l.number()));
            x.item(acc + "ucB_SIP_ACCOUNT_IS_ACTIVE_1", "1");
        }
        if (!lines.isEmpty()) {
            // One provider, as Wazo's template writes it; SnapshotBuilder refuses N720 lines on different servers.
            HostPort reg = HostPort.of(lines.get(0).registrar());
            HostPort proxy = HostPort.of(lines.get(0).proxy());
            String p = "BS_VOIP_Data.astVoipProviders[0].";
            x.item("BS_VOIP_Data.astVoipAccounts[%].ucVoipProviderIndex", "0");
            x.item(p + "aucSIP_DOMAIN[%]", str(reg.host()));
            x.item(p + "aucSIP_SERVER[%]", str(proxy.host()));
            x.item(p + "uiSIP_SERVER_PORT", hex(port(proxy)));
            x.item(p + "aucSIP_REGISTRAR[%]", str(reg.host()));
            x.item(p + "uiSIP_REGISTRAR_PORT", hex(port(reg)));
        }
        x.item("BS_IP_Data.aucS_DATA_SERVER[%]", str(dataServer));
        x.item("BS_IP_Data.ucB_AUTO_UPDATE_PROFILE", "0x1");
        x.raw("</Provider>\n</ProviderFrame>\n");
    }

    private static void elements(Device d, String provider, Xml x) {
        // Gigaset's template.xml: the profile's elements directly under ProviderFrame.
        x.raw("<ProviderFrame xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:noNamespaceSchemaLocation=\"DE410.xsd\">\n");
        x.element("MAC_ADDRESS", null, d.mac().hex());
        x.element("PROFILE_NAME", "string", d.model().name());
        List<Device.Line> lines = d.lines();
        for (int i = 0; i < lines.size(); i++) {
            Device.Line l = lines.get(i);
            int n = i + 1;
            HostPort reg = HostPort.of(l.registrar());
            HostPort proxy = HostPort.of(l.proxy());
            x.element("B_SIP_ACCOUNT_IS_ACTIVE_" + n, "boolean", "true");
            x.element("S_SIP_ACCOUNT_NAME_" + n, "string", l.displayName());
            x.element("S_SIP_LOGIN_ID_" + n, "string", l.authUser());
            x.element("S_SIP_PASSWORD_" + n, "string", l.password());
            x.element("S_SIP_USER_ID_" + n, "string", l.number());
            x.element("S_SIP_DISPLAYNAME_" + n, "string", l.displayName());
            x.element("S_SIP_PROVIDER_NAME_" + n, "string", provider);
            x.element("S_SIP_DOMAIN_" + n, "string", reg.host());
            x.element("S_SIP_SERVER_" + n, "string", proxy.host());
            x.element("I_SIP_SERVER_PORT_" + n, "integer", Integer.toString(port(proxy)));
            x.element("S_SIP_REGISTRAR_" + n, "string", reg.host());
        }
        x.raw("</ProviderFrame>\n");
    }

    private static void header(Device d, String profileName, Xml x) {
        // "Please enter the correct MAC Address example: 3E2F800E1234 ... If not correct, no settings
        // will be changed" (Wazo N720 template): the phone checks it against its own.
        x.raw("<MAC_ADDRESS value=\"" + d.mac().hex() + "\"/>\n");
        x.raw("<PROFILE_NAME class=\"string\" value=\"" + profileName + "\"/>\n");
    }

    private static int port(HostPort hp) {
        return hp.port().isEmpty() ? DEFAULT_SIP_PORT : Integer.parseInt(hp.port());
    }

    private static String str(String s) {
        return "\"" + s + "\"";
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }

    /** Appends markup; escapes every value it is given, so no inventory text can add markup. */
    private static final class Xml {
        private final StringBuilder out = new StringBuilder(4096);

        void raw(String s) {
            out.append(s);
        }

        void item(String id, String value) {
            out.append("<SYMB_ITEM ID=\"").append(id).append("\" class=\"symb_item\" value='");
            escape(value);
            out.append("'/>\n");
        }

        void element(String name, String cls, String value) {
            out.append('<').append(name);
            if (cls != null) {
                out.append(" class=\"").append(cls).append('"');
            }
            out.append(" value='");
            escape(value);
            out.append("'/>\n");
        }

        private void escape(String v) {
            for (int i = 0; i < v.length(); ) {
                int c = v.codePointAt(i);
                i += Character.charCount(c);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '\'' -> out.append("&apos;");
                    default -> {
                        if (c < 0x20) {
                            throw new IllegalArgumentException("control character in a profile value; see unwritable()");
                        } else if (c > 0xFF) {
                            out.append("&#x").append(Integer.toHexString(c)).append(';');
                        } else {
                            out.appendCodePoint(c);
                        }
                    }
                }
            }
        }

        byte[] bytes() {
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Lines of a device that an N720 profile cannot carry: it has one provider (registrar, proxy). */
    public static List<Integer> linesOnOtherServers(Device d) {
        List<Integer> out = new ArrayList<>();
        if (d.model() != Model.N720 || d.lines().isEmpty()) {
            return out;
        }
        Device.Line first = d.lines().get(0);
        for (int i = 1; i < d.lines().size(); i++) {
            Device.Line l = d.lines().get(i);
            if (!l.registrar().equals(first.registrar()) || !l.proxy().equals(first.proxy())) {
                out.add(i + 1);
            }
        }
        return out;
    }
}
