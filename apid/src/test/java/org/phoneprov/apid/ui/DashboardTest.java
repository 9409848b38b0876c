package org.phoneprov.apid.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.apid.ApiReader;
import org.phoneprov.apid.ApiSettings;
import org.phoneprov.apid.FakeSuite;
import org.phoneprov.apid.auth.TokenGate;
import org.phoneprov.apid.http.ApiRequest;
import org.phoneprov.apid.http.ApiResponse;
import org.phoneprov.apid.routes.Routes;
import org.phoneprov.apid.state.DeviceStates;

class DashboardTest {
    static final String ADMIN = "admin-token-0123456789abcdefghijklmnop";
    static final String VIEWER = "viewer-token-0123456789abcdefghijklmnop";
    static final ApiSettings SETTINGS = new ApiSettings(Optional.empty(), List.of(
            new ApiSettings.Token("admin", ApiSettings.Role.ADMIN, ApiReader.sha256(ADMIN)),
            new ApiSettings.Token("viewer", ApiSettings.Role.READ, ApiReader.sha256(VIEWER))), ApiSettings.WRONG_TOKENS);

    @TempDir
    Path dir;
    FakeSuite suite;
    Dashboard ui;

    @BeforeEach
    void setUp() throws Exception {
        suite = new FakeSuite(dir);
        ui = new Dashboard(Routes.of(suite, new DeviceStates(suite::snapshot)), suite,
                new TokenGate(() -> SETTINGS, System::currentTimeMillis), () -> SETTINGS, true);
    }

    ApiResponse call(String method, String path, String cookie, String form) {
        HttpHeaders h = new DefaultHttpHeaders();
        if (cookie != null) {
            h.set("Cookie", cookie);
        }
        return ui.route(new ApiRequest(method, path, Map.of(), h, form == null ? new byte[0]
                : form.getBytes(StandardCharsets.UTF_8), new InetSocketAddress("192.0.2.50", 1), Optional.empty()));
    }

    String signIn(String token) {
        ApiResponse r = call("POST", "/ui/login", null, "token=" + token);
        assertEquals(303, r.status());
        String setCookie = r.headers().get("Set-Cookie");
        assertTrue(setCookie.contains("HTTPOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Secure"),
                setCookie);
        assertFalse(setCookie.contains(token), "the cookie is a session id, never the token");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static String csrf(ApiResponse page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(new String(page.body(), StandardCharsets.UTF_8));
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void pagesNeedASignInAndAWrongTokenIsRefused() {
        ApiResponse anon = call("GET", "/ui/", null, null);
        assertEquals(303, anon.status());
        assertEquals("/ui/login", anon.headers().get("Location"));
        assertEquals(401, call("POST", "/ui/login", null, "token=wrong").status());
        assertEquals(303, call("GET", "/ui/", "phoneprov_session=forged", null).status());
        ApiResponse page = call("GET", "/ui/", signIn(ADMIN), null);
        assertEquals(200, page.status());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("data-mac=\"00:14:7F:77:00:01\"") && html.contains("data-mac=\"00:14:7F:77:00:02\""), html);
        assertTrue(html.contains("new EventSource('/ui/events')"), "the live view");
    }

    @Test
    void buttonsNeedTheSessionsFormTokenAndAnAdminToken() {
        String admin = signIn(ADMIN);
        String token = csrf(call("GET", "/ui/", admin, null));
        assertEquals(403, call("POST", "/ui/reload", admin, "csrf=other").status(), "a post from elsewhere");
        assertEquals(0, suite.reloads);
        assertEquals(200, call("POST", "/ui/reload", admin, "csrf=" + token).status());
        assertEquals(1, suite.reloads);
        String viewer = signIn(VIEWER);
        String vToken = csrf(call("GET", "/ui/", viewer, null));
        assertEquals(403, call("POST", "/ui/reload", viewer, "csrf=" + vToken).status(), "read may not press");
        assertEquals(422, call("POST", "/ui/notify", admin, "csrf=" + token + "&mac=nope").status());
        assertEquals(303, call("POST", "/ui/logout", admin, "csrf=" + token).status());
        assertEquals(303, call("GET", "/ui/", admin, null).status(), "signed out");
    }

    @Test
    void aDevicePageShowsItsTrailAndTextIsEscaped() {
        String admin = signIn(ADMIN);
        ApiResponse one = call("GET", "/ui/devices/00:14:7F:77:00:01", admin, null);
        assertEquals(200, one.status());
        assertTrue(new String(one.body(), StandardCharsets.UTF_8).contains("id=\"trail\""));
        assertEquals(404, call("GET", "/ui/devices/00:14:7F:77:09:09", admin, null).status());
        assertEquals("&lt;script&gt;&amp;&quot;&#39;", Html.esc("<script>&\"'"));
    }
}
