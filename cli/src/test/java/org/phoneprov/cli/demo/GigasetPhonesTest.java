package org.phoneprov.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.cli.Loaded;
import org.phoneprov.cli.run.SuiteRuntime;

/**
 * Gigaset phones of {@code phoneprov simulate} against the real suite on loopback, by every
 * method it serves: the demo's N510 by its MAC (an encrypted profile, opened with acme's key),
 * its N720 by a locked activation code, a C470 by a one-shot code, and a retail N510 registered
 * through {@code /apxml/rpc.do} and redirected from {@code /device/444/1/master.bin}. A second
 * simulation finds the locked code still working, the one-shot code spent (the phone keeps its
 * profile), and an unregistered retail phone without a profile.
 */
class GigasetPhonesTest {
    static final String RETAIL = "7C2F80770901";
    static final String UNREGISTERED = "7C2F80770902";
    static final String MORE = ""
            + "  - mac: 7C:2F:80:77:09:01         # the retail phone's profile, where its registration points\n"
            + "    model: N510\n"
            + "    lines:\n"
            + "      - {number: \"701\", password: \"retail-secret\", display_name: Retail, registrar: pbx.demo.lan}\n"
            + "  - activation_code: \"1234567\"\n"
            + "    activation: one-shot\n"
            + "    model: C470\n"
            + "    lines:\n"
            + "      - {number: \"702\", password: \"oneshot-secret\", registrar: pbx.demo.lan}\n";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void gigasetsProvisionByMacByCodeAndByRedirect() throws Exception {
        DemoConfig.Ports ports = DemoConfig.freePorts();
        Path config = RelayedPhonesTest.loopbackConfig(dir, ports);
        // acme gets an API account, to register the retail phone.
        Files.writeString(config, Files.readString(config).replace("{name: acme, id: \"123\",",
                "{name: acme, id: \"123\", password: \"acme-api\",").stripTrailing() + "\n" + MORE);
        Loaded.Ok ok = (Loaded.Ok) Loaded.load(config, Optional.empty());
        String http = "http://127.0.0.1:" + ports.of("httpd");
        RelayedPhonesTest.Run first;
        RelayedPhonesTest.Run second;
        try (SuiteRuntime suite = new SuiteRuntime(config, Set.of())) {
            suite.start(ok.snapshot());
            String registered = register(http, RETAIL + "-AB12", http + "/gigaset/%MACD.xml");
            assertTrue(registered.contains("<boolean>1</boolean>") && registered.contains("ok"), registered);
            first = simulate(config, ports, "--phones", "12", "--retail", RETAIL);
            second = simulate(config, ports, "--phones", "12", "--retail", RETAIL + "," + UNREGISTERED);
        }
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("provisioned:  12 of 12"), first.out());
        for (String model : List.of(" N510 ", " N720 ", " C470 ")) {
            assertTrue(first.out().lines().anyMatch(l -> l.contains(model) && l.contains("PROVISIONED")),
                    model + first.out());
        }
        // The retail phone: the 302 from the redirect server, then its profile.
        String retail = line(first.out(), "7C:2F:80:77:09:01");
        assertTrue(retail.contains("PROVISIONED") && retail.contains("{http=2}"), retail);
        // The N720 and the C470 answered a 401 with their codes: two requests each.
        assertTrue(line(first.out(), " N720 ").contains("{http=2}"), first.out());
        assertTrue(!first.out().contains("problems:"), "every Gigaset line registers: " + first.out());

        assertEquals(3, second.code(), "the unregistered retail phone fails: " + second.out() + second.err());
        assertTrue(second.out().contains("provisioned:  12 of 13"), second.out());
        assertTrue(line(second.out(), " C470 ").contains("PROVISIONED"), "a spent one-shot code keeps its profile: "
                + second.out());
        assertTrue(line(second.out(), " N720 ").contains("PROVISIONED"), "a locked code keeps working: " + second.out());
        assertTrue(line(second.out(), "7C:2F:80:77:09:02").contains("FAILED"), second.out());
        assertTrue(second.out().contains("httpd has no profile for this Gigaset: HTTP 404"), second.out());
    }

    private static String line(String report, String needle) {
        return report.lines().filter(l -> l.startsWith("  ") && l.contains(needle)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + needle + " in\n" + report));
    }

    /** autoprov.registerDevice through the XML-RPC API, as a provider's tool calls it (Basic auth). */
    private static String register(String http, String macId, String url) throws Exception {
        String body = "<?xml version=\"1.0\"?><methodCall><methodName>autoprov.registerDevice</methodName><params>"
                + "<param><value><string>" + macId + "</string></value></param>"
                + "<param><value><string>" + url + "</string></value></param>"
                + "<param><value><string>acme</string></value></param></params></methodCall>";
        HttpRequest r = HttpRequest.newBuilder(URI.create(http + "/apxml/rpc.do")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml").header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString("acme:acme-api".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> a = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, a.statusCode(), a.body());
        return a.body();
    }

    private RelayedPhonesTest.Run simulate(Path config, DemoConfig.Ports ports, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("simulate", "--config", config.toString(), "--relay",
                DemoNetwork.LOOPBACK_RELAY, "--tftp-port", Integer.toString(ports.tftp()), "--state",
                dir.resolve("phones").toString(), "--retry-delay", "1", "--every-phone"));
        args.addAll(List.of(more));
        return RelayedPhonesTest.cli(args.toArray(String[]::new));
    }
}
