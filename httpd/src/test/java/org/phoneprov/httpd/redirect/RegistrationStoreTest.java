package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;

class RegistrationStoreTest {
    @TempDir
    Path stateDir;

    private static Registration reg(String macId, String url, long t) {
        return new Registration(MacId.parse(macId).orElseThrow(), url, "acme", "peoplefone", t, t);
    }

    private Path file() {
        return stateDir.resolve(RegistrationStore.FILE_NAME);
    }

    @Test
    void rowsSurviveCloseAndReopenWithEveryColumn() throws Exception {
        Registration a = new Registration(MacId.parse("7C2F80123456-1A2B").orElseThrow(), "https://a.example/%MACD",
                "acme", "Acme & Söhne", 1_000, 2_000);
        Registration b = reg("589EC6000001", "http://b.example/", 3_000);
        try (RegistrationStore s = RegistrationStore.open(stateDir)) {
            s.put(a);
            s.put(b);
            s.put(reg("7C2F80000009", "http://gone.example/", 4_000));
            assertTrue(s.remove(Mac.parse("7C2F80000009").orElseThrow()));
            assertFalse(s.remove(Mac.parse("7C2F80000009").orElseThrow()));
        }
        try (RegistrationStore s = RegistrationStore.open(stateDir)) {
            assertEquals(List.of(b, a), s.all()); // by MAC
            assertEquals(Optional.of(a), s.find(a.mac()));
            assertEquals(Optional.empty(), s.find(Mac.parse("7C2F80000009").orElseThrow()));
        }
    }

    @Test
    void theFileHoldsTheDocumentedSchema() throws Exception {
        try (RegistrationStore s = RegistrationStore.open(stateDir)) {
            s.put(reg("7C2F80123456-1a2b", "http://a.example/", 7));
            assertEquals(file(), s.file());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertEquals(RegistrationStore.SCHEMA_VERSION, rs.getInt(1));
            }
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT mac, check_part, url, provider, profile, created_at, updated_at"
                    + " FROM registration")) {
                assertTrue(rs.next());
                assertEquals("7C2F80123456", rs.getString(1));
                assertEquals("1A2B", rs.getString(2));
                assertEquals("http://a.example/", rs.getString(3));
                assertEquals("acme", rs.getString(4));
                assertEquals("peoplefone", rs.getString(5));
                assertEquals(7, rs.getLong(6));
                assertEquals(7, rs.getLong(7));
            }
        }
    }

    @Test
    void aBareMacIsStoredWithoutCheckPart() throws Exception {
        try (RegistrationStore s = RegistrationStore.open(stateDir)) {
            s.put(reg("7C:2F:80:12:34:56", "http://a.example/", 1));
        }
        try (RegistrationStore s = RegistrationStore.open(stateDir)) {
            assertEquals(Optional.empty(), s.find(Mac.parse("7C2F80123456").orElseThrow()).orElseThrow().macId().check());
        }
    }

    @Test
    void aTruncatedFileIsRefusedAndLeftAlone() throws Exception {
        Files.write(file(), "SQLite format 3\0abc".getBytes(StandardCharsets.US_ASCII));
        byte[] before = Files.readAllBytes(file());
        StoreException e = assertThrows(StoreException.class, () -> RegistrationStore.open(stateDir));
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("will not reset"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftAlone() throws Exception {
        byte[] junk = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        Files.write(file(), junk);
        StoreException e = assertThrows(StoreException.class, () -> RegistrationStore.open(stateDir));
        assertTrue(e.getMessage().contains("not a SQLite database"), e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(file()));
    }

    @Test
    void aDamagedPageIsRefused() throws Exception {
        try (RegistrationStore s = RegistrationStore.open(stateDir)) {
            for (int i = 0; i < 200; i++) {
                s.put(reg(String.format("7C2F80%06X", i), "http://a.example/" + "p".repeat(100), i));
            }
        }
        byte[] b = Files.readAllBytes(file());
        for (int i = 4096 + 100; i < Math.min(b.length, 3 * 4096); i++) {
            b[i] = (byte) 0xA5; // scribble over the second and third pages
        }
        Files.write(file(), b);
        StoreException e = assertThrows(StoreException.class, () -> RegistrationStore.open(stateDir));
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertArrayEquals(b, Files.readAllBytes(file()));
    }

    @Test
    void anotherSqliteDatabaseIsRefused() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE lease (address INTEGER)");
        }
        StoreException e = assertThrows(StoreException.class, () -> RegistrationStore.open(stateDir));
        assertTrue(e.getMessage().contains("not a phoneprov redirect database"), e.getMessage());
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        RegistrationStore.open(stateDir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> RegistrationStore.open(stateDir));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void aBadRowIsNamedNotDropped() throws Exception {
        RegistrationStore.open(stateDir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement st = c.createStatement()) {
            st.execute("INSERT INTO registration VALUES ('7c2f80123456', NULL, 'http://a/', 'acme', 'p', 1, 1)");
        }
        StoreException e = assertThrows(StoreException.class, () -> RegistrationStore.open(stateDir));
        assertTrue(e.getMessage().contains("mac=7c2f80123456"), e.getMessage());
    }

    @Test
    void aClosedStoreRefusesWrites() throws Exception {
        RegistrationStore s = RegistrationStore.open(stateDir);
        s.close();
        s.close();
        assertThrows(StoreException.class, () -> s.put(reg("7C2F80123456", "http://a/", 1)));
        assertThrows(StoreException.class, () -> s.remove(Mac.parse("7C2F80123456").orElseThrow()));
    }

    @Test
    void theStateDirectoryIsCreated() throws Exception {
        Path deeper = stateDir.resolve("a/b");
        try (RegistrationStore s = RegistrationStore.open(deeper)) {
            s.put(reg("7C2F80123456", "http://a/", 1));
        }
        assertTrue(Files.exists(deeper.resolve(RegistrationStore.FILE_NAME)));
        assertFalse(Files.exists(deeper.resolve(RegistrationStore.FILE_NAME + ".new")));
    }
}
