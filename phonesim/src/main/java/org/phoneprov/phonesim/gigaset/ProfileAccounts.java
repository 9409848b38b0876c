package org.phoneprov.phonesim.gigaset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.phone.SipAccounts;

/**
 * The SIP accounts a Gigaset registers, read from its profile's settings by the names the
 * suite's GigasetProfile writes them with, which are those of the public templates
 * (docs/vendor-formats.md 2.1, 2.2):
 * <ul>
 *   <li>N510: {@code BS_IP_Data1.aucS_SIP_USER_ID}, {@code BS_IP_Data3.aucS_SIP_LOGIN_ID},
 *       {@code ..._PASSWORD}, {@code ..._REGISTRAR} ..., line 1 without a suffix and line n with
 *       {@code _n}; on when {@code ucB_SIP_ACCOUNT_IS_ACTIVE_n} (always with {@code _n}) is 1;</li>
 *   <li>N720: {@code BS_VOIP_Data.astVoipAccounts[i].aucS_SIP_USER_ID[0]} ... per account,
 *       registrar and proxy from the provider its {@code ucVoipProviderIndex} names
 *       ({@code astVoipProviders[k].aucSIP_REGISTRAR[%]} ...);</li>
 *   <li>C470 IP, C590 IP: elements {@code S_SIP_USER_ID_n}, {@code S_SIP_LOGIN_ID_n} ...; their
 *       registrar port has no public name, so it is the default 5060.</li>
 * </ul>
 * {@code USER_ID} is the SIP user (the number), {@code LOGIN_ID} the authentication name. A line
 * without its number, authentication name or registrar cannot register: a problem, in the words
 * of the ST20xx's {@link SipAccounts}, not a failed provisioning. Plain Java.
 */
final class ProfileAccounts {
    static final int DEFAULT_PORT = 5060;

    /** One account's setting names in one profile format; empty for one the format has not. */
    private record Keys(String active, String number, String authId, String password, String displayName,
                        String registrar, Optional<String> registrarPort, String proxy, String proxyPort,
                        String domain) {
    }

    private ProfileAccounts() {
    }

