package org.phoneprov.dhcpd.lease;

import org.phoneprov.common.net.Ip4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;

/** A damaged lease file makes open() fail clearly and is left exactly as it was. */
class SqliteLeaseStoreDamageTest {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("leases.db");
    }

    /** A closed store holding a few thousand leases (several pages). */
    void fill() throws Exception {
        try (SqliteLeaseStore store = SqliteLeaseStore.open(dir)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                all.add(store.commit(new Lease(Ip4.parse("10.77.0.0") + i, Mac.of(i), "class-" + i,
                        1000 + i, LeaseState.ACTIVE, i)));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
    }

    StoreException refusedAndUntouched() throws Exception {
        byte[] before = Files.readAllBytes(file());
        StoreException e = assertThrows(StoreException.class, () -> SqliteLeaseStore.open(dir));
        String m = e.getMessage();
        assertTrue(m.contains(file().toString()), "names the file: " + m);
        assertTrue(m.contains("corrupt or truncated"), "says what is wrong: " + m);
        assertTrue(m.contains("will not reset") && m.contains("backup") && m.contains(".recover"),
                "says what to do: " + m);
        assertArrayEquals(before, Files.readAllBytes(file()), "the damaged file is left as it was");
        assertTrue(Files.notExists(dir.resolve("leases.db.new")));
        return e;
    }

    @Test
    void garbageIsRefused() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Files.write(file(), junk);
        assertTrue(refusedAndUntouched().getMessage().contains("not a SQLite database"));
    }

    @Test
    void garbageOverTheMiddleOfARealFileIsRefused() throws Exception {
        fill();
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            byte[] junk = new byte[(int) raf.length() / 2];
            new Random(8).nextBytes(junk);
            raf.seek(raf.length() / 4);
            raf.write(junk);
        }
        refusedAndUntouched();
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        fill();
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        refusedAndUntouched();
    }

    @Test
    void aFileCutInsideTheHeaderIsRefused() throws Exception {
        fill();
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.setLength(40);
        }
        assertTrue(refusedAndUntouched().getMessage().contains("truncated (40 bytes"));
    }

    @Test
    void anEmptyFileIsRefusedRatherThanReset() throws Exception {
        Files.write(file(), new byte[0]);
        refusedAndUntouched();
    }

    @Test
    void textIsRefused() throws Exception {
        Files.writeString(file(), "leases:\n  - 10.77.0.10\n".repeat(50), StandardCharsets.UTF_8);
        refusedAndUntouched();
    }
}
