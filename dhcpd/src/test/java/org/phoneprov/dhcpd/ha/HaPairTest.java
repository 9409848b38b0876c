package org.phoneprov.dhcpd.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.HaSettings;
import org.phoneprov.common.config.HaSettings.Mode;
import org.phoneprov.common.config.HaSettings.Role;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.net.Ip4;
import org.phoneprov.dhcpd.lease.Allocator;
import org.phoneprov.dhcpd.lease.Applied;
import org.phoneprov.dhcpd.lease.Lease;
import org.phoneprov.dhcpd.lease.LeaseState;
import org.phoneprov.dhcpd.lease.Offer;
import org.phoneprov.dhcpd.lease.Pool;
import org.phoneprov.dhcpd.lease.SubnetPools;

/** Two HA nodes talking over loopback HTTP, each with a real allocator: the protocol end to end. */
class HaPairTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final Mac PHONE = Mac.parse("00:14:7f:00:00:01").orElseThrow();
    static final Mac OTHER = Mac.parse("00:14:7f:00:00:02").orElseThrow();
    final List<AutoCloseable> open = new ArrayList<>();

    /** An allocator on its own single thread, as dhcpd's event loop owns it. */
    static final class Side implements HaLeases {
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        final Allocator allocator = new Allocator(List.of(new SubnetPools("10.77.0.0/16", Ip4.toInt(addr("10.77.0.0")),
                16, List.of(new Pool(Ip4.toInt(addr("10.77.1.1")), Ip4.toInt(addr("10.77.1.10")))))), Map.of(),
                30_000, 3_600_000, Clock.systemUTC());

        @Override
        public CompletableFuture<List<Applied>> apply(List<Lease> leases) {
            return CompletableFuture.supplyAsync(() -> leases.stream().map(allocator::apply).toList(), thread);
        }

        @Override
        public CompletableFuture<List<Lease>> snapshot() {
            return CompletableFuture.supplyAsync(allocator::snapshot, thread);
        }

        @Override
        public CompletableFuture<Integer> reloadFromStore() {
            return CompletableFuture.failedFuture(new IllegalStateException("not shared"));
        }

        @Override
        public boolean sharedStore() {
            return false;
        }

        <T> T on(java.util.concurrent.Callable<T> c) throws Exception {
            return thread.submit(c).get(5, TimeUnit.SECONDS);
        }
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static HaSettings settings(String self, int portA, int portB, String secret) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new HaSettings(Mode.HOT_STANDBY, self, List.of(new HaSettings.Peer("a", lo, portA, Role.PRIMARY),
                new HaSettings.Peer("b", lo, portB, Role.STANDBY)), secret, 200, 1_000, 500, 0,
                java.util.Optional.empty());
    }

    HaNode node(HaSettings s, Side side) throws Exception {
        HaNode n = new HaNode(s, side, System::currentTimeMillis);
        n.start();
        open.add(n);
        open.add(side.thread::shutdownNow);
        return n;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static void await(BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void thePairComesUpSharesLeasesRefusesConflictsAndTheSurvivorTakesOver() throws Exception {
        int pa = freePort();
        int pb = freePort();
        Side sa = new Side();
        Side sb = new Side();
        HaNode a = node(settings("a", pa, pb, SECRET), sa);
        HaNode b = node(settings("b", pa, pb, SECRET), sb);
        await(() -> a.state() == HaState.HOT_STANDBY && b.state() == HaState.HOT_STANDBY, "both hot-standby");
        assertTrue(a.waitsForPartner());

        int address = Ip4.toInt(addr("10.77.1.1"));
        long now = System.currentTimeMillis();
        Lease lease = new Lease(address, PHONE, "st2030", now + 3_600_000, LeaseState.ACTIVE, now);
        HaUpdate u = a.replicate(lease).get(5, TimeUnit.SECONDS);
        assertEquals(HaUpdate.Result.TAKEN, u.result());
        assertEquals(List.of(lease), sb.on(sb.allocator::snapshot), "the standby knows the lease");
        Offer o = sb.on(() -> sb.allocator.offer("10.77.0.0/16", OTHER, OptionalInt.empty()));
        assertTrue(((Offer.Address) o).address() != address, "the standby would not offer it to another phone");

        // The standby leases an address to another phone; the primary's lease of it is refused.
        int second = Ip4.toInt(addr("10.77.1.5"));
        Lease theirs = new Lease(second, OTHER, "", now + 3_600_000, LeaseState.ACTIVE, now);
        sb.on(() -> sb.allocator.apply(theirs));
        HaUpdate refused = a.replicate(new Lease(second, PHONE, "", now + 3_600_000, LeaseState.ACTIVE, now + 1))
                .get(5, TimeUnit.SECONDS);
        assertEquals(HaUpdate.Result.CONFLICT, refused.result());
        assertEquals(OTHER, refused.holder().orElseThrow().mac());

        // The primary dies: the standby serves everyone after max_response_delay (1 s).
        long stopped = System.nanoTime();
        a.close();
        await(() -> b.state() == HaState.PARTNER_DOWN, "the standby takes over");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
        assertTrue(tookMillis < 3_000, "took over in " + tookMillis + " ms");

        // It comes back: syncs from the standby (which learned a lease meanwhile), then resumes.
        int third = Ip4.toInt(addr("10.77.1.7"));
        Lease meanwhile = new Lease(third, OTHER, "", now + 3_600_000, LeaseState.ACTIVE, now + 2);
        sb.on(() -> sb.allocator.apply(meanwhile));
        Side sa2 = new Side();
        HaNode a2 = node(settings("a", pa, pb, SECRET), sa2);
        await(() -> a2.state() == HaState.HOT_STANDBY && b.state() == HaState.HOT_STANDBY, "the pair again");
        List<Lease> synced = sa2.on(sa2.allocator::snapshot);
        assertTrue(synced.contains(meanwhile), "the returning primary has the lease decided while it was down: "
                + synced);
    }

    @Test
    void aPartnerWithAnotherSecretIsRefusedAndNeverTrusted() throws Exception {
        int pa = freePort();
        int pb = freePort();
        HaNode a = node(settings("a", pa, pb, SECRET), new Side());
        HaNode b = node(settings("b", pa, pb, "a different secret, also 32 characters"), new Side());
        Thread.sleep(600);
        assertEquals(HaState.WAITING, a.state(), "no answer it can trust yet");
        await(() -> a.state() == HaState.PARTNER_DOWN && b.state() == HaState.PARTNER_DOWN,
                "each serves alone after max_response_delay, as with a partner that is down");
    }

    @Test
    void anUnknownVersionOrAnUnsignedCallGetsARefusalThatSaysWhy() throws Exception {
        int pa = freePort();
        int pb = freePort();
        node(settings("a", pa, pb, SECRET), new Side());
        HttpClient http = HttpClient.newHttpClient();
        byte[] body = "{\"state\":\"waiting\"}".getBytes(StandardCharsets.UTF_8);
        String v2 = new HaAuth(SECRET).sign("b", System.currentTimeMillis(), "POST " + HaWire.HEARTBEAT, body)
                .replace("v=1;", "v=2;");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pa + HaWire.HEARTBEAT))
                .header(HaAuth.HEADER, v2).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("version 2"), r.body());
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pa
                        + HaWire.LEASE_UPDATES)).POST(HttpRequest.BodyPublishers.ofString("{\"leases\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unsigned.statusCode());
        byte[] junk = "{\"leases\":[{\"address\":\"10.77.1.1\"}]}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pa
                        + HaWire.LEASE_UPDATES)).header(HaAuth.HEADER, new HaAuth(SECRET).sign("b",
                        System.currentTimeMillis(), "POST " + HaWire.LEASE_UPDATES, junk))
                .POST(HttpRequest.BodyPublishers.ofByteArray(junk)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), "a signed but malformed update is refused whole");
        assertInstanceOf(String.class, bad.body());
    }
}
