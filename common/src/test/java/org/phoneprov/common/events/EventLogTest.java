package org.phoneprov.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.mac.Mac;

class EventLogTest {
    @TempDir
    Path state;

    static Event event(int i, Optional<Mac> mac) throws Exception {
        return new Event(Instant.ofEpochMilli(1_700_000_000_000L + i), "httpd", "GET", mac, "/ST2030S_" + i + ".txt",
                "200", 400 + i, 50, Optional.of(new InetSocketAddress(InetAddress.getByName("10.77.0.2"), 40000 + i)));
    }

    @Test
    void codecRoundTripsEveryField() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(EventCodec.MAX_RECORD * 3);
        Event a = event(1, Mac.parse("00147FE147B3"));
        Event v6 = new Event(Instant.ofEpochMilli(5), "tftpd", "RRQ", Optional.empty(), "C:\\ip_phones\\é.zz", "timeout",
                0, 7, Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 69)));
        Event none = new Event(Instant.ofEpochMilli(6), "httpd", "INVALID", Optional.empty(), "", "400", 0, 0, Optional.empty());
        EventCodec.encode(a, b);
        EventCodec.encode(v6, b);
        EventCodec.encode(none, b);
        b.flip();
        assertEquals(a, EventCodec.decode(b).orElseThrow());
        assertEquals(v6, EventCodec.decode(b).orElseThrow());
        assertEquals(none, EventCodec.decode(b).orElseThrow());
        assertTrue(EventCodec.decode(b).isEmpty());
    }

    @Test
    void aTornOrDamagedRecordEndsTheReadingNotTheProgram() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(EventCodec.MAX_RECORD * 2);
        EventCodec.encode(event(1, Optional.empty()), b);
        int firstEnd = b.position();
        EventCodec.encode(event(2, Optional.empty()), b);
        b.flip();
        ByteBuffer torn = b.duplicate().limit(b.limit() - 3);
        assertTrue(EventCodec.decode(torn).isPresent());
        assertTrue(EventCodec.decode(torn).isEmpty(), "a torn last record is not read");
        ByteBuffer flipped = b.duplicate();
        flipped.put(firstEnd + 20, (byte) (flipped.get(firstEnd + 20) ^ 1));
        assertTrue(EventCodec.decode(flipped).isPresent());
        assertTrue(EventCodec.decode(flipped).isEmpty(), "a damaged record fails its checksum");
    }

    @Test
    void recordsAreReadBackPerDeviceInOrderAcrossRestarts() throws Exception {
        Optional<Mac> alice = Mac.parse("00147FE147B3");
        try (EventLog log = EventLog.open(state)) {
            for (int i = 0; i < 1000; i++) {
                log.record(event(i, i % 10 == 0 ? alice : Optional.empty()));
            }
            log.flush();
            assertEquals(100, EventLog.read(state, alice, 1000).size());
        }
        try (EventLog log = EventLog.open(state)) {
            log.record(event(5000, alice));
            log.flush();
        }
        List<Event> last = EventLog.read(state, alice, 3);
        assertEquals(List.of(980L + 400, 990L + 400, 5000L + 400), last.stream().map(Event::bytes).toList());
        assertEquals(1001, EventLog.read(state, Optional.empty(), 5000).size());
    }

    @Test
    void garbageAppendedToASegmentIsIgnored() throws Exception {
        try (EventLog log = EventLog.open(state)) {
            log.record(event(1, Optional.empty()));
            log.flush();
        }
        Path seg = Files.list(state.resolve("events")).findFirst().orElseThrow();
        Files.write(seg, new byte[] {0x7f, 0x7f, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND);
        assertEquals(1, EventLog.read(state, Optional.empty(), 10).size());
    }

    @Test
    void twoProcessesWritingTheSameStateNeverShareASegment() throws Exception {
        // The running suite and a `phoneprov notify` beside it: each opens its own next segment.
        EventLog daemon = EventLog.open(state);
        EventLog cli = EventLog.open(state);
        daemon.record(event(1, Optional.empty()));
        cli.record(event(2, Optional.empty()));
        daemon.flush();
        cli.flush();
        cli.close();
        daemon.close();
        List<Event> all = EventLog.read(state, Optional.empty(), 10);
        assertEquals(2, all.size(), all.toString());
    }

    @Test
    void aQueryPicksByPhoneDaemonAndTimeWindowAndKeepsTheLast() throws Exception {
        Optional<Mac> alice = Mac.parse("00147FE147B3");
        try (EventLog log = EventLog.open(state)) {
            for (int i = 0; i < 10; i++) {
                Event e = event(i, i % 2 == 0 ? alice : Optional.empty());
                log.record(i < 5 ? e : new Event(e.time(), "tftpd", "RRQ", e.device(), e.file(), "ok", e.bytes(),
                        e.micros(), e.client()));
            }
            log.flush();
            Instant t0 = event(0, Optional.empty()).time();
            EventQuery q = new EventQuery(alice, Optional.of("tftpd"), Optional.of(t0.plusMillis(6)),
                    Optional.of(t0.plusMillis(9)), 10);
            assertEquals(List.of(406L, 408L), log.read(q).stream().map(Event::bytes).toList(), "since in, until out");
            assertEquals(List.of(408L), EventLog.history(state).read(new EventQuery(alice, Optional.empty(),
                    Optional.empty(), Optional.empty(), 1)).stream().map(Event::bytes).toList(), "the last one");
        }
    }
}
