package org.phoneprov.phonesim.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.crypto.SerCipher;
import org.phoneprov.phonesim.phone.PhoneState;

/** Seed 6: encrypted common and MAC configs, decrypted with the phone's key. */
class SerConfigTest {
    static final String KEY = "1234567890123456";
    final SampleServer server = SampleServer.lab();

    SerConfigTest() {
        SerCipher c = SerCipher.forKey(KEY);
        server.put(true, "ST2030S.inf", server.text(true, "ST2030S.inf")
                .replace("ComConf2030S_112702b5.txt", "ComConf2030S_112702b5.ser"));
        server.put(true, "ComConf2030S_112702b5.ser",
                c.encrypt(server.text(true, "ComConf2030S_112702b5.txt").getBytes(StandardCharsets.UTF_8)));
        // Seed 6's log: "MacConfig: ST2030S_00147F00DFE4.ser download successfully!"
        server.put(true, "ST2030S_00147F770001.ser",
                c.encrypt(server.text(true, "ST2030S_00147F770001.txt").getBytes(StandardCharsets.UTF_8)));
    }

    RunResult run(String key) {
        InfPlan plan = InfSearch.plan(ProvisioningRunTest.S30, Preconfigured.NOTHING,
                Optional.of(Leases.http("http://10.77.0.1/ST2030S.inf")));
        return new ProvisioningRun(ProvisioningRunTest.S30, server, RetryPolicy.SEED, new Recorder())
                .run(plan, PhoneState.factory(), key);
    }

    @Test
    void decryptsWithTheRightKey() {
        RunResult r = run(KEY);
        assertTrue(r.ok(), r.detail());
        assertEquals("850497785552", r.state().configSn());
        assertEquals(Optional.of("ST2030S.inf"), r.state().setting("AutoprovisionConfigname"));
        List<String> log = server.log();
        assertEquals("POST /ComConf2030S_112702b5.ser", log.get(log.size() - 2));
        assertEquals("POST /ST2030S_00147F770001.ser", log.get(log.size() - 1));
    }

    @Test
    void aWrongKeyIsCorruptedConfig() {
        RunResult r = run("6543210987654321");
        assertEquals(Optional.of(LcdMessage.CORRUPTED_CONFIG), r.error());
        assertEquals(PhoneState.factory(), r.state());
        assertEquals(1, r.attempts(), "not retried (2.6)");
    }

    @Test
    void anUnusableKeyIsCorruptedConfigToo() {
        assertEquals(Optional.of(LcdMessage.CORRUPTED_CONFIG), run("short").error());
    }
}
