package org.phoneprov.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edge cases httpd's credentials, sipd's challenges and phonesim's credentials met. */
class DigestParamsTest {

    private static Map<String, String> params(String value) {
        return assertInstanceOf(DigestParams.Params.class, DigestParams.parse(value), value).values();
    }

    @Test
    void tokensQuotedStringsAndEscapes() {
        Map<String, String> p = params("Digest username=\"Mu\\\"fasa\", realm=\"a, b\",nc=00000001 ,"
                + "  QOP=auth, uri=\"/x?y=1\"");
        assertEquals("Mu\"fasa", p.get("username"));
        assertEquals("a, b", p.get("realm"), "a comma inside quotes is text");
        assertEquals("00000001", p.get("nc"));
        assertEquals("auth", p.get("qop"), "names are case-insensitive");
        assertEquals("/x?y=1", p.get("uri"), "so is '=' inside quotes");
        assertEquals(Map.of("realm", "a \"quoted\" realm", "nonce", "n1"),
                params("DIGEST REALM=\"a \\\"quoted\\\" realm\",NONCE=n1"));
    }

    @Test
    void foldedSipHeaderRfc2617Example() {
        Map<String, String> p = params("Digest\r\n realm=\"testrealm@host.com\",\r\n qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertEquals("testrealm@host.com", p.get("realm"));
        assertEquals("auth,auth-int", p.get("qop"));
        assertEquals("dcd98b7102dd2f0e8b11d0f600bfb0c093", p.get("nonce"));
        assertEquals(4, p.size());
    }

    @Test
    void emptyListsElementsAndValues() {
        assertEquals(Map.of(), params("digest"));
        assertEquals(Map.of(), params("Digest  "));
        assertEquals(Map.of("a", "1", "b", "2"), params("Digest ,a=1,, b = 2 ,"));
        assertEquals(Map.of("a", "", "b", ""), params("Digest a=, b=\"\""));
        assertEquals(Map.of("username*", "UTF-8''J%C3%A4s"), params("Digest username*=UTF-8''J%C3%A4s"));
    }

    @Test
    void otherSchemesAndNoValueAreAbsent() {
        for (String other : new String[] {null, "", "Basic dXNlcjpwYXNz", "DigestX a=b", "Bearer x"}) {
            assertInstanceOf(DigestParams.Absent.class, DigestParams.parse(other), String.valueOf(other));
            assertEquals(Optional.empty(), DigestParams.parse(other).params());
        }
    }

    @Test
    void brokenValuesAreMalformed() {
        for (String bad : new String[] {"Digest username", "Digest a=\"open", "Digest nonce=\"unterminated",
                "Digest realm=\"unterminated, nonce=\"n", "Digest a=1, a=2", "Digest a=1, A=2", "Digest a=1 b=2",
                "Digest =1", "Digest a b=1", "Digest a\"b=1", "Digest a=\"x\\"}) {
            assertInstanceOf(DigestParams.Malformed.class, DigestParams.parse(bad), bad);
            assertEquals(Optional.empty(), DigestParams.parse(bad).params(), bad);
        }
    }

    @Test
    void aServerCanBoundTheLength() {
        String longValue = "Digest " + "x=" + "y".repeat(5000);
        assertInstanceOf(DigestParams.Malformed.class, DigestParams.parse(longValue, 4096));
        assertInstanceOf(DigestParams.Params.class, DigestParams.parse(longValue));
        assertInstanceOf(DigestParams.Absent.class, DigestParams.parse("Basic " + "y".repeat(5000), 4096));
        assertInstanceOf(DigestParams.Params.class, DigestParams.parse("Digest a=1", 10));
    }

    @Test
    void paramsGivesTheValues() {
        DigestParams.Params p = assertInstanceOf(DigestParams.Params.class, DigestParams.parse("Digest nonce=n"));
        assertEquals(Optional.of("n"), p.get("nonce"));
        assertEquals(Optional.empty(), p.get("realm"));
        assertEquals(Optional.of(Map.of("nonce", "n")), p.params());
    }
}
