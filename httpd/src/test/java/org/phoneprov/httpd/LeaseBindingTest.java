package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;

class LeaseBindingTest {
    private static final Mac A = Mac.parse("00:14:7F:77:00:01").orElseThrow();
    private static final Mac B = Mac.parse("00:14:7F:77:00:02").orElseThrow();

    @Test
    void onlyTheOwnersAddressGetsTheFile() {
        Object[][] table = {
                // owner, device at the client's address, verdict
                {A, Optional.of(A), LeaseBinding.Verdict.ALLOWED},
                {A, Optional.of(B), LeaseBinding.Verdict.OTHER_DEVICE},
                {B, Optional.of(A), LeaseBinding.Verdict.OTHER_DEVICE},
                {A, Optional.empty(), LeaseBinding.Verdict.UNKNOWN_ADDRESS},
        };
        for (Object[] row : table) {
            @SuppressWarnings("unchecked")
            Optional<Mac> at = (Optional<Mac>) row[1];
            assertEquals(row[2], LeaseBinding.decide((Mac) row[0], at), row[0] + " from " + at);
        }
        assertEquals("other_device", LeaseBinding.Verdict.OTHER_DEVICE.word());
    }
}
