package org.phoneprov.cli.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.phoneprov.httpd.redirect.RedirectRegistry;
import org.phoneprov.httpd.redirect.XmlRpcFault;
import org.phoneprov.httpd.redirect.XmlRpcService;

/** Each result string and failure gets a sentence that says what it means and what to do. */
class ApiTextTest {
    private static final URI URL = URI.create("https://prov.example:8443/apxml/rpc.do");
    private static final ApiTarget T = new ApiTarget(URL, "acme", "pw", List.of());

    private static String no(String method, String message) {
        return ApiText.sentence(method, new RedirectRegistry.Result(false, message), "acme", "7C2F80AABBCC-1A2B", "u");
    }

    @Test
    void trueAnswersSayWhatNowHolds() {
        assertEquals("7C2F80AABBCC is registered for provider 'acme': the redirect service sends it, as a retail"
                + " phone, to the URL it was registered with.", ApiText.sentence(XmlRpcService.CHECK,
                new RedirectRegistry.Result(true, "7C2F80AABBCC"), "acme", "7c2f80aabbcc", null));
        assertEquals("registered: the redirect service sends 7C2F80AABBCC-1A2B to http://x/%MACD.xml (provider"
                + " 'acme').", ApiText.sentence(XmlRpcService.REGISTER, new RedirectRegistry.Result(true, "ok"), "acme",
                "7C2F80AABBCC-1A2B", "http://x/%MACD.xml"));
        assertEquals("deregistered: 7C2F80AABBCC is no longer redirected.", ApiText.sentence(XmlRpcService.DEREGISTER,
                new RedirectRegistry.Result(true, "ok"), "acme", "7C2F80AABBCC", null));
    }

    @Test
    void everyKnownFalseResultHasItsOwnSentence() {
        assertTrue(no(XmlRpcService.CHECK, "mac_not_found:7C2F80AABBCC").startsWith(
                "7C2F80AABBCC is not registered for provider 'acme' (a phone of another provider"));
        assertTrue(no(XmlRpcService.DEREGISTER, "mac_not_found:7C2F80AABBCC").contains("nothing to deregister"));
        assertTrue(no(XmlRpcService.CHECK, "mac_invalid:7C2F80").startsWith("'7C2F80' is not a MAC-ID"));
        assertTrue(no(XmlRpcService.CHECK, "mac_not_exist:7C2F80AABBCC").contains("another check part"));
        assertTrue(no(XmlRpcService.REGISTER, "mac_already_in_use:7C2F80AABBCC").contains("another provider"));
        assertTrue(no(XmlRpcService.REGISTER, "url_invalid:ftp://x/").contains("at most 255 characters"));
        assertTrue(no(XmlRpcService.REGISTER, "name_invalid:").contains("--name with 1 to 64"));
        assertTrue(no(XmlRpcService.CHECK, "busy").contains("a result this command does not know"));
    }

    @Test
    void faultsAndHttpStatusesSayWhatToDo() {
        assertTrue(ApiText.faultTodo(XmlRpcFault.METHOD_NOT_FOUND).contains("not a Gigaset-style redirect API"));
        assertTrue(ApiText.faultTodo(XmlRpcFault.SYSTEM_ERROR).contains("try again later"));
        assertTrue(ApiText.faultTodo(XmlRpcFault.INVALID_PARAMS).contains("report it"));
        assertTrue(ApiText.faultTodo(4).contains("documentation"));
        ApiOutcome.Failed refused = ApiText.httpFailure(T, 401, Optional.empty(), Optional.empty());
        assertEquals(URL + " answered HTTP 401: it refused user 'acme' with this password", refused.what());
        assertTrue(refused.todo().contains("--password-file, $PHONEPROV_GIGASET_PASSWORD"), refused.todo());
        assertTrue(ApiText.httpFailure(T, 429, Optional.empty(), Optional.empty()).todo().startsWith("wait, then"));
        assertTrue(ApiText.httpFailure(T, 404, Optional.empty(), Optional.empty()).todo().contains("apxml/rpc.do"));
        assertTrue(ApiText.httpFailure(T, 418, Optional.empty(), Optional.empty()).todo().startsWith("check --url"));
    }

    @Test
    void noAnswerAtAllIsToldByItsCause() {
        assertTrue(unreachable(new HttpConnectTimeoutException("x")).startsWith("no connection to prov.example:8443 within 10 s"));
        assertTrue(unreachable(new HttpTimeoutException("x")).startsWith("prov.example:8443 did not answer within 30 s"));
        assertEquals("cannot connect to prov.example:8443 (connection refused)", unreachable(new ConnectException()));
        assertEquals("cannot connect to prov.example:8443 (No route to host)",
                unreachable(new ConnectException("No route to host")));
        assertEquals("cannot resolve the host name prov.example",
                unreachable(new ConnectException(null) {{ initCause(new java.nio.channels.UnresolvedAddressException()); }}));
        assertTrue(unreachable(new IOException(new SSLHandshakeException("PKIX path building failed: x")))
                .endsWith("failed: the server's certificate does not chain to a CA this client trusts"));
        assertTrue(ApiText.unreachable(URL, false, new SSLHandshakeException("x")).todo().startsWith("give the suite's CA"));
        assertTrue(ApiText.unreachable(URL, true, new SSLHandshakeException("x")).todo().startsWith("check that --cacert"));
    }

    private static String unreachable(IOException e) {
        return ApiText.unreachable(URL, false, e).what();
    }

    @Test
    void serverTextIsMadePrintable() {
        assertEquals("a\\u001B[2Jb\\u200E", ApiText.printable("a\u001b[2Jb\u200e"));
        assertEquals(1003, ApiText.printable("x".repeat(2000)).length());
    }
}
