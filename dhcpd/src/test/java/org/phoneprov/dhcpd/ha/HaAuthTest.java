package org.phoneprov.dhcpd.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HaAuthTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final long NOW = 1_800_000_000_000L;
    final HaAuth auth = new HaAuth(SECRET);
    final byte[] body = "{\"state\":\"waiting\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignedMessageIsTheSendersWithItsClock() {
        String h = auth.sign("b", NOW, "POST /ha/v1/heartbeat", body);
        HaAuth.Verdict.Good g = assertInstanceOf(HaAuth.Verdict.Good.class,
                auth.check(Optional.of(h), "b", NOW + 5, "POST /ha/v1/heartbeat", body));
        assertEquals("b", g.node());
        assertEquals(NOW, g.clockMillis());
    }

    @Test
    void eachRefusalSaysWhy() {
        String h = auth.sign("b", NOW, "POST /ha/v1/heartbeat", body);
        assertEquals(HaAuth.Reason.MISSING, reason(Optional.empty(), "b", NOW, "POST /ha/v1/heartbeat", body));
        assertEquals(HaAuth.Reason.MALFORMED, reason(Optional.of("Bearer x"), "b", NOW, "POST /ha/v1/heartbeat", body));
        assertEquals(HaAuth.Reason.WRONG_NODE, reason(Optional.of(h), "c", NOW, "POST /ha/v1/heartbeat", body));
        assertEquals(HaAuth.Reason.BAD_MAC, reason(Optional.of(h), "b", NOW, "POST /ha/v1/lease-updates", body),
                "signed for another call");
        assertEquals(HaAuth.Reason.BAD_MAC, reason(Optional.of(h), "b", NOW, "POST /ha/v1/heartbeat",
                "{\"state\":\"ready\"}".getBytes(StandardCharsets.UTF_8)), "a changed body");
        String other = new HaAuth("another secret of at least 32 characters").sign("b", NOW, "POST /ha/v1/heartbeat",
                body);
        assertEquals(HaAuth.Reason.BAD_MAC, reason(Optional.of(other), "b", NOW, "POST /ha/v1/heartbeat", body),
                "another secret");
        assertEquals(HaAuth.Reason.TOO_OLD, reason(Optional.of(h), "b", NOW + HaAuth.MAX_AGE_MILLIS + 1,
                "POST /ha/v1/heartbeat", body), "a replay");
        String v2 = h.replace("v=1;", "v=2;");
        assertEquals(HaAuth.Reason.VERSION, reason(Optional.of(v2), "b", NOW, "POST /ha/v1/heartbeat", body));
    }

    private HaAuth.Reason reason(Optional<String> h, String node, long now, String what, byte[] b) {
        return assertInstanceOf(HaAuth.Verdict.Refused.class, auth.check(h, node, now, what, b)).reason();
    }
}
