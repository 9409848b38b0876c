package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.Device;
import org.phoneprov.common.config.HttpdSettings;

/** Provider accounts (Basic or Digest) and activation codes (Digest only). */
class AccountAuthTest {
    private static final long T = 1_700_000_000_000L;
    private static final String CLIENT = "10.77.1.1";
    private static final String URI = "/apxml/rpc.do";
    private static final HttpdSettings.Access ACCESS = HttpdSettings.Access.OFF;
    private static final Function<String, Optional<Device.HttpCredentials>> ACCOUNTS = u -> u.equals("acme")
            ? Optional.of(new Device.HttpCredentials("acme", "s3cr:et")) : Optional.empty();

    private final AccountAuth auth = new AccountAuth(new DigestAuth(new Nonces(new byte[32])));

    private AccountAuth.Result check(String authorization, boolean basic) {
        return auth.check(ACCESS, ACCOUNTS, basic, "POST", URI, authorization, CLIENT, T + 1000);
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicProvesTheAccountWhereAllowed() {
        assertEquals(new AccountAuth.Proven("acme"), check(basic("acme:s3cr:et"), true), "a ':' in the password");
        assertEquals(new AccountAuth.Refused("wrong_password", true, false), check(basic("acme:nope"), true));
        assertEquals(new AccountAuth.Refused("unknown_user", true, false), check(basic("root:s3cr:et"), true));
        assertEquals(new AccountAuth.Refused("malformed", true, false), check("Basic !!!", true));
        assertEquals(new AccountAuth.Refused("basic_not_accepted", false, false), check(basic("acme:s3cr:et"), false),
                "an activation code is proven by digest only");
    }

    @Test
    void digestProvesTheAccountAndAWrongOneIsAGuess() {
        String challenge = auth.challenges(ACCESS, false, CLIENT, T, false).get(0);
        assertEquals(new AccountAuth.Proven("acme"),
                check(DigestAuthTest.answer(challenge, "acme", "s3cr:et", "POST", URI), false));
        AccountAuth.Refused wrong = assertInstanceOf(AccountAuth.Refused.class,
                check(DigestAuthTest.answer(challenge, "acme", "guess", "POST", URI), false));
        assertEquals("wrong_password", wrong.word());
        assertTrue(wrong.guess());
        assertEquals(new AccountAuth.Refused("unknown_user", true, false),
                check(DigestAuthTest.answer(challenge, "12399999", "x", "POST", URI), false));
    }

    @Test
    void noCredentialsIsTheNormalFirstStepNotAGuess() {
        assertEquals(new AccountAuth.Refused("no_credentials", false, false), check(null, true));
        assertFalse(((AccountAuth.Refused) check("Bearer abc", false)).guess());
    }

    @Test
    void challengesAreDigestThenBasicWhenAllowed() {
        List<String> c = auth.challenges(ACCESS, true, CLIENT, T, false);
        assertTrue(c.get(0).startsWith("Digest "));
        assertEquals("Basic realm=\"phoneprov\", charset=\"UTF-8\"", c.get(c.size() - 1));
        assertTrue(auth.challenges(ACCESS, false, CLIENT, T, false).stream().allMatch(s -> s.startsWith("Digest ")));
    }

    @Test
    void logsNameTheSchemeNeverTheCredentials() {
        assertEquals("basic", AccountAuth.scheme(basic("acme:s3cr:et")));
        assertEquals("digest", AccountAuth.scheme("Digest username=\"acme\""));
        assertEquals("none", AccountAuth.scheme(null));
        assertEquals("other", AccountAuth.scheme("B@sic xyz"));
    }
}
