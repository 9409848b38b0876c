package org.phoneprov.phonesim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.fetch.FetchResult;

class TftpFetchTest {
    private static final FetchTimeouts FAST =
            new FetchTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100), 3);
    private static final String NAME = "C:\\ip_phones\\st2030\\ST2030S.inf";

    private static byte[] file(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static FakeTftpServer.Script script(byte[] file, int oackBlksize) {
        return FakeTftpServer.Script.serving(file, oackBlksize);
    }

    private static byte[] ok(FetchResult r) {
        return assertInstanceOf(FetchResult.Ok.class, r).body();
    }

    @Test
    void negotiatesOptionsWithAnOack() throws Exception {
        byte[] f = file(5000);
        try (FakeTftpServer s = new FakeTftpServer(script(f, 1468))) {
            assertArrayEquals(f, ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
            FakeTftpServer.Request r = s.requests.get(0);
            assertEquals(NAME, r.name());
            assertEquals("octet", r.mode());
            assertEquals(Map.of("blksize", "1468", "tsize", "0"), r.options());
            assertEquals(1 + 4, s.awaitAcks(1 + 4)); // ACK 0 and four blocks of 1468, the last short
            assertNull(s.failure);
        }
    }

    @Test
    void fallsBackTo512WhenTheServerIgnoresOptions() throws Exception {
        byte[] f = file(1300);
        try (FakeTftpServer s = new FakeTftpServer(script(f, 0))) {
            assertArrayEquals(f, ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
            assertEquals(3, s.awaitAcks(3));
        }
    }

    @Test
    void endsAnExactMultipleWithAnEmptyBlock() throws Exception {
        byte[] f = file(1024);
        try (FakeTftpServer s = new FakeTftpServer(script(f, 0))) {
            assertArrayEquals(f, ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
            assertEquals(3, s.awaitAcks(3)); // blocks 1 and 2 full, block 3 empty
        }
        try (FakeTftpServer s = new FakeTftpServer(script(new byte[0], 0))) {
            assertArrayEquals(new byte[0], ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
        }
    }

    @Test
    void asksAgainWithoutOptionsWhenRefused() throws Exception {
        byte[] f = file(700);
        var sc = new FakeTftpServer.Script(f, 1468, false, false, true, -1, false, false);
        try (FakeTftpServer s = new FakeTftpServer(sc)) {
            assertArrayEquals(f, ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
            assertEquals(2, s.requests.size());
            assertTrue(s.requests.get(1).options().isEmpty());
        }
    }

    @Test
    void error1IsNotFound() throws Exception {
        var sc = new FakeTftpServer.Script(new byte[0], 0, true, false, false, -1, false, false);
        try (FakeTftpServer s = new FakeTftpServer(sc)) {
            FetchResult r = new TftpFetch(null, FAST).read(s.address(), NAME);
            assertEquals("TFTP error 1: File not found", assertInstanceOf(FetchResult.NotFound.class, r).detail());
        }
    }

    @Test
    void aSilentServerIsUnreachableAfterRetries() throws Exception {
        var sc = new FakeTftpServer.Script(new byte[0], 0, false, true, false, -1, false, false);
        try (FakeTftpServer s = new FakeTftpServer(sc)) {
            long start = System.nanoTime();
            assertInstanceOf(FetchResult.Unreachable.class, new TftpFetch(null, FAST).read(s.address(), NAME));
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
            Thread.sleep(50);
            assertEquals(1 + FAST.tftpRetries(), s.requests.size());
        }
    }

    @Test
    void aTransferThatBreaksOffFails() throws Exception {
        var sc = new FakeTftpServer.Script(file(3000), 0, false, false, false, 2, false, false);
        try (FakeTftpServer s = new FakeTftpServer(sc)) {
            FetchResult r = new TftpFetch(null, FAST).read(s.address(), NAME);
            assertTrue(assertInstanceOf(FetchResult.Failed.class, r).detail().contains("after block 2"));
        }
    }

    @Test
    void answersAStrangerWithError5AndCarriesOn() throws Exception {
        byte[] f = file(2000);
        var sc = new FakeTftpServer.Script(f, 0, false, false, false, -1, true, false);
        try (FakeTftpServer s = new FakeTftpServer(sc)) {
            assertArrayEquals(f, ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
            Thread.sleep(50);
            assertEquals(java.util.List.of(5), s.strayErrorCodes);
        }
    }

    @Test
    void sendsTheAckAgainWhenItWasLost() throws Exception {
        byte[] f = file(1200);
        var sc = new FakeTftpServer.Script(f, 0, false, false, false, -1, false, true);
        try (FakeTftpServer s = new FakeTftpServer(sc)) {
            assertArrayEquals(f, ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
            assertEquals(4, s.awaitAcks(4)); // ACK 1 twice
        }
    }

    @Test
    void refusesAFileOverTheLimit() throws Exception {
        try (FakeTftpServer s = new FakeTftpServer(script(file(3000), 1468))) {
            // tsize in the OACK already tells
            assertInstanceOf(FetchResult.Failed.class, new TftpFetch(null, FAST, 1000).read(s.address(), NAME));
        }
        try (FakeTftpServer s = new FakeTftpServer(script(file(3000), 0))) {
            assertInstanceOf(FetchResult.Failed.class, new TftpFetch(null, FAST, 1000).read(s.address(), NAME));
        }
    }

    @Test
    void blockNumbersWrapPast65535() throws Exception {
        // blksize 8: 65,540 blocks, so block numbers run 65535, 0, 1, ...
        byte[] f = file(8 * 65_540 + 3);
        try (FakeTftpServer s = new FakeTftpServer(script(f, 8))) {
            assertArrayEquals(f, ok(new TftpFetch(null, FAST).read(s.address(), NAME)));
        }
    }
}
