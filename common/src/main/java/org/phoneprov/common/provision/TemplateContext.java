package org.phoneprov.common.provision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.DeviceClass;
import org.phoneprov.common.config.ModelConfig;
import org.phoneprov.common.config.SuiteConfig;

/**
 * The variables a template sees. Documented in the README; names are snake_case like
 * the config. {@code vars} merges, later winning: suite, model, class, device.
 */
public final class TemplateContext {
    private TemplateContext() {
    }

    static Map<String, Object> suite(SuiteConfig c, SuiteUrls urls) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", c.identity().name());
        s.put("address", c.identity().address().getHostAddress());
        s.put("http_url", urls.httpBase());
        s.put("http_server", urls.httpServer());
        s.put("tftp_server", urls.tftpServer());
        s.put("check_sync_source", urls.checkSyncSource());
        return s;
    }

    static Map<String, Object> model(ModelConfig m) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", m.model().name());
        x.put("hardware", m.model().hardware());
        x.put("protocol", m.model().protocol().name().toLowerCase(java.util.Locale.ROOT));
        x.put("inf_name", m.infName());
        x.put("lines", m.model().lines());
        return x;
    }

    /** For the common config and telcfg: no device. */
    /** {@code http} or {@code tftp} while a common config is rendered: the transport it is served over. */
    public static final String TRANSPORT = "transport";

    public static Map<String, Object> forModel(SuiteConfig c, SuiteUrls urls, ModelConfig m) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("suite", suite(c, urls));
        ctx.put("model", model(m));
        Map<String, String> vars = new LinkedHashMap<>(c.vars());
        vars.putAll(m.vars());
        ctx.put("vars", vars);
        ctx.put("config_sn", ConfigSn.PLACEHOLDER);
        ctx.put("encryption", encryption(m, Optional.empty()));
        return ctx;
    }

    /**
     * What a config may tell the phone about its {@code .ser} key ({@code Decryption_Key} in
     * {@code [autoprovision]}, APS seed 6): {@code enabled}; {@code next_key}, the key being
     * rotated to, else empty; {@code decryption_key}, the key the phone is to hold once it
     * applied the file: the next key while rotating, else the key the file is encrypted
     * with (a device's own key for its MAC config), empty without encryption. The built-in
     * common templates write {@code decryption_key}; the MAC templates write no key (see
     * {@link SnapshotBuilder} on rotation).
     */
    static Map<String, Object> encryption(ModelConfig m, Optional<Device> d) {
        Optional<String> own = d.flatMap(Device::encryptionKey);
        Optional<String> next = own.isPresent() ? Optional.empty()
                : m.encryption().flatMap(org.phoneprov.common.config.ModelEncryption::nextKey);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("enabled", m.encryption().isPresent());
        e.put("next_key", next.orElse(""));
        e.put("decryption_key", m.encryption().map(x -> next.or(() -> own).orElse(x.key())).orElse(""));
        return e;
    }

    /** For a MAC-specific config. */
    public static Map<String, Object> forDevice(SuiteConfig c, SuiteUrls urls, ModelConfig m, Device d) {
        Map<String, Object> ctx = forModel(c, urls, m);
        Optional<DeviceClass> cls = classOf(c, d);
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) ctx.get("vars");
        cls.ifPresent(k -> vars.putAll(k.vars()));
        vars.putAll(d.vars());
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("mac", d.mac().hex());
        device.put("mac_colon", d.mac().colon());
        device.put("model", d.model().name());
        device.put("class", cls.map(DeviceClass::name).orElse(""));
        device.put("address", d.address().map(a -> a.getHostAddress()).orElse(""));
        ctx.put("device", device);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < d.lines().size(); i++) {
            Device.Line l = d.lines().get(i);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("index", i + 1);
            line.put("number", l.number());
            line.put("auth_user", l.authUser());
            line.put("password", l.password());
            line.put("display_name", l.displayName());
            line.put("registrar", l.registrar());
            line.put("proxy", l.proxy());
            // The ST20xx takes server and port in separate keys (RegisterServerMP<n>,
            // sip_reg_srv_portMP<n>; docs/vendor-formats.md 1.3), the inventory one "host[:port]".
            HostPort registrar = HostPort.of(l.registrar());
            HostPort proxy = HostPort.of(l.proxy());
            line.put("registrar_host", registrar.host());
            line.put("registrar_port", registrar.port());
            line.put("proxy_host", proxy.host());
            line.put("proxy_port", proxy.port());
            lines.add(line);
        }
        ctx.put("lines", lines);
        ctx.put("encryption", encryption(m, Optional.of(d)));
        return ctx;
    }

    /**
     * An inventory server value split for keys that take host and port apart:
     * {@code pbx.lan:5070} → {@code pbx.lan}, {@code 5070}; {@code [2001:db8::1]:5070} → the
     * address without brackets. A value without a port, or whose suffix is not a port
     * (1–65535), is all host, with port {@code ""}: the template writes its default.
     */
    public record HostPort(String host, String port) {
        public static HostPort of(String value) {
            String v = value.strip();
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close > 0 && (close == v.length() - 1 || (v.charAt(close + 1) == ':' && isPort(v.substring(close + 2))))) {
                    return new HostPort(v.substring(1, close), close == v.length() - 1 ? "" : port(v.substring(close + 2)));
                }
                return new HostPort(v, "");
            }
            int colon = v.indexOf(':');
            if (colon > 0 && colon == v.lastIndexOf(':') && isPort(v.substring(colon + 1))) {
                return new HostPort(v.substring(0, colon), port(v.substring(colon + 1)));
            }
            return new HostPort(v, "");
        }

        private static String port(String digits) {
            return Integer.toString(Integer.parseInt(digits));
        }

        private static boolean isPort(String s) {
            if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            int p = Integer.parseInt(s);
            return p >= 1 && p <= 65535;
        }
    }

    /** The device's class: the one it names, else the first class (in written order) that matches it. */
    public static Optional<DeviceClass> classOf(SuiteConfig c, Device d) {
        if (d.className().isPresent()) {
            return Optional.ofNullable(c.classes().get(d.className().get()));
        }
        return c.classes().values().stream().filter(k -> k.matches(d.model(), d.mac())).findFirst();
    }
}
