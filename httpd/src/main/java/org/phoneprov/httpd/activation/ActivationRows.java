package org.phoneprov.httpd.activation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.store.Rows;

/**
 * The {@code activation_use} table as both stores hold it, the SQLite file and the PostgreSQL
 * database (migration V3): the same columns and statements, one way to bind and read a row.
 */
final class ActivationRows {
    static final String TABLE = "activation_use";
    static final String CREATE = "CREATE TABLE " + TABLE + " ("
            + " code TEXT PRIMARY KEY," // provider id + code, the digest user; never the password
            + " mac TEXT NOT NULL," // 12 upper-case hex digits: the phone that used it first
            + " first_at INTEGER NOT NULL," // epoch ms
            + " last_at INTEGER NOT NULL," // epoch ms
            + " uses INTEGER NOT NULL)";
    static final String UPSERT = "INSERT INTO " + TABLE + " (code, mac, first_at, last_at, uses)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET mac = excluded.mac,"
            + " first_at = excluded.first_at, last_at = excluded.last_at, uses = excluded.uses";
    /** A first use, only if the code has none: what makes two nodes racing for a one-shot code safe. */
    static final String CLAIM = "INSERT INTO " + TABLE + " (code, mac, first_at, last_at, uses)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING";
    static final String SELECT_ALL = "SELECT code, mac, first_at, last_at, uses FROM " + TABLE;
    static final String SELECT_ONE = SELECT_ALL + " WHERE code = ?";

    private ActivationRows() {
    }

    static void bind(PreparedStatement st, ActivationUse u) throws SQLException {
        st.setString(1, u.user());
        st.setString(2, u.mac().hex());
        st.setLong(3, u.firstAt());
        st.setLong(4, u.lastAt());
        st.setLong(5, u.uses());
    }

    /** Every use; {@code where} and {@code tool} name the file or database in an error. */
    static List<ActivationUse> readAll(Connection c, String where, String tool) throws SQLException, StoreException {
        return Rows.all(c, SELECT_ALL, rs -> row(rs, where, tool));
    }

    static Optional<ActivationUse> readOne(Connection c, String code, String where, String tool)
            throws SQLException, StoreException {
        return Rows.one(c, SELECT_ONE, code, rs -> row(rs, where, tool));
    }

    private static ActivationUse row(ResultSet rs, String where, String tool) throws SQLException, StoreException {
        String code = rs.getString(1);
        Optional<Mac> mac = Optional.ofNullable(rs.getString(2)).filter(m -> m.matches("[0-9A-F]{12}"))
                .flatMap(Mac::parse);
        if (code == null || code.isEmpty() || mac.isEmpty()) {
            throw new StoreException(where + ": row code=" + code + " is not a valid use; fix or delete that row with "
                    + tool, null);
        }
        return new ActivationUse(code, mac.get(), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
}
