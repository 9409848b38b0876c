package org.phoneprov.phonesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureCauseTest {
    @Test
    void tftpdsServerBusyIsNamedAsARefusalNotAMissingFile() {
        Optional<FailureCause> c = FailureCause.of(
                "tftp://127.0.0.1:69/v2030SG.R11.1.090213.2.67.1.zz: TFTP error 0: server busy, try again later");
        assertEquals(Optional.of(FailureCause.TFTP_BUSY), c);
        assertEquals("tftpd refused: server busy (max_per_client, per address, or max_transfers)", c.get().text());
        assertTrue(c.get().perAddress());
    }

    @Test
    void httpdRefusalsAreNamedWithTheKnobBehindThem() {
        assertEquals(Optional.of(FailureCause.HTTP_FORBIDDEN),
                FailureCause.of("http://127.0.0.1/ST2030S_00147FE147B3.txt: HTTP 403"));
        assertEquals(Optional.of(FailureCause.HTTP_BLOCKED), FailureCause.of("http://127.0.0.1/x.txt: HTTP 429"));
        assertEquals(Optional.of(FailureCause.HTTP_UNAUTHORIZED), FailureCause.of("http://127.0.0.1/x.txt: HTTP 401"));
        assertTrue(FailureCause.HTTP_FORBIDDEN.text().contains("lease_binding"));
    }

    @Test
    void aFileThatIsReallyMissingNeedsNoCause() {
        assertEquals(Optional.empty(), FailureCause.of("tftp://127.0.0.1:69/v2030SG.zz: TFTP error 1: file not found"));
        assertEquals(Optional.empty(), FailureCause.of("http://127.0.0.1/ST2030S.inf: HTTP 404"));
        assertEquals(Optional.empty(), FailureCause.of(""));
    }

    @Test
    void aGigasetsFailureIsToldByHowItsDetailStartsBeforeTheHttpStatus() {
        assertEquals(Optional.of(FailureCause.ACTIVATION_REFUSED), FailureCause.of(
                "activation code refused: http://127.0.0.1/gigaset/activation/7C2F80FF0001.xml: HTTP 403"),
                "not lease_binding's 403");
        assertEquals(Optional.of(FailureCause.GIGASET_NO_PROFILE), FailureCause.of(
                "no Gigaset profile: http://127.0.0.1/gigaset/7C2F80FF0001.xml: HTTP 404"));
        assertEquals(Optional.of(FailureCause.PROFILE_UNREADABLE), FailureCause.of(
                "profile unreadable: http://127.0.0.1/gigaset/7C2F80FF0001.xml: an encrypted profile"));
        assertTrue(!FailureCause.ACTIVATION_REFUSED.perAddress());
    }
}
