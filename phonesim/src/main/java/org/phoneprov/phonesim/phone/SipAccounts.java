package org.phoneprov.phonesim.phone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIP accounts a phone registers, read from the configuration it applied the way an
 * ST20xx SIP phone finds them: in the {@code [sip]} section, one set of keys per line with
 * the line number in the key ({@code regid1}, {@code TEL1Number}, {@code RegisterServerMP1}
 * …; {@code TEL01Use} with a zero). The APS seed does not name these keys (2.7 defers to the
 * vendor's "ST20XXS_Config File Syntax"); they and their defaults are those of
 * docs/vendor-formats.md 1.3 (Wazo's technicolor plugin comconf files, the XiVO MAC
 * template, a real ST2030 file). Sections and keys match case-insensitively, like the rest
 * of the simulator ({@link PhoneState#setting}).
 *
 * <p>A line counts as an account when it is on ({@code TEL0<n>Use=1}; without the key only
 * line 1 is on, the comconf default) and has a number, an auth id and a registrar.
 * {@link #problems()} says what keeps the phone from registering: line 1 without an account,
 * a line that is on but incomplete, an account on a line that is off, account keys outside
 * {@code [sip]} or a port that is not one.
 */
public final class SipAccounts {
    /** The comconf default for {@code sip_reg_srv_portMP<n>} and {@code sip_pxy_srv_portMP<n>}. */
    public static final int DEFAULT_PORT = 5060;
    static final String SECTION = "sip";
    /** Per-line account keys, {@code %d} = the line. */
    static final String USE = "TEL0%dUse";
    static final String NUMBER = "TEL%dNumber";
    static final String AUTH_ID = "regid%d";
    static final String PASSWORD = "regpwd%d";
    static final String DISPLAY_NAME = "DisplayName%d";
    static final String REGISTRAR = "RegisterServerMP%d";
    static final String REGISTRAR_PORT = "sip_reg_srv_portMP%d";
    static final String PROXY = "ProxyServerMP%d";
    static final String PROXY_PORT = "sip_pxy_srv_portMP%d";
    static final String DOMAIN = "ServiceDomainMP%d";
    private static final List<String> REQUIRED = List.of(NUMBER, AUTH_ID, REGISTRAR);
    private static final List<String> ACCOUNT_KEYS = List.of(NUMBER, AUTH_ID, PASSWORD, REGISTRAR, PROXY, DOMAIN);
    private static final Pattern ACCOUNT_KEY = Pattern.compile(
            "(?i)(TEL0?\\d+(Use|Number)|regid\\d+|regpwd\\d+|RegisterServerMP\\d+|ProxyServerMP\\d+|ServiceDomainMP\\d+)");

    /** One registrable line. The password is never printed. */
    public record Account(int line, String number, String authId, String password, String displayName,
                          String registrar, int registrarPort, String proxy, int proxyPort, String domain) {
        @Override
        public String toString() {
            return "line " + line + ": " + number + " (auth " + authId + ") at " + registrar + ":" + registrarPort
                    + (proxy.isEmpty() ? "" : " via " + proxy + ":" + proxyPort);
        }
    }

    private final List<Account> accounts;
    private final List<String> problems;

    private SipAccounts(List<Account> accounts, List<String> problems) {
        this.accounts = List.copyOf(accounts);
        this.problems = List.copyOf(problems);
    }

    /**
     * @param values the applied configuration, {@code section.key → value} ({@link PhoneState#effective()})
     * @param lines  how many lines the model has (4 on the ST2030, 2 on the ST2022)
     * @param macConfigApplied whether a MAC config was ever applied, for the problem's wording
     */
    public static SipAccounts read(Map<String, String> values, int lines, boolean macConfigApplied) {
        Map<String, String> sip = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            int dot = e.getKey().indexOf('.');
            String section = dot < 0 ? "" : e.getKey().substring(0, dot);
            String key = e.getKey().substring(dot + 1);
            if (section.equalsIgnoreCase(SECTION)) {
                sip.put(key.toLowerCase(Locale.ROOT), e.getValue().strip());
            } else if (ACCOUNT_KEY.matcher(key).matches() && !e.getValue().isBlank()) {
                misplaced.add(key + " in [" + section + "]");
            }
        }
        if (!misplaced.isEmpty()) {
            problems.add("account keys outside [sip], not read: " + String.join(", ", misplaced));
        }
        List<Account> accounts = new ArrayList<>();
        for (int n = 1; n <= lines; n++) {
            int line = n;
            Optional<String> use = get(sip, USE, n);
            boolean on = use.map(u -> u.equals("1")).orElse(n == 1);
            List<String> missing = REQUIRED.stream().filter(k -> get(sip, k, line).orElse("").isEmpty())
                    .map(k -> key(k, line)).toList();
            boolean anyKey = ACCOUNT_KEYS.stream().anyMatch(k -> !get(sip, k, line).orElse("").isEmpty());
            if (!on) {
                if (n == 1) {
                    problems.add("line 1 has no SIP account: it is off (" + key(USE, 1) + "=" + use.orElse("") + ")");
                } else if (anyKey) {
                    problems.add("line " + n + " has account keys but is off (" + key(USE, n) + "="
                            + use.orElse("") + "): the phone does not register it");
                }
                continue;
            }
            if (!missing.isEmpty()) {
                if (n == 1) {
                    problems.add("line 1 has no SIP account: " + (anyKey || macConfigApplied
                            ? "[sip] has no " + String.join(", ", missing) : "no MAC config applied"));
                } else {
                    problems.add("line " + n + " is on (" + key(USE, n) + "=1) but [sip] has no "
                            + String.join(", ", missing));
                }
                continue;
            }
            Optional<Integer> regPort = port(sip, REGISTRAR_PORT, n, problems);
            Optional<Integer> proxyPort = port(sip, PROXY_PORT, n, problems);
            if (regPort.isEmpty() || proxyPort.isEmpty()) {
                continue;
            }
            accounts.add(new Account(n, get(sip, NUMBER, n).orElseThrow(), get(sip, AUTH_ID, n).orElseThrow(),
                    get(sip, PASSWORD, n).orElse(""), get(sip, DISPLAY_NAME, n).orElse(""),
                    get(sip, REGISTRAR, n).orElseThrow(), regPort.get(), get(sip, PROXY, n).orElse(""),
                    proxyPort.get(), get(sip, DOMAIN, n).orElse("")));
        }
        return new SipAccounts(accounts, problems);
    }

    /** The accounts of the phone's applied configuration (MAC config over common over telcfg, seed 2.4.1 end). */
    public static SipAccounts of(PhoneState state, int lines) {
        return read(state.effective(), lines, !state.configSn().isEmpty());
    }

    private static String key(String pattern, int line) {
        return String.format(Locale.ROOT, pattern, line);
    }

    private static Optional<String> get(Map<String, String> sip, String pattern, int line) {
        return Optional.ofNullable(sip.get(key(pattern, line).toLowerCase(Locale.ROOT)));
    }

    /** The port a key gives, {@link #DEFAULT_PORT} when absent or empty; empty (and a problem) when not a port. */
    private static Optional<Integer> port(Map<String, String> sip, String pattern, int line, List<String> problems) {
        String v = get(sip, pattern, line).orElse("");
        if (v.isEmpty()) {
            return Optional.of(DEFAULT_PORT);
        }
        Matcher m = Pattern.compile("\\d{1,5}").matcher(v);
        if (m.matches()) {
            int p = Integer.parseInt(v);
            if (p >= 1 && p <= 65535) {
                return Optional.of(p);
            }
        }
        problems.add("line " + line + " has no SIP account: " + key(pattern, line) + "=" + v + " is not a port");
        return Optional.empty();
    }

    /** The lines the phone can register, in line order. */
    public List<Account> accounts() {
        return accounts;
    }

    /** What keeps lines from registering, one sentence each, the same for every phone with the same config. */
    public List<String> problems() {
        return problems;
    }
}
