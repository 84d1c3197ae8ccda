package dev.wrapup.bot.testing;

import dev.wrapup.persistence.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the bot's database straight, for the few checks no repository asks about. */
public final class Rows {
    private Rows() {}

    /** The first column of the query's first row. */
    public static Object value(Database database, String sql, Object... params) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                return r.getObject(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A count(*) or any other number the query answers. */
    public static long number(Database database, String sql, Object... params) {
        return ((Number) value(database, sql, params)).longValue();
    }
}
