package org.phoneprov.phonesim.phone;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a phone remembers across reboots (its flash): the names it last downloaded, so it
 * fetches a file only when the INF names another one (seed 2.4.1 steps 2–15), the
 * {@code config_sn} of the MAC config it applied (step 17), the values the config files
 * gave it, and the VLAN DHCP gave it (seed 4.5.2). Immutable.
 *
 * <p>Config values are kept per file, as {@code section.key → value}: the effective
 * configuration is telcfg, then the common config, then the MAC-specific config, each
 * overriding the one before ("the value given in MAC-specific config file will overwrite
 * the value from the common config file", end of 2.4.1). Keeping them apart matters: a
 * renamed common config is applied while the MAC config, whose {@code config_sn} did not
 * change, still overrides it.
 *
 * @param lastFirmware    name (TFTP) or URL (HTTP) of the last upgraded firmware; "" = factory
 * @param runningFirmware the firmware running since the last boot (an upgrade runs after the reboot, seed 3.3)
 * @param files           INF key in lower case ({@code melodies}, {@code telcfg}, {@code common_config},
 *                        {@code certapsfilename} …) → the name or URL last downloaded for it
 * @param configSn        {@code config_sn} of the applied MAC config; "" = none yet
 * @param telcfg          values of the applied telephone config
 * @param common          values of the applied common config
 * @param mac             values of the applied MAC-specific config
 * @param dhcpVlan        the last valid VLAN set DHCP gave (seed 4.5.2 "stores them in the flash memory")
 */
public record PhoneState(String lastFirmware, String runningFirmware, Map<String, String> files, String configSn,
                         Map<String, String> telcfg, Map<String, String> common, Map<String, String> mac,
                         Optional<Vlan> dhcpVlan) {
    /** Seed 3.4: "Default value is 0.0.0.0, which means all sources are accepted." */
    public static final String ANY_SOURCE = "0.0.0.0";
    public static final String AUTH_NOTIFY_CHECK_SYNC = "AuthNotifyCheckSync";
    /**
     * Seed 3.4's "Use SIP NOTIFY to launch provisioning" parameter, as real ST20xx configs
     * spell it ([sip] in Wazo's comconf-2.74-1.txt, docs/vendor-formats.md 1.5).
     */
    public static final String USE_SIP_NOTIFY = "sw_notify_autoprovision";
    public static final String VLAN = "VLAN";
    public static final String PERSISTENT_VLAN = "PersistentVLANfromDHCP";
    /**
     * The seed names the parameters ("Voice VLAN ID", "Data VLAN ID", 4.4.3) but not
     * their config-file keys, which are in the Config File Syntax document; these are ours.
     */
    public static final String VOICE_VLAN_ID = "VoiceVLANID";
    public static final String DATA_VLAN_ID = "DataVLANID";
    public static final String DECRYPTION_KEY = "Decryption_Key";
    public static final String HTTP_SERVER = "AutoprovisionHTTPServer";
    public static final String TFTP_SERVER = "AutoprovisionTFTPServer";
    public static final String CONFIG_NAME = "AutoprovisionConfigname";

    public PhoneState {
        Objects.requireNonNull(lastFirmware);
        Objects.requireNonNull(runningFirmware);
        Objects.requireNonNull(configSn);
        Objects.requireNonNull(dhcpVlan);
        files = Map.copyOf(files);
        telcfg = copyOrdered(telcfg);
        common = copyOrdered(common);
        mac = copyOrdered(mac);
    }

    /** A phone that never provisioned. */
    public static PhoneState factory() {
        return new PhoneState("", "", Map.of(), "", Map.of(), Map.of(), Map.of(), Optional.empty());
    }

    /** The name or URL last downloaded for an INF key; "" when never. */
    public String lastName(String infKey) {
        return files.getOrDefault(infKey.toLowerCase(Locale.ROOT), "");
    }

    /**
     * A parameter by key, in whichever section it is: the MAC config's value, else the
     * common config's, else the telcfg's (2.4.1 end).
     */
    public Optional<String> setting(String key) {
        for (Map<String, String> layer : java.util.List.of(mac, common, telcfg)) {
            for (Map.Entry<String, String> e : layer.entrySet()) {
                String k = e.getKey();
                int dot = k.indexOf('.');
                if (k.substring(dot + 1).equalsIgnoreCase(key)) {
                    return Optional.of(e.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** Every applied value, {@code section.key → value}, later files overriding earlier ones. */
    public Map<String, String> effective() {
        Map<String, String> byLower = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, String> layer : java.util.List.of(telcfg, common, mac)) {
            for (Map.Entry<String, String> e : layer.entrySet()) {
                String lower = e.getKey().toLowerCase(Locale.ROOT);
                String existing = byLower.put(lower, e.getKey());
                if (existing != null) {
                    out.remove(existing);
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The trusted check-sync source (seed 3.4), {@code 0.0.0.0} = any. */
    public String authNotifyCheckSync() {
        return setting(AUTH_NOTIFY_CHECK_SYNC).filter(s -> !s.isBlank()).orElse(ANY_SOURCE);
    }

    /** Seed 3.4: "Use SIP NOTIFY to launch provisioning ... Default value is 'No'." */
    public boolean useSipNotifyToLaunchProvisioning() {
        return setting(USE_SIP_NOTIFY).map(v -> v.strip().equals("1")).orElse(false);
    }

    /** Seed 4.4.2: 0 (dynamic) is the default. */
    public boolean persistentVlanFromDhcp() {
        return setting(PERSISTENT_VLAN).map(v -> v.strip().equals("1")).orElse(false);
    }

    /** The {@code VLAN} parameter from the config files, when they set it (seed 4.4.2). */
    public Optional<Boolean> vlanParameter() {
        return setting(VLAN).map(v -> v.strip().equals("1"));
    }

    /** The VLAN set the config files give, when it is complete and valid. */
    public Optional<Vlan> configVlan() {
        Optional<Integer> flag = setting(VLAN).flatMap(PhoneState::integer);
        Optional<Integer> voice = setting(VOICE_VLAN_ID).flatMap(PhoneState::integer);
        Optional<Integer> data = setting(DATA_VLAN_ID).flatMap(PhoneState::integer);
        if (flag.isEmpty() || voice.isEmpty()) {
            return Optional.empty();
        }
        return Vlan.valid(flag.get(), voice.get(), data.orElse(0));
    }

    public Optional<String> decryptionKey() {
        return setting(DECRYPTION_KEY).filter(s -> !s.isBlank());
    }

    public PhoneState withDownloaded(String infKey, String name) {
        Map<String, String> f = new LinkedHashMap<>(files);
        f.put(infKey.toLowerCase(Locale.ROOT), name);
        return new PhoneState(lastFirmware, runningFirmware, f, configSn, telcfg, common, mac, dhcpVlan);
    }

    public PhoneState withFirmware(String name) {
        return new PhoneState(name, runningFirmware, files, configSn, telcfg, common, mac, dhcpVlan);
    }

    public PhoneState withTelcfg(Map<String, String> values) {
        return new PhoneState(lastFirmware, runningFirmware, files, configSn, values, common, mac, dhcpVlan);
    }

    public PhoneState withCommon(Map<String, String> values) {
        return new PhoneState(lastFirmware, runningFirmware, files, configSn, telcfg, values, mac, dhcpVlan);
    }

    public PhoneState withMac(String sn, Map<String, String> values) {
        return new PhoneState(lastFirmware, runningFirmware, files, sn, telcfg, common, values, dhcpVlan);
    }

    public PhoneState withDhcpVlan(Optional<Vlan> v) {
        return new PhoneState(lastFirmware, runningFirmware, files, configSn, telcfg, common, mac, v);
    }

    /** After a (re)boot the last upgraded firmware is the one that runs (seed 3.3). */
    public PhoneState booted() {
        return new PhoneState(lastFirmware, lastFirmware, files, configSn, telcfg, common, mac, dhcpVlan);
    }

    private static Map<String, String> copyOrdered(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
