package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestHeaderTest {

    private static Map<String, String> params(String field) {
        return assertInstanceOf(DigestHeader.Params.class, DigestHeader.parse(field)).values();
    }

    @Test
    void tokensQuotedStringsAndEscapes() {
        Map<String, String> p = params("Digest username=\"Mu\\\"fasa\", realm=\"a, b\",nc=00000001 ,"
                + "  QOP=auth, uri=\"/x?y=1\"");
        assertEquals("Mu\"fasa", p.get("username"));
        assertEquals("a, b", p.get("realm"));
        assertEquals("00000001", p.get("nc"));
        assertEquals("auth", p.get("qop"), "names are case-insensitive");
        assertEquals("/x?y=1", p.get("uri"));
        assertEquals(Map.of(), params("digest"));
    }

    @Test
    void otherSchemesAndNoFieldAreAbsent() {
        assertInstanceOf(DigestHeader.Absent.class, DigestHeader.parse(null));
        assertInstanceOf(DigestHeader.Absent.class, DigestHeader.parse("Basic dXNlcjpwYXNz"));
        assertInstanceOf(DigestHeader.Absent.class, DigestHeader.parse("DigestX a=b"));
    }

    @Test
    void brokenFieldsAreMalformed() {
        for (String bad : new String[] {"Digest username", "Digest a=\"open", "Digest a=1, a=2", "Digest a=1 b=2",
                "Digest =1", "Digest a b=1", "Digest " + "x=" + "y".repeat(5000)}) {
            assertInstanceOf(DigestHeader.Malformed.class, DigestHeader.parse(bad), bad);
        }
    }
}
