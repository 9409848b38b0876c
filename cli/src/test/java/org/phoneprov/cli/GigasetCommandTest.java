package org.phoneprov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.cli.CliTest.Run;
import org.phoneprov.cli.run.SuiteRuntime;

/**
 * {@code phoneprov gigaset} against the suite's own httpd on 127.0.0.1 (RpcEndpoint and
 * XmlRpcService as {@code phoneprov run} wires them): the URL, account and password taken from
 * the config, or given; every exit code.
 */
@Timeout(120)
class GigasetCommandTest {
    static final String MAC = "7C2F80AABBCC";
    static final String PROVIDERS = """
            gigaset:
              providers:
                - {name: acme, id: "123", password: "acme-api"}
                - {name: shop}
            """;

    @TempDir
    Path dir;

    private Path config(String httpd, String gigaset) throws IOException {
        Files.createDirectories(dir.resolve("files"));
        return Files.writeString(dir.resolve("phoneprov.yaml"), "suite: {address: 127.0.0.1}\n"
                + "paths: {files: files, state: state}\n" + httpd + gigaset);
    }

    private SuiteRuntime start(Path cfg) throws Exception {
        SuiteRuntime suite = new SuiteRuntime(cfg, Set.of("httpd"));
        suite.start(((Loaded.Ok) Loaded.load(cfg, Optional.empty())).snapshot());
        return suite;
    }

    /** The command, with the log lines of the suite's httpd (which runs in this JVM) taken out of its output. */
    static Run cli(String... args) {
        Run r = CliTest.cli(args);
        return new Run(r.code(), withoutLog(r.out()), withoutLog(r.err()));
    }

