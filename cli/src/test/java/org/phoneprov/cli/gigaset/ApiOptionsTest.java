package org.phoneprov.cli.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.cli.Main;
import picocli.CommandLine;

/** Where the URL, the account and its password come from, and what is said when one is missing. */
class ApiOptionsTest {
    private static final Map<String, String> NO_ENV = Map.of();
    private static final Map<String, String> ENV = Map.of(ApiOptions.PASSWORD_VARIABLE, "from-env");

    @TempDir
    Path dir;

    private Path config(String httpd, String providers) throws IOException {
        Files.createDirectories(dir.resolve("files"));
        return Files.writeString(dir.resolve("phoneprov.yaml"), "suite: {address: 10.77.0.1}\npaths: {files: files}\n"
                + httpd + "gigaset:\n  providers:\n" + providers);
    }

    private static ApiOptions options(Path config) {
        ApiOptions o = new ApiOptions();
        o.config = config;
        return o;
    }

    private static ApiTarget target(ApiOptions o, Map<String, String> env) {
        return assertInstanceOf(ApiOptions.Target.class, o.resolve(env::get)).target();
    }

    private static String usage(ApiOptions o, Map<String, String> env) {
        return String.join("\n", assertInstanceOf(ApiOptions.Usage.class, o.resolve(env::get)).problems());
    }

    @Test
    void theConfigGivesTheSuitesUrlTheOneAccountWithAPasswordAndItsPassword() throws Exception {
        Path cfg = config("", "    - {name: acme, password: \"acme-api\"}\n    - {name: shop}\n");
        ApiTarget t = target(options(cfg), NO_ENV);
        assertEquals(URI.create("http://10.77.0.1/apxml/rpc.do"), t.url());
        assertEquals("acme", t.user());
        assertEquals("acme-api", t.password());
        assertFalse(t.toString().contains("acme-api"), t.toString());
    }

    @Test
    void withTlsTheSuitesUrlIsHttpsOnItsPortAndHostName() throws Exception {
        assertEquals(0, new CommandLine(new Main()).execute("cert", "init", "--dir", dir.resolve("certs").toString(),
                "--host", "prov.lan"));
        Path cfg = config("httpd: {port: 8080, tls: {port: 8443, cert: certs/server.pem, key: certs/server.key}}\n",
                "    - {name: a, password: p}\n");
        Files.writeString(cfg, Files.readString(cfg).replace("{address: 10.77.0.1}", "{address: 10.77.0.1, hostname: prov.lan}"));
        assertEquals(URI.create("https://prov.lan:8443/apxml/rpc.do"), target(options(cfg), NO_ENV).url());
    }

    @Test
    void aBrokenConfigIsAUsageErrorWithItsLocatedProblems() throws Exception {
        Path cfg = config("httpd: {prot: 80}\n", "    - {name: a, password: p}\n");
        String broken = usage(options(cfg), NO_ENV);
        assertTrue(broken.contains(cfg.toAbsolutePath() + ":3:9: httpd.prot: unknown key"), broken);
        assertTrue(broken.endsWith("has errors; 'phoneprov check --config " + cfg + "' lists them too"), broken);
    }

    @Test
    void theFileBeatsTheVariableWhichBeatsTheConfig() throws Exception {
        Path cfg = config("", "    - {name: acme, password: \"acme-api\"}\n");
        assertEquals("from-env", target(options(cfg), ENV).password());
        ApiOptions o = options(cfg);
        o.passwordFile = Files.writeString(dir.resolve("pw"), "from file\r\n");
        assertEquals("from file", target(o, ENV).password(), "one trailing line break dropped");
        Files.writeString(o.passwordFile, "two\n\n");
        assertEquals("two\n", target(o, ENV).password(), "only one");
        Files.writeString(o.passwordFile, "\n");
        assertTrue(usage(o, ENV).contains("is empty"));
        o.passwordFile = dir.resolve("missing");
        assertTrue(usage(o, ENV).contains("cannot read --password-file " + dir.resolve("missing")), usage(o, ENV));
    }

    @Test
    void givenOptionsNeedNoConfig() throws Exception {
        ApiOptions o = new ApiOptions();
        o.url = "https://prov.gigaset.net/apxml/rpc.do";
        o.user = "acme";
        ApiTarget t = target(o, ENV);
        assertEquals(URI.create("https://prov.gigaset.net/apxml/rpc.do"), t.url());
        assertEquals(0, t.trusted().size(), "the JDK's CAs");
        assertTrue(usage(o, NO_ENV).contains("no password for 'acme': give --password-file FILE or set "
                + ApiOptions.PASSWORD_VARIABLE));
        o.url = "ftp://prov.example/";
        assertTrue(usage(o, ENV).contains("--url 'ftp://prov.example/' is not an http:// or https:// URL with a host"));
        o.url = "http:///x";
        assertTrue(usage(o, ENV).contains("with a host"));
        o.url = "http://a b/";
        assertTrue(usage(o, ENV).contains("is not a URL"));
        o.url = "http://prov.example/";
        o.user = "a:b";
        assertTrue(usage(o, ENV).contains("--user 'a:b' is not an account name"));
    }

    @Test
    void theConfigSaysWhichAccountOrPasswordIsMissing() throws Exception {
        String none = usage(options(config("", "    - {name: shop}\n")), ENV);
        assertTrue(none.contains("no provider in gigaset.providers of " + dir.resolve("phoneprov.yaml")
                + " has a password"), none);
        ApiOptions other = options(config("", "    - {name: shop}\n"));
        other.user = "acme";
        assertTrue(usage(other, NO_ENV).contains("(" + dir.resolve("phoneprov.yaml") + " has no provider 'acme')"));
        other.user = "shop";
        assertTrue(usage(other, NO_ENV).contains("(provider 'shop' in " + dir.resolve("phoneprov.yaml")
                + " has no password)"));
        ApiOptions off = options(config("httpd: {enabled: false}\n", "    - {name: a, password: p}\n"));
        assertTrue(usage(off, NO_ENV).contains("httpd is not enabled"), usage(off, NO_ENV));
        off.url = "http://10.77.0.9/apxml/rpc.do";
        assertEquals(URI.create("http://10.77.0.9/apxml/rpc.do"), target(off, NO_ENV).url(), "--url wins");
    }

    @Test
    void aCaFileIsReadOrRefused() throws Exception {
        ApiOptions o = new ApiOptions();
        o.url = "https://127.0.0.1/apxml/rpc.do";
        o.user = "acme";
        o.caCert = Files.writeString(dir.resolve("ca.pem"), "not pem");
        assertTrue(usage(o, ENV).startsWith("--cacert: " + dir.resolve("ca.pem") + " is not a PEM file"), usage(o, ENV));
    }
}
