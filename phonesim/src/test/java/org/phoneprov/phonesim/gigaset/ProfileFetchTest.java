package org.phoneprov.phonesim.gigaset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.auth.DigestParams;
import org.phoneprov.phonesim.aps.FetchRecord;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.net.HttpReply;

/** Redirects followed, digest answered, every other answer an end with its reason. */
class ProfileFetchTest {
    static final URI DEVICE = URI.create("http://10.77.0.1/device/444/1/master.bin");
    static final URI PROFILE = URI.create("http://10.77.0.1/gigaset/7C2F80770601.xml");
    static final DigestCredentials CODE = new DigestCredentials("12387426549864", "0815");
    static final String CHALLENGE = "Digest realm=\"phoneprov\", qop=\"auth\", algorithm=SHA-256, nonce=\"n1\"";

    static ProfileFetch fetch(FakeHttp http, Optional<DigestCredentials> who) {
        return new ProfileFetch(http, who, () -> "c0ffee");
    }

    static List<FetchRecord.Status> statuses(ProfileFetch f) {
        return f.fetches().stream().map(FetchRecord::status).toList();
    }

    @Test
    void aRetailPhoneFollowsTheRedirectToItsProfile() {
        FakeHttp http = new FakeHttp((uri, h) -> uri.equals(DEVICE) ? FakeHttp.status(302, "Location", PROFILE.toString())
                : FakeHttp.ok("<ProviderFrame/>"));
        ProfileFetch f = fetch(http, Optional.empty());
        ProfileFetch.Got g = assertInstanceOf(ProfileFetch.Got.class, f.fetch(DEVICE));
        assertEquals(PROFILE, g.at());
        assertEquals(1, g.redirects());
        assertArrayEquals("<ProviderFrame/>".getBytes(StandardCharsets.ISO_8859_1), g.body());
        assertEquals(List.of(FetchRecord.Status.REDIRECTED, FetchRecord.Status.OK), statuses(f));
    }

    @Test
    void aRelativeLocationIsResolvedAgainstTheUrlAsked() {
        FakeHttp http = new FakeHttp((uri, h) -> uri.getPath().startsWith("/device")
                ? FakeHttp.status(307, "Location", "../../../gigaset/7C2F80770601.xml") : FakeHttp.ok("<x/>"));
        assertEquals(PROFILE, ((ProfileFetch.Got) fetch(http, Optional.empty()).fetch(DEVICE)).at());
        assertEquals(Optional.empty(), ProfileFetch.resolve(DEVICE, "ftp://x/"));
        assertEquals(Optional.empty(), ProfileFetch.resolve(DEVICE, "http://bad host/"));
    }

    @Test
    void aRedirectLoopEndsAfterAFewHops() {
        FakeHttp http = new FakeHttp((uri, h) -> FakeHttp.status(302, "Location", uri.toString()));
        ProfileFetch.Failed x = assertInstanceOf(ProfileFetch.Failed.class, fetch(http, Optional.empty()).fetch(DEVICE));
        assertEquals(ProfileFetch.Kind.BAD_REDIRECT, x.kind());
        assertEquals(ProfileFetch.MAX_REDIRECTS + 1, http.asked.size());
        ProfileFetch.Failed none = (ProfileFetch.Failed) fetch(new FakeHttp((uri, h) -> FakeHttp.status(302)),
                Optional.empty()).fetch(DEVICE);
        assertTrue(none.detail().contains("without a usable http:// Location (none)"), none.detail());
    }

