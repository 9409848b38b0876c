package org.phoneprov.httpd.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ActivationCode;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;

/** One-shot and locked activation codes (Gigaset seed, MSC "Autoprovisioning with Activation Code"). */
class ActivationsTest {
    @TempDir
    Path stateDir;

    static final Mac PHONE = Mac.parse("7C2F80123456").orElseThrow();
    static final Mac OTHER = Mac.parse("7C2F80654321").orElseThrow();
    private final AtomicLong clock = new AtomicLong(1_000);

    static ActivationCode code(String user, ActivationCode.Lock lock) {
        return new ActivationCode(user, "0815", lock, "acme", Model.N510, List.of(), Map.of(),
                new Location(Path.of("devices.yaml"), 1, 1));
    }

    @Test
    void aOneShotCodeWorksOnceEvenForTheSamePhoneAndAcrossARestart() throws Exception {
        ActivationCode c = code("12387426549864", ActivationCode.Lock.ONE_SHOT);
        try (ActivationStore store = ActivationStore.open(stateDir)) {
            Activations a = new Activations(store, clock::get);
            Activations.Granted g = assertInstanceOf(Activations.Granted.class, a.use(c, PHONE));
            assertEquals(1, g.use().uses());
            Activations.Refused r = assertInstanceOf(Activations.Refused.class, a.use(c, PHONE));
            assertEquals("code_spent", r.reason());
            assertEquals(PHONE, r.boundTo());
        }
        try (ActivationStore store = ActivationStore.open(stateDir)) {
            Activations after = new Activations(store, clock::get);
            Activations.Refused r = assertInstanceOf(Activations.Refused.class, after.use(c, OTHER));
            assertEquals("code_spent", r.reason(), "spent stays spent after a restart");
            assertEquals(Optional.empty(), after.lockedTo(PHONE, Map.of(c.user(), c)), "no later checks for one shot");
        }
    }

    @Test
    void aLockedCodeKeepsWorkingForItsPhoneOnlyAndCountsUses() throws Exception {
        ActivationCode c = code("1234", ActivationCode.Lock.LOCKED);
        try (ActivationStore store = ActivationStore.open(stateDir)) {
            Activations a = new Activations(store, clock::get);
            assertInstanceOf(Activations.Granted.class, a.use(c, PHONE));
            clock.set(5_000);
            Activations.Granted again = assertInstanceOf(Activations.Granted.class, a.use(c, PHONE));
            assertEquals(new ActivationUse("1234", PHONE, 1_000, 5_000, 2), again.use());
            Activations.Refused r = assertInstanceOf(Activations.Refused.class, a.use(c, OTHER));
            assertEquals("code_locked", r.reason());
        }
        try (ActivationStore store = ActivationStore.open(stateDir)) {
            assertEquals(Optional.of(new ActivationUse("1234", PHONE, 1_000, 5_000, 2)), store.find("1234"));
            Activations after = new Activations(store, clock::get);
            assertInstanceOf(Activations.Refused.class, after.use(c, OTHER), "the lock survives a restart");
            assertEquals(Optional.of(c), after.lockedTo(PHONE, Map.of("1234", c)), "its later checks");
            assertEquals(Optional.empty(), after.lockedTo(OTHER, Map.of("1234", c)));
            assertEquals(Optional.empty(), after.lockedTo(PHONE, Map.of()), "a code gone from the config");
            ActivationCode once = code("9999", ActivationCode.Lock.ONE_SHOT);
            assertInstanceOf(Activations.Granted.class, after.use(once, PHONE));
            assertEquals(Optional.of(c), after.lockedTo(PHONE, Map.of("1234", c, "9999", once)),
                    "the locked code, whatever other code the phone also used");
        }
    }

    @Test
    void aFailingStoreGrantsNothing() {
        ActivationUses broken = new ActivationUses() {
            @Override
            public Optional<ActivationUse> find(String user) {
                return Optional.empty();
            }

            @Override
            public java.util.Collection<ActivationUse> usesBy(Mac mac) {
                return List.of();
            }

            @Override
            public void put(ActivationUse u) throws StoreException {
                throw new StoreException("disk full", null);
            }
        };
        assertThrows(StoreException.class, () -> new Activations(broken, clock::get)
                .use(code("1234", ActivationCode.Lock.ONE_SHOT), PHONE));
    }

    @Test
    void aDamagedRowIsNamedNeverReset() throws Exception {
        try (ActivationStore store = ActivationStore.open(stateDir)) {
            store.put(new ActivationUse("1234", PHONE, 1, 1, 1));
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve(ActivationStore.FILE_NAME));
             var st = c.createStatement()) {
            st.executeUpdate("UPDATE activation_use SET mac = 'nonsense'");
        }
        StoreException e = assertThrows(StoreException.class, () -> ActivationStore.open(stateDir));
        assertTrue(e.getMessage().contains("row code=1234 is not a valid use"), e.getMessage());
        assertTrue(Files.size(stateDir.resolve(ActivationStore.FILE_NAME)) > 0);
        assertFalse(e.getMessage().contains("0815"));
    }
}
