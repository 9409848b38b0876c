package org.phoneprov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.testsupport.PgServer;

/** {@code phoneprov db migrate|status}, {@code phoneprov leases} and {@code events} on a real PostgreSQL server. */
class DbCommandTest {
    @TempDir
    Path dir;

    Path config(String store) throws Exception {
        Files.createDirectories(dir.resolve("files"));
        return Files.writeString(dir.resolve("phoneprov.yaml"), """
                suite: {address: 192.0.2.10}
                paths: {files: files, state: state}
                """ + store);
    }

    @Test
    void anSqliteStoreHasNothingToMigrate() throws Exception {
        CliTest.Run r = CliTest.cli("db", "migrate", "--config", config("").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("the store is SQLite"), r.out());
    }

    @Test
    void statusSaysWhatToRunMigrateAppliesOnceAndLeasesThenReadsTheTable() throws Exception {
        PgServer.require();
        try (PgServer pg = PgServer.start()) {
            pg.createRole("pp", "pw");
            pg.createDatabase("pp", "pp");
            Files.writeString(dir.resolve("db.password"), "pw\n");
            String cfg = config("store: {type: postgresql, url: \"" + pg.url("pp") + "\", user: pp,"
                    + " password_file: db.password}\n").toString();

            CliTest.Run status = CliTest.cli("db", "status", "--config", cfg);
            assertEquals(1, status.code(), status.out() + status.err());
            assertTrue(status.out().contains("has no phoneprov schema yet; run 'phoneprov db migrate"), status.out());
            CliTest.Run leases = CliTest.cli("leases", "--config", cfg);
            assertEquals(1, leases.code());
            assertTrue(leases.err().contains("phoneprov db migrate"), leases.err());

            CliTest.Run first = CliTest.cli("db", "migrate", "--config", cfg);
            assertEquals(0, first.code(), first.err());
            assertTrue(first.out().contains("db migrate: " + pg.url("pp") + " schema version 0 -> 4: applied V1 leases, V2 events, V3 gigaset, V4 acs"),
                    first.out());
            CliTest.Run again = CliTest.cli("db", "migrate", "--config", cfg);
            assertTrue(again.out().contains("is at schema version 4; nothing to do"), again.out());
            assertEquals(0, CliTest.cli("db", "status", "--config", cfg).code());

            pg.psql("pp", "INSERT INTO lease VALUES (168624385, '00147F770001', 'st2030', 4102444800000, 'ACTIVE', 1)");
            leases = CliTest.cli("leases", "--config", cfg);
            assertEquals(0, leases.code(), leases.err());
            assertTrue(leases.out().contains("10.13.1.1") && leases.out().contains("00:14:7F:77:00:01"), leases.out());

            pg.psql("pp", "INSERT INTO event (at, node, daemon, action, mac, file, result, bytes, micros, client,"
                    + " client_port) VALUES (now(), 'node-b', 'httpd', 'GET', '00147F770001', '/ST2030S_x.txt', '200',"
                    + " 512, 900, '10.13.1.1', 40000)");
            CliTest.Run events = CliTest.cli("events", "--config", cfg, "--mac", "00:14:7f:77:00:01");
            assertEquals(0, events.code(), events.err());
            assertTrue(events.out().contains("/ST2030S_x.txt") && events.out().contains("10.13.1.1:40000"),
                    "another node's event, read from the shared table: " + events.out());
        }
    }

    @Test
    void anUnreachableDatabaseIsAnErrorNamingIt() throws Exception {
        String cfg = config("store: {type: postgresql, url: \"jdbc:postgresql://127.0.0.1:1/pp\", user: pp}\n")
                .toString();
        CliTest.Run r = CliTest.cli("db", "migrate", "--config", cfg);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot connect to PostgreSQL jdbc:postgresql://127.0.0.1:1/pp as pp:"), r.err());
    }
}
