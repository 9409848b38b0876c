package org.phoneprov.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code phoneprov demo} from the built jar, as a new user runs it: nothing prepared, loopback only. */
class DemoIT {
    @Test
    void theDemoProvisionsEveryDemoPhone() {
        Sh.Result r = Sh.run(List.of("java", "-jar", PhoneprovProcess.jar().toString(), "demo"), 120);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("All demo phones provisioned."), r.out());
        for (String model : List.of("ST2030S", "ST2030M", "ST2022S", "ST2022M")) {
            assertTrue(r.out().contains("== " + model), r.out());
        }
        assertTrue(r.out().contains("config_sn="), r.out());
    }
}
