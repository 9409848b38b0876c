package org.phoneprov.httpd.activation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.pg.PgChanges;
import org.phoneprov.common.pg.PgDatabase;

/**
 * Uses of activation codes in the {@code activation_use} table of the PostgreSQL store, shared by
 * several nodes: the SQLite store's rows ({@link ActivationRows}), read into memory at start and
 * kept fresh through {@link PgChanges} (each write notifies {@link #CHANNEL} with its code), so a
 * phone's later check ({@link #usesBy}) never waits for the database. A first use is
 * {@link #claim}ed with one INSERT that does nothing when the code has a use already: a one-shot
 * code is won by one phone however many nodes it reaches at once. A use is committed (durably)
 * before the profile it allows is sent.
 */
public final class PgActivationStore extends ActivationCopy implements PgChanges.Follower {
    public static final String CHANNEL = "phoneprov_activation_use";

    private final PgDatabase db;
    private final String where;

    private PgActivationStore(PgDatabase db, String where, List<ActivationUse> rows) {
        super(rows);
        this.db = db;
        this.where = where;
    }

    /** Reads every row of {@code db} (whose schema is checked); then give it to a {@link PgChanges} to follow. */
    public static PgActivationStore open(PgDatabase db) throws StoreException {
        String where = "activation_use table of " + db.url();
        return new PgActivationStore(db, where,
                db.read("reading activation code uses", c -> ActivationRows.readAll(c, where, "psql")));
    }

    @Override
    public void put(ActivationUse u) throws StoreException {
        write(u, ActivationRows.UPSERT);
        keep(u); // only once it is committed
    }

    @Override
    public Optional<ActivationUse> claim(ActivationUse first) throws StoreException {
        if (write(first, ActivationRows.CLAIM) > 0) {
            keep(first);
            return Optional.empty();
        }
        // Another node's use, not yet in our copy.
        Optional<ActivationUse> theirs = db.read("reading an activation code use",
                c -> ActivationRows.readOne(c, first.user(), where, "psql"));
        if (theirs.isEmpty()) { // deleted in between (by an admin): neither ours nor theirs
            throw new StoreException(where + ": the use of code " + first.user().substring(0, 3)
                    + "... changed while it was claimed; try again", null);
        }
        keep(theirs.get());
        return theirs;
    }

    /** One statement and, when it changed a row, its notification, in one transaction; the rows changed. */
    private int write(ActivationUse u, String sql) throws StoreException {
        return db.write("writing an activation code use", c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                ActivationRows.bind(st, u);
                int n = st.executeUpdate();
                if (n > 0) {
                    PgChanges.notify(c, CHANNEL, u.user());
                }
                return n;
            }
        });
    }

    @Override
    public void reload(Connection c) throws SQLException, StoreException {
        replace(ActivationRows.readAll(c, where, "psql"));
    }

    @Override
    public void changed(Connection c, String code) throws SQLException, StoreException {
        ActivationRows.readOne(c, code, where, "psql").ifPresentOrElse(this::keep, () -> forget(code));
    }
}
