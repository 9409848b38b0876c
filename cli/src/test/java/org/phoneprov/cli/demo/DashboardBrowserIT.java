package org.phoneprov.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.phoneprov.lab.LabNet;
import org.phoneprov.lab.PhoneprovProcess;

/**
 * The web dashboard (issue 13 item 4) in a real headless browser: Debian's chromium driven
 * through Debian's chromedriver (Selenium's WebDriver protocol). The demo's suite on
 * loopback with the API, simulated phones booting through a relay on 127.77.0.1; the page
 * lists the inventory, a simulated boot appears in the phone's trail and in the live
 * view, and the check-sync button sends a NOTIFY the simulated phone accepts.
 */
class DashboardBrowserIT {
    static final String TOKEN = "dashboard-test-token-0123456789abcdefghijklmnop";
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path dir;
    static PhoneprovProcess suite;
    static PhoneprovProcess phones;
    static WebDriver browser;
    static String base;
    static DemoConfig.Ports ports;

    @BeforeAll
    static void start() throws Exception {
        LabNet.requireLab("chromium", "chromedriver", "java");
        dir = Files.createTempDirectory("phoneprov-dashboard-");
        ports = DemoConfig.freePorts();
        Path config;
        try (DemoNetwork loopback = DemoNetwork.create(true)) {
            config = DemoConfig.write(dir, loopback, ports);
        }
        int api = ports.of("api");
        Files.writeString(config, Files.readString(config) + "\napi: {bind: 127.0.0.1, port: " + api
                + ", tokens: [{name: admin, token: \"" + TOKEN + "\"}]}\n");
        base = "http://127.0.0.1:" + api;
        suite = PhoneprovProcess.start(null, dir.resolve("suite.log"), "run", "--config", config.toString());
        suite.awaitLog("api.listening", 60);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--user-data-dir=" + dir.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (PhoneprovProcess p : new PhoneprovProcess[] {phones, suite}) {
            if (p != null) {
                p.close();
            }
        }
        if (dir != null) {
            LabNet.deleteTree(dir);
        }
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void listsTheDevicesShowsABootLiveAndInTheTrailAndSendsCheckSync() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(base + "/ui/");
        assertTrue(browser.getCurrentUrl().endsWith("/ui/login"), browser.getCurrentUrl());
        browser.findElement(By.id("token")).sendKeys("not-the-token-" + TOKEN);
        browser.findElement(By.id("signin")).click();
        assertTrue(browser.findElement(By.id("message")).getText().contains("not a token"), browser.getPageSource());
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("signin")).click();
        wait.until(b -> b.getCurrentUrl().endsWith("/ui/"));

        JsonNode devices = api("/api/v1/devices");
        List<WebElement> rows = browser.findElements(By.cssSelector("#devices tr[data-mac]"));
        assertEquals(devices.size(), rows.size(), browser.getPageSource());
        for (JsonNode d : devices) {
            assertTrue(browser.findElement(By.id("devices")).getText().contains(d.get("mac").asText()), d.toString());
        }

        // Two phones boot while the page is open: the live view shows their requests as they happen.
        phones = PhoneprovProcess.startCommand(null, dir.resolve("phones.log"), "java", "-jar",
                PhoneprovProcess.jar().toString(), "simulate", "--config", dir.resolve("phoneprov.yaml").toString(),
                "--phones", "2", "--stay", "90", "--relay", DemoNetwork.LOOPBACK_RELAY, "--tftp-port",
                Integer.toString(ports.tftp()), "--state", dir.resolve("phones").toString());
        wait.until(b -> b.findElement(By.id("live")).getText().contains(" GET "));

        String mac = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (mac == null && System.currentTimeMillis() < deadline) {
            for (JsonNode d : api("/api/v1/devices")) {
                if (d.get("state").get("up_to_date").asBoolean()) {
                    mac = d.get("mac").asText();
                }
            }
            Thread.sleep(500);
        }
        assertTrue(mac != null, () -> "no simulated phone fetched its config: " + phones.logText());
        browser.get(base + "/ui/devices/" + mac);
        String trail = browser.findElement(By.id("trail")).getText();
        assertTrue(trail.contains("dhcpd") && trail.contains("GET"), trail);

        String before = trail;
        browser.findElement(By.cssSelector("form[action='/ui/notify'] button")).click();
        String result = wait.until(b -> b.findElement(By.id("result"))).getText();
        assertTrue(result.contains(mac + ": accepted"), result + "\n" + phones.logText());
        browser.get(base + "/ui/devices/" + mac);
        String after = browser.findElement(By.id("trail")).getText();
        assertTrue(after.contains("sipd NOTIFY") && after.length() > before.length(), after);
    }
}