    private static String withoutLog(String s) {
        return s.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+ [A-Z]+ .*\\R", "");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    @Test
    void registerCheckDeregisterWithEverythingFromTheConfig() throws Exception {
        Path cfg = config("httpd: {bind: 127.0.0.1, port: " + freePort() + "}\n", PROVIDERS);
        String c = cfg.toString();
        try (SuiteRuntime suite = start(cfg)) {
            Run none = cli("gigaset", "check", "--config", c, MAC + "-1A2B");
            assertEquals(1, none.code(), none.out() + none.err());
            assertTrue(none.out().startsWith("mac_not_found:" + MAC + "\n"), none.out());
            assertTrue(none.out().contains("is not registered for provider 'acme'"), none.out());

            Run reg = cli("gigaset", "register", "--config", c, MAC + "-1A2B", "http://127.0.0.1/gigaset/%MACD.xml");
            assertEquals(0, reg.code(), reg.out() + reg.err());
            assertEquals("ok\nregistered: the redirect service sends " + MAC + "-1A2B to http://127.0.0.1/gigaset/"
                    + "%MACD.xml (provider 'acme').\n", reg.out());

            Run found = cli("gigaset", "check", "--config", c, MAC);
            assertEquals(0, found.code(), found.out() + found.err());
            assertTrue(found.out().startsWith(MAC + "\n" + MAC + " is registered for provider 'acme'"), found.out());

            Run otherPart = cli("gigaset", "check", "--config", c, MAC + "-FFFF");
            assertEquals(1, otherPart.code());
            assertTrue(otherPart.out().startsWith("mac_not_exist:" + MAC + "\n"), otherPart.out());

            Run invalid = cli("gigaset", "check", "--config", c, "7C2F80");
            assertEquals(1, invalid.code(), invalid.out() + invalid.err());
            assertTrue(invalid.out().startsWith("mac_invalid:7C2F80\n'7C2F80' is not a MAC-ID"), invalid.out());

            Run badUrl = cli("gigaset", "register", "--config", c, MAC, "ftp://x/", "--name", "Acme N510");
            assertEquals(1, badUrl.code());
            assertTrue(badUrl.out().startsWith("url_invalid:ftp://x/\nthe URL was refused"), badUrl.out());

            Run gone = cli("gigaset", "deregister", "--config", c, MAC);
            assertEquals(0, gone.code(), gone.out() + gone.err());
            assertEquals("ok\nderegistered: " + MAC + " is no longer redirected.\n", gone.out());
            Run again = cli("gigaset", "deregister", "--config", c, MAC);
            assertEquals(1, again.code());
            assertTrue(again.out().contains("so there is nothing to deregister"), again.out());
        }
    }

    @Test
    void aWrongPasswordAnotherAccountAndNoServerAreExitThree() throws Exception {
        int port = freePort();
        Path cfg = config("httpd: {bind: 127.0.0.1, port: " + port + "}\n", PROVIDERS.replace("{name: shop}",
                "{name: shop, password: \"shop-api\"}"));
        String url = "http://127.0.0.1:" + port + "/apxml/rpc.do";
        Path wrong = Files.writeString(dir.resolve("wrong.pw"), "guess\n");
        Path shop = Files.writeString(dir.resolve("shop.pw"), "shop-api\n");
        try (SuiteRuntime suite = start(cfg)) {
            Run two = cli("gigaset", "check", "--config", cfg.toString(), MAC);
            assertEquals(2, two.code(), "two accounts with a password: which?");
            assertTrue(two.err().contains("2 providers with a password (acme, shop): choose one with --user"), two.err());

            Run refused = cli("gigaset", "check", "--url", url, "--user", "acme", "--password-file", wrong.toString(), MAC);
            assertEquals(3, refused.code(), refused.out() + refused.err());
            assertEquals("", refused.out());
            assertTrue(refused.err().contains(url + " answered HTTP 401: it refused user 'acme' with this password"),
                    refused.err());
            assertTrue(refused.err().contains("check --user and the password"), refused.err());
            assertFalse(refused.err().contains("guess"), "the password is not printed");

            Run acme = cli("gigaset", "register", "--config", cfg.toString(), "--user", "acme", MAC, "http://x.example/");
            assertEquals(0, acme.code(), acme.out() + acme.err());
            Run taken = cli("gigaset", "register", "--url", url, "--user", "shop", "--password-file", shop.toString(), MAC,
                    "http://y.example/");
            assertEquals(1, taken.code(), taken.out() + taken.err());
            assertTrue(taken.out().startsWith("mac_already_in_use:" + MAC + "\n"), taken.out());
            Run hidden = cli("gigaset", "check", "--url", url, "--user", "shop", "--password-file", shop.toString(), MAC);
            assertTrue(hidden.out().startsWith("mac_not_found:" + MAC + "\n"), "another provider's phone is not shown");

            Run notFound = cli("gigaset", "check", "--url", "http://127.0.0.1:" + port + "/rpc", "--config",
                    cfg.toString(), "--user", "acme", MAC);
            assertEquals(3, notFound.code());
            assertTrue(notFound.err().contains("answered HTTP 404"), notFound.err());
        }
        Run down = cli("gigaset", "check", "--url", url, "--user", "acme", "--password-file", wrong.toString(), MAC);
        assertEquals(3, down.code(), down.out() + down.err());
        assertTrue(down.err().contains("cannot connect to 127.0.0.1:" + port), down.err());
        assertTrue(down.err().contains("is phoneprov (httpd) or the API running there?"), down.err());
    }

    @Test
    void httpsWithTheSuitesCaAndWithoutIt() throws Exception {
        Path certs = dir.resolve("certs");
        Run init = cli("cert", "init", "--dir", certs.toString(), "--ip", "127.0.0.1");
        assertEquals(0, init.code(), init.err());
        Path cfg = config("httpd:\n  bind: 127.0.0.1\n  port: " + freePort() + "\n  tls: {port: " + freePort()
                + ", cert: certs/server.pem, key: certs/server.key}\n", PROVIDERS);
        try (SuiteRuntime suite = start(cfg)) {
            Run ok = cli("gigaset", "check", "--config", cfg.toString(), "--cacert", certs.resolve("ca.pem").toString(),
                    MAC);
            assertEquals(1, ok.code(), ok.out() + ok.err());
            assertTrue(ok.out().startsWith("mac_not_found:" + MAC), ok.out());

            Run untrusted = cli("gigaset", "check", "--config", cfg.toString(), MAC);
            assertEquals(3, untrusted.code(), untrusted.out() + untrusted.err());
            assertTrue(untrusted.err().contains("the TLS handshake with 127.0.0.1:"), untrusted.err());
            assertTrue(untrusted.err().contains("give the suite's CA with --cacert FILE"), untrusted.err());
        }
    }

    @Test
    void usageErrorsAreExitTwoAndSayWhatToGive() throws Exception {
        Run nothing = cli("gigaset", "check", MAC);
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().contains("give --url URL of the API"), nothing.err());
        assertTrue(nothing.err().contains("give --user NAME"), nothing.err());
        Run noPassword = cli("gigaset", "check", "--url", "http://127.0.0.1:9/apxml/rpc.do", "--user", "acme", MAC);
        assertEquals(2, noPassword.code());
        assertTrue(noPassword.err().contains("no password for 'acme': give --password-file FILE or set "
                + "PHONEPROV_GIGASET_PASSWORD"), noPassword.err());
        Run inUrl = cli("gigaset", "check", "--url", "http://acme:pw@127.0.0.1/apxml/rpc.do", "--user", "acme", MAC);
        assertTrue(inUrl.err().contains("--url carries a user or password"), inUrl.err());
        assertEquals(2, cli("gigaset", "check", "--password", "x", MAC).code(), "no password argument at all");
        assertEquals(2, cli("gigaset", "register", "--url", "http://127.0.0.1/", MAC).code(), "URL is missing");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "suite: {address: 10.0.0.256}\n");
        Run broken = cli("gigaset", "check", "--config", bad.toString(), MAC);
        assertEquals(2, broken.code());
        assertTrue(broken.err().contains(bad.toAbsolutePath() + ":1:18: suite.address"), broken.err());
    }
}
