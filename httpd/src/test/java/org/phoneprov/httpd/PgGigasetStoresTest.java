package org.phoneprov.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.phoneprov.common.config.ActivationCode;
import org.phoneprov.common.config.StoreSettings;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;
import org.phoneprov.common.pg.PgChanges;
import org.phoneprov.common.pg.PgDatabase;
import org.phoneprov.common.provision.Model;
import org.phoneprov.httpd.activation.ActivationUse;
import org.phoneprov.httpd.activation.Activations;
import org.phoneprov.httpd.activation.PgActivationStore;
import org.phoneprov.httpd.redirect.PgRegistrationStore;
import org.phoneprov.httpd.redirect.Registration;
import org.phoneprov.testsupport.LoggerTap;
import org.phoneprov.testsupport.PgServer;
import org.phoneprov.testsupport.PgServerPerClass;

/**
 * The Gigaset stores in PostgreSQL against a real server: what one node writes the other sees
 * without a restart, a one-shot code is won once across nodes, and the database going away fails
 * writes (lookups keep serving the last copy) until it is back, when the copies catch up by
 * themselves.
 */
class PgGigasetStoresTest {
    @RegisterExtension
    static final PgServerPerClass PG = new PgServerPerClass("phoneprov", "gigaset-pw");
    static final Mac PHONE = Mac.parse("7C2F80123456").orElseThrow();
    static final Mac OTHER = Mac.parse("7C2F80654321").orElseThrow();

    /** One node's stores, as GigasetServices opens them: one pool, one connection following changes. */
    static final class Node implements AutoCloseable {
        final PgDatabase db;
        final PgRegistrationStore registrations;
        final PgActivationStore uses;
        final PgChanges changes;

        Node(StoreSettings s) throws StoreException {
            db = PgDatabase.open(s, "test");
            registrations = PgRegistrationStore.open(db);
            uses = PgActivationStore.open(db);
            changes = new PgChanges(db, "test").follow(PgRegistrationStore.CHANNEL, registrations)
                    .follow(PgActivationStore.CHANNEL, uses);
            changes.start();
            eventually(() -> changes.reloads() > 0, "following changes");
        }

        @Override
        public void close() {
            changes.close();
            db.close();
        }
    }

    static StoreSettings migrated() throws StoreException {
        StoreSettings s = PG.newStore("gigaset");
        try (PgDatabase db = PgDatabase.connect(s, "test")) {
            db.migrate();
        }
        return s;
    }

