package org.phoneprov.httpd.redirect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.pg.PgChanges;
import org.phoneprov.common.pg.PgDatabase;

/**
 * The redirect registrations in the {@code registration} table of the PostgreSQL store, which
 * several nodes share: the SQLite store's rows and behaviour ({@link RegistrationRows}). As there,
 * {@link #find} reads an in-memory copy, so a redirect never waits for the database; the copy
 * follows the other nodes' writes through {@link PgChanges} (each write notifies
 * {@link #CHANNEL} with its MAC), and keeps serving while the database is away. Each
 * {@link #put}/{@link #remove} is one transaction, committed (durably: {@link PgDatabase} keeps
 * {@code synchronous_commit} on) before it returns; call them off the event loop.
 */
public final class PgRegistrationStore extends RegistrationCopy implements PgChanges.Follower {
    public static final String CHANNEL = "phoneprov_registration";

    private final PgDatabase db;
    private final String where;

    private PgRegistrationStore(PgDatabase db, String where, List<Registration> rows) {
        super(rows);
        this.db = db;
        this.where = where;
    }

    /** Reads every row of {@code db} (whose schema is checked); then give it to a {@link PgChanges} to follow. */
    public static PgRegistrationStore open(PgDatabase db) throws StoreException {
        String where = "registration table of " + db.url();
        return new PgRegistrationStore(db, where,
                db.read("reading registrations", c -> RegistrationRows.readAll(c, where, "psql")));
    }

    @Override
    public void put(Registration r) throws StoreException {
        int n = db.write("writing the registration of " + r.mac().hex(), c -> {
            try (PreparedStatement upsert = c.prepareStatement(RegistrationRows.UPSERT)) {
                RegistrationRows.bind(upsert, r);
                return notified(c, upsert.executeUpdate(), r.mac());
            }
        });
        if (n == 0) {
            throw RegistrationRows.taken(r, where);
        }
        keep(r); // only once it is committed
    }

    @Override
    public boolean remove(Mac mac) throws StoreException {
        int n = db.write("removing the registration of " + mac.hex(), c -> {
            try (PreparedStatement delete = c.prepareStatement(RegistrationRows.DELETE)) {
                delete.setString(1, mac.hex());
                return notified(c, delete.executeUpdate(), mac);
            }
        });
        forget(mac);
        return n > 0;
    }

    /** Tells the other nodes, in the same transaction, when {@code rows} changed; a change of no row tells no one. */
    private static int notified(Connection c, int rows, Mac mac) throws SQLException {
        if (rows > 0) {
            PgChanges.notify(c, CHANNEL, mac.hex());
        }
        return rows;
    }

    @Override
    public void reload(Connection c) throws SQLException, StoreException {
        replace(RegistrationRows.readAll(c, where, "psql"));
    }

    @Override
    public void changed(Connection c, String key) throws SQLException, StoreException {
        Optional<Mac> mac = Mac.parse(key);
        if (mac.isPresent()) {
            RegistrationRows.readOne(c, mac.get(), where, "psql").ifPresentOrElse(this::keep, () -> forget(mac.get()));
        }
    }
}
