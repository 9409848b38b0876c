package org.phoneprov.common.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phoneprov.common.events.StoreException;

/**
 * Reading a store's rows with plain JDBC, the same over SQLite and PostgreSQL: every row of a
 * query, or the one row of a key, each turned into a value by a reader that checks it (a row it
 * cannot read is a {@link StoreException} naming it, never skipped).
 */
public final class Rows {
    private Rows() {
    }

    /** Turns the current row into a value, or says why it is not a valid one. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException, StoreException;
    }

    public static <T> List<T> all(Connection c, String sql, Reader<T> reader) throws SQLException, StoreException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            return all(st, reader);
        }
    }

    /** Every row of {@code st}, its parameters already set. */
    public static <T> List<T> all(PreparedStatement st, Reader<T> reader) throws SQLException, StoreException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(reader.read(rs));
            }
        }
        return out;
    }

    /** The row {@code sql} selects with {@code key} as its one parameter, if there is one. */
    public static <T> Optional<T> one(Connection c, String sql, String key, Reader<T> reader)
            throws SQLException, StoreException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        }
    }
}