    @Test
    void anActivationCodeAnswersTheChallengeWithDigest() {
        FakeHttp http = new FakeHttp((uri, h) -> h.containsKey("Authorization") ? FakeHttp.ok("<ProviderFrame/>")
                : FakeHttp.status(401, "WWW-Authenticate", "Basic realm=\"phoneprov\"", "WWW-Authenticate", CHALLENGE));
        ProfileFetch f = fetch(http, Optional.of(CODE));
        assertInstanceOf(ProfileFetch.Got.class, f.fetch(PROFILE));
        assertEquals(List.of(FetchRecord.Status.UNAUTHORIZED, FetchRecord.Status.OK), statuses(f));
        Map<String, String> p = DigestParams.parse(http.asked.get(1).headers().get("Authorization")).params().orElseThrow();
        // RFC 7616 3.4.1, computed outside Java (python3 hashlib): h = sha256 hexdigest;
        // h(h("12387426549864:phoneprov:0815") + ":n1:00000001:c0ffee:auth:" + h("GET:/gigaset/7C2F80770601.xml"))
        assertEquals("89619c191177ad710c8e73e61619b569babd485d74d510fe2fb6e5d5ce41a59f", p.get("response"));
        assertEquals("/gigaset/7C2F80770601.xml", p.get("uri"), "the request-target as sent");
        assertEquals("12387426549864", p.get("username"));
    }

    @Test
    void aRefusedAnswerIsNotRepeatedButAStaleNonceIsAnsweredOnceMore() {
        FakeHttp wrong = new FakeHttp((uri, h) -> FakeHttp.status(401, "WWW-Authenticate", CHALLENGE));
        ProfileFetch.Failed x = (ProfileFetch.Failed) fetch(wrong, Optional.of(CODE)).fetch(PROFILE);
        assertEquals(ProfileFetch.Kind.UNAUTHORIZED, x.kind());
        assertTrue(x.detail().contains("the code or its password is wrong"), x.detail());
        assertEquals(2, wrong.asked.size(), "the first request, then one answer");

        FakeHttp stale = new FakeHttp((uri, h) -> h.containsKey("Authorization") && stale(h)
                ? FakeHttp.ok("<ProviderFrame/>")
                : FakeHttp.status(401, "WWW-Authenticate", CHALLENGE.replace("n1", h.isEmpty() ? "n1" : "n2")
                + (h.isEmpty() ? "" : ", stale=true")));
        assertInstanceOf(ProfileFetch.Got.class, fetch(stale, Optional.of(CODE)).fetch(PROFILE));
        assertEquals(3, stale.asked.size());
    }

    private static boolean stale(Map<String, String> h) {
        return h.get("Authorization").contains("nonce=\"n2\"");
    }

    @Test
    void aChallengeWithoutACodeOrWithoutAnAnswerableDigestEndsAt401() {
        FakeHttp http = new FakeHttp((uri, h) -> FakeHttp.status(401, "WWW-Authenticate", CHALLENGE));
        ProfileFetch.Failed none = (ProfileFetch.Failed) fetch(http, Optional.empty()).fetch(PROFILE);
        assertTrue(none.detail().endsWith("HTTP 401, and this phone has no activation code to answer with"), none.detail());
        FakeHttp basic = new FakeHttp((uri, h) -> FakeHttp.status(401, "WWW-Authenticate", "Basic realm=\"x\""));
        ProfileFetch.Failed b = (ProfileFetch.Failed) fetch(basic, Optional.of(CODE)).fetch(PROFILE);
        assertTrue(b.detail().contains("without a digest challenge this phone can answer"), b.detail());
    }

    @Test
    void notFoundForbiddenAndUnreachableAreTheirOwnKinds() {
        assertEquals(ProfileFetch.Kind.NOT_FOUND, kind(FakeHttp.status(404)));
        assertEquals(ProfileFetch.Kind.FORBIDDEN, kind(FakeHttp.status(403)));
        assertEquals(ProfileFetch.Kind.OTHER, kind(FakeHttp.status(500)));
        assertEquals(ProfileFetch.Kind.UNREACHABLE, kind(new HttpReply.NoAnswer(new FetchResult.Unreachable("refused"))));
        assertEquals(ProfileFetch.Kind.OTHER, kind(new HttpReply.NoAnswer(new FetchResult.Failed("broke off"))));
    }

    private static ProfileFetch.Kind kind(HttpReply r) {
        return ((ProfileFetch.Failed) fetch(new FakeHttp((uri, h) -> r), Optional.empty()).fetch(PROFILE)).kind();
    }
}
