package org.phoneprov.cli.gigaset;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.phoneprov.cli.run.DaemonRegistry;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.GigasetSettings;
import org.phoneprov.common.config.LoadResult;
import org.phoneprov.common.config.Problem;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.crypto.PemException;
import org.phoneprov.common.crypto.PemReader;
import org.phoneprov.common.provision.SuiteUrls;
import picocli.CommandLine.Option;

/**
 * The options every {@code phoneprov gigaset} call takes, and how they become an {@link ApiTarget}.
 * The password is never an argument (it would show in {@code ps}): it comes from
 * {@code --password-file}, else {@link #PASSWORD_VARIABLE}, else the provider's entry in
 * {@code --config}, in that order.
 */
public final class ApiOptions {
    public static final String PASSWORD_VARIABLE = "PHONEPROV_GIGASET_PASSWORD";
    /** Where {@code RpcEndpoint} serves the API, under the suite's HTTP base (Gigaset seed: "/apxml/rpc.do"). */
    static final String API_PATH = "apxml/rpc.do";

    @Option(names = "--url", paramLabel = "URL", description = "The XML-RPC API, e.g. https://prov.gigaset.net/"
            + API_PATH + " (default, with --config: this suite's own http(s) base + " + API_PATH + ").")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "The provider account (default, with --config: the"
            + " one provider of gigaset.providers that has a password).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding the account's password (one"
            + " trailing line break is dropped). Else $" + PASSWORD_VARIABLE + ", else the provider's password in"
            + " --config.")
    Path passwordFile;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The suite's config, for the defaults above.")
    Path config;

    @Option(names = "--cacert", paramLabel = "FILE", description = "For https: the CA (PEM) the server's certificate"
            + " must chain to, e.g. ca.pem of 'phoneprov cert init' (default: the JDK's CAs).")
    Path caCert;

    /** The options resolved, or what is wrong with them. */
    public sealed interface Resolved permits Target, Usage {
    }

    public record Target(ApiTarget target) implements Resolved {
    }

    /** Usage errors, each a line that says what to give instead. */
    public record Usage(List<String> problems) implements Resolved {
        public Usage {
            problems = List.copyOf(problems);
        }
    }

    /** {@code env}: the process environment ({@code System::getenv}), a map in tests. */
    public Resolved resolve(Function<String, String> env) {
        LoadResult loaded = config == null ? LoadResult.failed(List.of())
                : ConfigLoader.load(config, DaemonRegistry.BUILT_IN.sections());
        if (config != null && !loaded.isOk()) {
            List<String> lines = new ArrayList<>(loaded.problems().stream().map(Problem::toString).toList());
            lines.add("--config " + config + " has errors; 'phoneprov check --config " + config + "' lists them too");
            return new Usage(lines);
        }
        Optional<SuiteConfig> suite = loaded.config();
        List<String> problems = new ArrayList<>();
        Optional<URI> api = url(suite, problems);
        Optional<String> account = user(suite, problems);
        Optional<String> password = account.flatMap(a -> password(a, suite, env, problems));
        List<X509Certificate> trusted = trusted(problems);
        if (!problems.isEmpty()) {
            return new Usage(problems);
        }
        return new Target(new ApiTarget(api.orElseThrow(), account.orElseThrow(), password.orElseThrow(), trusted));
    }

    private Optional<URI> url(Optional<SuiteConfig> suite, List<String> problems) {
        if (url != null) {
            return parseUrl(url, problems);
        }
        if (suite.isEmpty()) {
            problems.add("give --url URL of the API (e.g. https://prov.gigaset.net/apxml/rpc.do), or --config FILE"
                    + " to call this suite's own");
            return Optional.empty();
        }
        SuiteConfig c = suite.get();
        if (!c.httpd().enabled()) {
            problems.add("httpd is not enabled in " + config + ", so this suite serves no API: enable it, or give --url");
            return Optional.empty();
        }
        return parseUrl(SuiteUrls.of(c).http(API_PATH), problems);
    }

    static Optional<URI> parseUrl(String text, List<String> problems) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                problems.add("--url '" + text + "' is not an http:// or https:// URL with a host");
                return Optional.empty();
            }
            if (u.getRawUserInfo() != null) {
                // It would show in ps and in shell histories, as a --password would.
                problems.add("--url carries a user or password: give --user NAME and --password-file FILE instead");
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            problems.add("--url '" + text + "' is not a URL: " + e.getReason());
            return Optional.empty();
        }
    }

    private Optional<String> user(Optional<SuiteConfig> suite, List<String> problems) {
        if (user != null) {
            if (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problems.add("--user '" + user + "' is not an account name (no ':' or control characters)");
                return Optional.empty();
            }
            return Optional.of(user);
        }
        if (suite.isEmpty()) {
            problems.add("give --user NAME (the provider account), or --config FILE to take it from gigaset.providers");
            return Optional.empty();
        }
        List<String> withPassword = suite.get().gigaset().providers().values().stream()
                .filter(p -> p.password().isPresent()).map(GigasetSettings.Provider::name).toList();
        if (withPassword.size() == 1) {
            return Optional.of(withPassword.get(0));
        }
        problems.add(withPassword.isEmpty()
                ? "no provider in gigaset.providers of " + config + " has a password, so none can use the API: give"
                        + " one a password, or give --user"
                : config + " has " + withPassword.size() + " providers with a password (" + String.join(", ", withPassword)
                        + "): choose one with --user");
        return Optional.empty();
    }

    private Optional<String> password(String account, Optional<SuiteConfig> suite, Function<String, String> env,
                                      List<String> problems) {
        if (passwordFile != null) {
            try {
                String p = Files.readString(passwordFile, StandardCharsets.UTF_8);
                p = p.endsWith("\r\n") ? p.substring(0, p.length() - 2) : p.endsWith("\n") ? p.substring(0, p.length() - 1) : p;
                if (p.isEmpty()) {
                    problems.add("--password-file " + passwordFile + " is empty");
                    return Optional.empty();
                }
                return Optional.of(p);
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read --password-file " + passwordFile + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        String fromEnv = env.apply(PASSWORD_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(fromEnv);
        }
        Optional<GigasetSettings.Provider> entry = suite.flatMap(c -> c.gigaset().provider(account));
        if (entry.flatMap(GigasetSettings.Provider::password).isPresent()) {
            return entry.get().password();
        }
        problems.add("no password for '" + account + "': give --password-file FILE or set " + PASSWORD_VARIABLE
                + (suite.isEmpty() ? "" : entry.isEmpty() ? " (" + config + " has no provider '" + account + "')"
                : " (provider '" + account + "' in " + config + " has no password)"));
        return Optional.empty();
    }

    private List<X509Certificate> trusted(List<String> problems) {
        if (caCert == null) {
            return List.of();
        }
        try {
            return PemReader.certificates(caCert);
        } catch (PemException e) {
            problems.add("--cacert: " + e.getMessage());
            return List.of();
        }
    }
}