    static void eventually(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static Registration reg(String macId, String provider, long t) {
        return new Registration(MacId.parse(macId).orElseThrow(), "https://prov.example/%MACD", provider, "p", t, t);
    }

    static ActivationCode code(String user, ActivationCode.Lock lock) {
        return new ActivationCode(user, "0815", lock, "acme", Model.N510, List.of(), Map.of(),
                new Location(Path.of("devices.yaml"), 1, 1));
    }

    @Test
    void rowsRoundTripWithEveryColumnAndTheTableIsTheSqliteOne() throws Exception {
        StoreSettings s = migrated();
        Registration a = new Registration(MacId.parse("7C2F80123456-1A2B").orElseThrow(), "https://a.example/%MACD",
                "acme", "Acme & Söhne", 1_000, 2_000);
        Registration b = reg("589EC6000001", "acme", 3_000);
        ActivationUse u = new ActivationUse("12387426549864", PHONE, 5, 6, 7);
        try (Node n = new Node(s)) {
            n.registrations.put(a);
            n.registrations.put(b);
            n.registrations.put(reg("7C2F80000009", "acme", 4_000));
            assertTrue(n.registrations.remove(Mac.parse("7C2F80000009").orElseThrow()));
            n.uses.put(u);
        }
        try (Node n = new Node(s)) {
            assertEquals(List.of(b, a), n.registrations.all());
            assertEquals(Optional.of(u), n.uses.find(u.user()));
            assertEquals(List.of(u), List.copyOf(n.uses.usesBy(PHONE)));
        }
        assertEquals("7C2F80123456|1A2B|https://a.example/%MACD|acme|Acme & Söhne|1000|2000", PG.server().psql(
                PgServer.database(s), "SELECT * FROM registration WHERE check_part IS NOT NULL").trim());
    }

    @Test
    void whatOneNodeWritesTheOtherSeesWithoutARestart() throws Exception {
        StoreSettings s = migrated();
        try (Node a = new Node(s); Node b = new Node(s)) {
            a.registrations.put(reg("7C2F80123456-1A2B", "acme", 1));
            eventually(() -> b.registrations.find(PHONE).isPresent(), "b sees a's registration");
            b.registrations.put(reg("7C2F80654321", "acme", 2));
            eventually(() -> a.registrations.find(OTHER).isPresent(), "a sees b's registration");
            assertTrue(b.registrations.remove(PHONE));
            eventually(() -> a.registrations.find(PHONE).isEmpty(), "a sees b's removal");

            StoreException e = assertThrows(StoreException.class, () -> a.registrations.put(reg("7C2F80654321",
                    "other", 3)), "another provider's MAC is never taken over, whatever a node's copy says");
            assertTrue(e.getMessage().contains("registered by another provider"), e.getMessage());
            assertEquals("acme", b.registrations.find(OTHER).orElseThrow().provider());

            a.uses.put(new ActivationUse("1234", PHONE, 1, 1, 1));
            eventually(() -> b.uses.usesBy(PHONE).size() == 1, "b sees a's code use (a phone's later check)");
        }
    }

    @Test
    void aOneShotCodeIsWonOnceAcrossNodesEvenWhenACopyIsBehind() throws Exception {
        StoreSettings s = migrated();
        ActivationCode once = code("12387426549864", ActivationCode.Lock.ONE_SHOT);
        try (Node a = new Node(s); Node b = new Node(s)) {
            b.changes.close(); // b's copy stops following: it still believes the code unused
            assertInstanceOf(Activations.Granted.class, new Activations(a.uses, () -> 10).use(once, PHONE));
            assertEquals(Optional.empty(), b.uses.find(once.user()));
            Activations.Refused r = assertInstanceOf(Activations.Refused.class,
                    new Activations(b.uses, () -> 20).use(once, OTHER));
            assertEquals("code_spent", r.reason());
            assertEquals(PHONE, r.boundTo());
        }
        assertEquals("12387426549864|7C2F80123456|1", PG.server().psql(PgServer.database(s),
                "SELECT code, mac, uses FROM activation_use").trim());
    }

    @Test
    void whileTheDatabaseIsDownWritesFailLookupsServeAndTheCopiesCatchUpAfter() throws Exception {
        StoreSettings s = migrated();
        try (LoggerTap log = new LoggerTap(PgChanges.class); Node a = new Node(s); Node b = new Node(s)) {
            a.registrations.put(reg("7C2F80123456", "acme", 1));
            eventually(() -> b.registrations.find(PHONE).isPresent(), "b sees a's registration");
            PG.server().stop();
            assertThrows(StoreException.class, () -> a.registrations.put(reg("7C2F80654321", "acme", 2)));
            assertThrows(StoreException.class, () -> a.uses.put(new ActivationUse("1234", PHONE, 1, 1, 1)));
            assertTrue(b.registrations.find(PHONE).isPresent(), "the redirect keeps its copy");
            eventually(() -> log.count("store.changes.unavailable") >= 2, "both nodes say they lost the database");
            long reloads = b.changes.reloads();

            PG.server().startAgain();
            eventually(() -> b.changes.reloads() > reloads, "b follows again");
            a.registrations.put(reg("7C2F80654321", "acme", 3));
            a.uses.put(new ActivationUse("1234", PHONE, 1, 1, 1));
            eventually(() -> b.registrations.find(OTHER).isPresent() && b.uses.find("1234").isPresent(),
                    "b sees what a wrote after the outage");
            assertTrue(log.count("store.changes.recovered") >= 2, log.text());
            assertTrue(log.count("store.changes.unavailable") <= 4, "rate-limited: " + log.text());
        }
    }
}
