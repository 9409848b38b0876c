package org.phoneprov.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store:}: SQLite by default, or a PostgreSQL database (issue 14, item 1). */
class StoreConfigTest {
    @TempDir
    Path dir;

    private LoadResult load(String store) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, TestConfigs.MINIMAL + store));
    }

    private String errors(String store) throws Exception {
        LoadResult r = load(store);
        assertFalse(r.isOk(), "expected errors");
        return String.join("\n", r.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void withoutStoreTheSuiteUsesSqlite() throws Exception {
        LoadResult r = load("");
        assertTrue(r.isOk(), r.problems().toString());
        assertEquals(StoreSettings.SQLITE, r.config().orElseThrow().store());
        assertEquals(StoreSettings.SQLITE, load("store: {type: sqlite}\n").config().orElseThrow().store());
    }

    @Test
    void postgresqlReadsTheUrlUserAndThePasswordFromItsFile() throws Exception {
        Files.writeString(dir.resolve("db.password"), "s3cret pass\nignored second line\n");
        LoadResult r = load("""
                store:
                  type: postgresql
                  url: jdbc:postgresql://db.example.lan:5432/phoneprov
                  user: phoneprov
                  password_file: db.password
                  pool_size: 8
                """);
        assertTrue(r.isOk(), r.problems().toString());
        StoreSettings s = r.config().orElseThrow().store();
        assertEquals(StoreSettings.Type.POSTGRESQL, s.type());
        assertEquals("jdbc:postgresql://db.example.lan:5432/phoneprov", s.url());
        assertEquals("phoneprov", s.user());
        assertEquals(Optional.of("s3cret pass"), s.password(), "the first line, relative to the config's folder");
        assertEquals(8, s.poolSize());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertTrue(s.toString().contains("password=***"), s.toString());
    }

    @Test
    void withoutPasswordFileThereIsNoPasswordAndThePoolHasItsDefault() throws Exception {
        StoreSettings s = load("store: {type: postgresql, url: \"jdbc:postgresql://10.0.0.5/pp\", user: pp}\n")
                .config().orElseThrow().store();
        assertEquals(Optional.empty(), s.password());
        assertEquals(StoreSettings.DEFAULT_POOL_SIZE, s.poolSize());
    }

    @Test
    void mistakesAreLocatedAndNeverQuoteThePassword() throws Exception {
        String e = errors("""
                store:
                  type: postgres
                """);
        assertTrue(e.contains(":9:9: store.type: 'postgres' is not a store type; use sqlite or postgresql"), e);

        e = errors("""
                store:
                  type: postgresql
                  url: "postgresql://db/pp"
                  password_file: missing.password
                  pool_size: 0
                """);
        assertTrue(e.contains(":10:8: store.url: expected jdbc:postgresql://HOST[:PORT]/DATABASE"), e);
        assertTrue(e.contains(":9:3: store.user: missing; this key is required"), e);
        assertTrue(e.contains(":11:18: store.password_file: file not found: " + dir.resolve("missing.password")), e);
        assertTrue(e.contains(":12:14: store.pool_size: must be between 1 and 64, found 0"), e);

        e = errors("""
                store:
                  type: postgresql
                  url: "jdbc:postgresql://db/pp?user=pp&password=hunter2"
                  user: pp
                """);
        assertTrue(e.contains("store.url: holds a password; put it in password_file"), e);
        assertFalse(e.contains("hunter2"), e);

        Files.writeString(dir.resolve("empty.password"), "\n");
        e = errors("store: {type: postgresql, url: \"jdbc:postgresql://db/pp\", user: pp, password_file: empty.password}\n");
        assertTrue(e.contains("store.password_file: the first line of"), e);
    }

    @Test
    void sqliteTakesNoDatabaseKeys() throws Exception {
        String e = errors("""
                store:
                  url: "jdbc:postgresql://db/pp"
                  passwd_file: x
                """);
        assertTrue(e.contains(":9:3: store.url: only for type: postgresql"), e);
        assertTrue(e.contains("store.passwd_file"), e);
    }
}
