package org.phoneprov.httpd.redirect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;
import org.phoneprov.common.store.Rows;

/**
 * The {@code registration} table as both stores hold it, the SQLite file and the PostgreSQL
 * database (migration V3): the same columns and statements (SQLite's upsert is PostgreSQL's), one
 * way to bind a row and to read one back, checked.
 */
final class RegistrationRows {
    static final String TABLE = "registration";
    static final String CREATE = "CREATE TABLE " + TABLE + " ("
            + " mac TEXT PRIMARY KEY," // 12 upper-case hex digits
            + " check_part TEXT," // the MAC-ID's 4 characters, upper case; NULL when registered by bare MAC
            + " url TEXT NOT NULL," // where the phone is redirected
            + " provider TEXT NOT NULL," // the authenticated account that registered it
            + " profile TEXT NOT NULL," // the profile/provider name given in registerDevice
            + " created_at INTEGER NOT NULL," // epoch ms
            + " updated_at INTEGER NOT NULL)"; // epoch ms
    /**
     * Insert, or update a row of the same provider. Another provider's row is left alone (no row
     * changed): the registry never asks that, but two nodes sharing a database may race for a MAC.
     */
    static final String UPSERT = "INSERT INTO " + TABLE
            + " (mac, check_part, url, provider, profile, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (mac) DO UPDATE SET check_part = excluded.check_part, url = excluded.url,"
            + " provider = excluded.provider, profile = excluded.profile, created_at = excluded.created_at,"
            + " updated_at = excluded.updated_at WHERE " + TABLE + ".provider = excluded.provider";
    static final String DELETE = "DELETE FROM " + TABLE + " WHERE mac = ?";
    static final String SELECT_ALL =
            "SELECT mac, check_part, url, provider, profile, created_at, updated_at FROM " + TABLE;
    static final String SELECT_ONE = SELECT_ALL + " WHERE mac = ?";
    private static final Pattern HEX12 = Pattern.compile("[0-9A-F]{12}");

    private RegistrationRows() {
    }

    static void bind(PreparedStatement upsert, Registration r) throws SQLException {
        upsert.setString(1, r.mac().hex());
        upsert.setString(2, r.macId().check().orElse(null));
        upsert.setString(3, r.url());
        upsert.setString(4, r.provider());
        upsert.setString(5, r.profile());
        upsert.setLong(6, r.createdAt());
        upsert.setLong(7, r.updatedAt());
    }

    /** What a put that changed no row means: the MAC is another provider's. */
    static StoreException taken(Registration r, String where) {
        return new StoreException(where + ": MAC " + r.mac().hex() + " was registered by another provider"
                + " meanwhile (another node); nothing was changed", null);
    }

    /** Every row; {@code where} and {@code tool} name the file or database in an error. */
    static List<Registration> readAll(Connection c, String where, String tool) throws SQLException, StoreException {
        return Rows.all(c, SELECT_ALL, rs -> row(rs, where, tool));
    }

    /** The row of {@code mac}, if there is one. */
    static Optional<Registration> readOne(Connection c, Mac mac, String where, String tool)
            throws SQLException, StoreException {
        return Rows.one(c, SELECT_ONE, mac.hex(), rs -> row(rs, where, tool));
    }

    private static Registration row(ResultSet rs, String where, String tool) throws SQLException, StoreException {
        String macText = rs.getString(1);
        String check = rs.getString(2);
        String url = rs.getString(3);
        String provider = rs.getString(4);
        String profile = rs.getString(5);
        Optional<MacId> id = macText != null && HEX12.matcher(macText).matches()
                ? MacId.parse(check == null ? macText : macText + "-" + check)
                : Optional.empty();
        if (id.isEmpty() || (check != null && !id.get().check().orElse("").equals(check))
                || url == null || url.isEmpty() || provider == null || provider.isEmpty() || profile == null) {
            throw new StoreException(where + ": row mac=" + macText + " check_part=" + check
                    + " is not a valid registration; fix or delete that row with " + tool, null);
        }
        return new Registration(id.get(), url, provider, profile, rs.getLong(6), rs.getLong(7));
    }
}