    /** @param settings the profile's settings ({@link ProfileXml.Profile#settings()}) */
    static Lines read(Map<String, String> settings, Model model) {
        List<SipAccounts.Account> accounts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int n = 1; n <= model.lines(); n++) {
            Keys k = keys(model, n, settings);
            Optional<String> active = get(settings, k.active());
            boolean on = active.map(ProfileAccounts::isOn).orElse(false);
            // The account's own settings: an N720's registrar is its provider's, shared by every account.
            List<String> present = Stream.of(k.number(), k.authId(), k.password())
                    .filter(key -> get(settings, key).isPresent()).toList();
            if (!on) {
                if (n == 1) {
                    problems.add("line 1 has no SIP account: " + (active.isPresent() ? "it is off (" + k.active() + "="
                            + active.get() + ")" : "the profile has no " + k.active()));
                } else if (!present.isEmpty()) {
                    problems.add("line " + n + " has account settings but is off (" + k.active() + "="
                            + active.orElse("") + "): the phone does not register it");
                }
                continue;
            }
            List<String> missing = Stream.of(k.number(), k.authId(), k.registrar())
                    .filter(key -> get(settings, key).isEmpty()).toList();
            if (!missing.isEmpty()) {
                problems.add("line " + n + (n == 1 ? " has no SIP account: it is on but" : " is on but")
                        + " the profile has no " + String.join(", ", missing));
                continue;
            }
            Optional<Integer> regPort = k.registrarPort().isEmpty() ? Optional.of(DEFAULT_PORT)
                    : port(settings, k.registrarPort().get(), n, problems);
            Optional<Integer> proxyPort = port(settings, k.proxyPort(), n, problems);
            if (regPort.isEmpty() || proxyPort.isEmpty()) {
                continue;
            }
            accounts.add(new SipAccounts.Account(n, get(settings, k.number()).orElseThrow(),
                    get(settings, k.authId()).orElseThrow(), get(settings, k.password()).orElse(""),
                    get(settings, k.displayName()).orElse(""), get(settings, k.registrar()).orElseThrow(),
                    regPort.get(), get(settings, k.proxy()).orElse(""), proxyPort.get(),
                    get(settings, k.domain()).orElse("")));
        }
        return new Lines(accounts, problems);
    }

    /** The registrable lines and what keeps the others from registering. */
    record Lines(List<SipAccounts.Account> accounts, List<String> problems) {
        Lines {
            accounts = List.copyOf(accounts);
            problems = List.copyOf(problems);
        }
    }

    private static Keys keys(Model model, int n, Map<String, String> settings) {
        switch (model) {
            case N510 -> {
                String s = n == 1 ? "" : "_" + n;
                String d = "BS_IP_Data1.";
                return new Keys(d + "ucB_SIP_ACCOUNT_IS_ACTIVE_" + n, d + "aucS_SIP_USER_ID" + s,
                        "BS_IP_Data3.aucS_SIP_LOGIN_ID" + s, d + "aucS_SIP_PASSWORD" + s, d + "aucS_SIP_DISPLAYNAME" + s,
                        d + "aucS_SIP_REGISTRAR" + s, Optional.of(d + "uiI_SIP_REGISTRAR_PORT" + s),
                        d + "aucS_SIP_SERVER" + s, d + "uiI_SIP_SERVER_PORT" + s, d + "aucS_SIP_DOMAIN" + s);
            }
            case N720 -> {
                String a = "BS_VOIP_Data.astVoipAccounts[" + (n - 1) + "].";
                String index = Optional.ofNullable(settings.get(a + "ucVoipProviderIndex"))
                        .or(() -> Optional.ofNullable(settings.get("BS_VOIP_Data.astVoipAccounts[%].ucVoipProviderIndex")))
                        .flatMap(ProfileAccounts::number).map(String::valueOf).orElse("0");
                String p = "BS_VOIP_Data.astVoipProviders[" + index + "].";
                return new Keys(a + "ucB_SIP_ACCOUNT_IS_ACTIVE_1", a + "aucS_SIP_USER_ID[0]", a + "aucS_SIP_LOGIN_ID[0]",
                        a + "aucS_SIP_PASSWORD[0]", a + "aucS_SIP_DISPLAYNAME[0]", p + "aucSIP_REGISTRAR[%]",
                        Optional.of(p + "uiSIP_REGISTRAR_PORT"), p + "aucSIP_SERVER[%]", p + "uiSIP_SERVER_PORT",
                        p + "aucSIP_DOMAIN[%]");
            }
            case C470, C590 -> {
                return new Keys("B_SIP_ACCOUNT_IS_ACTIVE_" + n, "S_SIP_USER_ID_" + n, "S_SIP_LOGIN_ID_" + n,
                        "S_SIP_PASSWORD_" + n, "S_SIP_DISPLAYNAME_" + n, "S_SIP_REGISTRAR_" + n, Optional.empty(),
                        "S_SIP_SERVER_" + n, "I_SIP_SERVER_PORT_" + n, "S_SIP_DOMAIN_" + n);
            }
            default -> throw new IllegalArgumentException(model + " is not a Gigaset model");
        }
    }

    /** A setting's value, stripped; empty when absent or blank. */
    private static Optional<String> get(Map<String, String> settings, String key) {
        return Optional.ofNullable(settings.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** {@code 0x1}, {@code 1}, {@code true}: the profiles' spellings of "on". */
    static boolean isOn(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        return s.equals("true") || number(s).map(x -> x != 0).orElse(false);
    }

    /** Hex ({@code 0x13c4}, as Wazo's templates write ports) or decimal ({@code 5060}). */
    static Optional<Long> number(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("0x") && s.length() > 2 && s.length() <= 10) {
                return Optional.of(Long.parseLong(s.substring(2), 16));
            }
            return s.matches("[0-9]{1,10}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> port(Map<String, String> settings, String key, int line, List<String> problems) {
        Optional<String> v = get(settings, key);
        if (v.isEmpty()) {
            return Optional.of(DEFAULT_PORT);
        }
        Optional<Long> p = number(v.get()).filter(x -> x >= 1 && x <= 65535);
        if (p.isEmpty()) {
            problems.add("line " + line + " has no SIP account: " + key + "=" + v.get() + " is not a port");
            return Optional.empty();
        }
        return Optional.of(p.get().intValue());
    }
}
