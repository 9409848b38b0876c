package org.phoneprov.common.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.phoneprov.common.mac.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event history: an append-only log of checksummed records in numbered segment
 * files under {@code <state>/events/}, the oldest deleted past a size cap, like a
 * journal. One background thread encodes and writes, so a request never waits for the
 * disk; when the queue is full an event is dropped and counted.
 *
 * <p>Why not a table: at the request rates httpd is built for (100,000+ a second on two
 * cores), a database row per request costs about 3 µs, a third of a core; appending a
 * record costs a few hundred nanoseconds. Events are written once, never updated, and
 * read back by scanning for one phone, which a log does well. Several nodes sharing one
 * history is what {@link PgEventLog} is for ({@code store: {type: postgresql}}): the same queue,
 * its writer sending a batch per multi-row INSERT, so a request still pays only the queue.
 */
public final class EventLog extends QueuedEventStore {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    static final long SEGMENT_BYTES = 16L << 20;
    static final int KEEP_SEGMENTS = 16;
    private static final String PREFIX = "events-";
    private static final String SUFFIX = ".log";

    private final Path stateDir;
    private final Path dir;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private final Thread writer;
    private FileChannel segment;
    private long segmentNumber;
    private long segmentSize;

    private EventLog(Path stateDir, Path dir, long next) {
        this.stateDir = stateDir;
        this.dir = dir;
        this.segmentNumber = next;
        this.writer = new Thread(this::drain, "events-writer");
        this.writer.setDaemon(true);
    }

    /** Opens the log in {@code <stateDir>/events}, starting a new segment after the existing ones. */
    public static EventLog open(Path stateDir) throws StoreException {
        Path dir = stateDir.resolve("events");
        try {
            Files.createDirectories(dir);
            List<Path> existing = segments(dir);
            long next = existing.isEmpty() ? 1 : number(existing.get(existing.size() - 1)) + 1;
            EventLog log = new EventLog(stateDir, dir, next);
            log.openSegment();
            log.writer.start();
            return log;
        } catch (IOException e) {
            throw new StoreException("cannot open the event log in " + dir + ": " + e.getMessage()
                    + " (check that the state folder exists and is writable by this user)", e);
        }
    }

    /** Reads the log without writing to it, for {@code phoneprov events}. */
    public static List<Event> read(Path stateDir, Optional<Mac> mac, int limit) throws IOException {
        return read(stateDir, EventQuery.last(mac, limit));
    }

    /** The events of {@code q} in the log under {@code stateDir}, oldest first. */
    public static List<Event> read(Path stateDir, EventQuery q) throws IOException {
        return read(stateDir, q::test, q.limit());
    }

    /** The log under {@code stateDir} for a tool that only reads it. */
    public static EventHistory history(Path stateDir) {
        return new EventHistory() {
            @Override
            public List<Event> read(EventQuery q) throws IOException {
                return EventLog.read(stateDir, q);
            }

            @Override
            public void scan(Consumer<Event> each) throws IOException {
                EventLog.scan(stateDir, each);
            }
        };
    }

    @Override
    public List<Event> read(EventQuery q) throws IOException {
        return read(stateDir, q);
    }

    @Override
    public void scan(Consumer<Event> each) throws IOException {
        scan(stateDir, each);
    }

    /** The last {@code limit} events that pass {@code filter}, oldest first. */
    public static List<Event> read(Path stateDir, Predicate<Event> filter, int limit) throws IOException {
        Deque<Event> last = new ArrayDeque<>(Math.max(1, Math.min(limit, 100_000)));
        if (limit <= 0) {
            return List.of();
        }
        scan(stateDir, e -> {
            if (filter.test(e)) {
                if (last.size() == limit) {
                    last.removeFirst();
                }
                last.addLast(e);
            }
        });
        return List.copyOf(last);
    }

    /** Every event of the log, oldest first, handed over one at a time: nothing is kept. */
    public static void scan(Path stateDir, Consumer<Event> each) throws IOException {
        Path dir = stateDir.resolve("events");
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (Path p : segments(dir)) {
            ByteBuffer in;
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                in = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            } catch (IOException e) {
                continue; // deleted by rotation while we listed it
            }
            for (Optional<Event> e = EventCodec.decode(in); e.isPresent(); e = EventCodec.decode(in)) {
                each.accept(e.get());
            }
        }
    }

    private void drain() {
        List<Event> batch = new ArrayList<>(4096);
        while (queue.running()) {
            try {
                queue.awaitBatch(batch, 4096);
                if (!batch.isEmpty()) {
                    for (Event e : batch) {
                        if (buffer.remaining() < EventCodec.MAX_RECORD) {
                            writeBuffer();
                        }
                        EventCodec.encode(e, buffer);
                    }
                    if (queue.isEmpty()) {
                        writeBuffer();
                    }
                    queue.written(batch.size());
                    listeners.tell(batch);
                    batch.clear();
                }
                queue.reportDrops(d -> LOG.warn("events.dropped total={} (the event queue was full; requests were"
                        + " still served)", d));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException ex) {
                LOG.warn("events.write_failed dir={} error=\"{}\" lost={}", dir, ex.getMessage(), batch.size());
                queue.lost(batch.size());
                batch.clear();
                buffer.clear();
            }
        }
        try {
            writeBuffer();
        } catch (IOException e) {
            LOG.warn("events.write_failed dir={} error=\"{}\"", dir, e.getMessage());
        }
    }

    private void writeBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            segmentSize += segment.write(buffer);
        }
        buffer.clear();
        if (segmentSize >= SEGMENT_BYTES) {
            segment.close();
            segmentNumber++;
            openSegment();
            prune();
        }
    }

    /**
     * A segment of our own: another process (a {@code phoneprov notify} beside the running
     * suite) may have taken the next number, so a taken number is skipped, never shared.
     */
    private void openSegment() throws IOException {
        for (int tries = 0; ; tries++) {
            try {
                segment = FileChannel.open(dir.resolve(String.format("%s%08d%s", PREFIX, segmentNumber, SUFFIX)),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                segmentSize = 0;
                return;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (tries >= 1000) {
                    throw e;
                }
                segmentNumber++;
            }
        }
    }

    private void prune() throws IOException {
        List<Path> all = segments(dir);
        for (int i = 0; i < all.size() - KEEP_SEGMENTS; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static List<Path> segments(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : ds) {
                if (number(p) >= 0) {
                    out.add(p);
                }
            }
        }
        out.sort((a, b) -> Long.compare(number(a), number(b)));
        return out;
    }

    private static long number(Path p) {
        String n = p.getFileName().toString();
        try {
            return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        queue.close();
        try {
            writer.join(5_000);
            segment.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("events.close_failed error=\"{}\"", e.getMessage());
        }
    }
}
