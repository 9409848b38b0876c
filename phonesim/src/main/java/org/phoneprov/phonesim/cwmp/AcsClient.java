package org.phoneprov.phonesim.cwmp;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.net.HttpReply;

/**
 * The HTTP side of one CWMP session (TR-069 Amendment 6, 3.4): each POST to the ACS URL
 * carries the session's cookies and, once challenged, its credentials; a SOAP envelope goes
 * with {@code Content-Type: text/xml; charset="utf-8"} and an empty {@code SOAPAction} header
 * (3.4.1: "the SOAPAction header MUST have no value"), the empty POST with neither (3.4.1: it
 * "MUST NOT contain a SOAPAction header" nor a Content-Type). A 401 is answered at most twice
 * (a second time only when the nonce was stale). One instance per session, over one connection.
 */
final class AcsClient {
    /** The ACS's answer; {@code failure} says why there was none (then status is 0). */
    record Posted(int status, byte[] body, String failure) {
        boolean answered() {
            return failure.isEmpty();
        }

        /** 3.7.1.4: 204, or any response without a body, tells the CPE the ACS has no more requests. */
        boolean empty() {
            return body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank();
        }
    }

    private final HttpFetch http;
    private final URI acs;
    private final AcsAuth auth;
    private final SessionCookies cookies = new SessionCookies();
    private int posts;

    AcsClient(HttpFetch http, URI acs, String user, String password) {
        this.http = http;
        this.acs = acs;
        this.auth = new AcsAuth(user, password);
    }

    Posted post(byte[] envelope) {
        boolean answered = false;
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, String> h = new LinkedHashMap<>();
            String cookie = cookies.header(acs);
            if (!cookie.isEmpty()) {
                h.put("Cookie", cookie);
            }
            auth.authorization("POST", HttpFetch.requestTarget(acs)).ifPresent(a -> h.put("Authorization", a));
            if (envelope.length > 0) {
                h.put("Content-Type", "text/xml; charset=\"utf-8\"");
                h.put("SOAPAction", "");
            }
            posts++;
            HttpReply r = http.exchange("POST", acs, h, envelope);
            if (r instanceof HttpReply.NoAnswer n) {
                return new Posted(0, new byte[0], n.failure().toString());
            }
            HttpReply.Answered a = (HttpReply.Answered) r;
            cookies.take(acs, a.all("set-cookie"), a.all("set-cookie2"));
            if (a.status() != 401) {
                return new Posted(a.status(), a.body(), "");
            }
            AcsAuth.Challenge c = auth.challenged(a.all("www-authenticate"), answered);
            if (c == AcsAuth.Challenge.GIVE_UP) {
                return new Posted(401, a.body(), "");
            }
            answered = true;
        }
        return new Posted(401, new byte[0], "");
    }

    int posts() {
        return posts;
    }

    int cookies() {
        return cookies.size();
    }
}
