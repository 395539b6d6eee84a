package fr.relais.customer.write;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The maximum lengths of a table's text columns, read from the database's own catalogue
 * ({@code INFORMATION_SCHEMA.COLUMNS.CHARACTER_MAXIMUM_LENGTH}, the same on SQL Server and H2), with documented
 * lengths as the fallback for any column the catalogue does not give. Column names are case-insensitive.
 */
public final class ColumnLengths {

    private static final Logger log = LoggerFactory.getLogger(ColumnLengths.class);

    private final Map<String, Integer> lengths;
    private final boolean fromCatalogue;

    public ColumnLengths(Map<String, Integer> lengths, boolean fromCatalogue) {
        var map = new TreeMap<String, Integer>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(lengths);
        this.lengths = Collections.unmodifiableMap(map);
        this.fromCatalogue = fromCatalogue;
    }

    /** The documented lengths only. */
    public static ColumnLengths documented(Map<String, Integer> lengths) {
        return new ColumnLengths(lengths, false);
    }

    /**
     * Reads the catalogue; a column missing from it keeps its documented length; when the catalogue cannot be
     * read at all, the documented lengths are answered (and {@link #fromCatalogue()} is false).
     *
     * @param table a table name, optionally prefixed by its schema ({@code dbo.F_COMPTET})
     */
    public static ColumnLengths read(DataSource dataSource, String table, Map<String, Integer> documented) {
        String schema = null;
        String name = table;
        int dot = table.indexOf('.');
        if (dot > 0) {
            schema = table.substring(0, dot);
            name = table.substring(dot + 1);
        }
        String sql = "SELECT COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE UPPER(TABLE_NAME) = ?" + (schema == null ? "" : " AND UPPER(TABLE_SCHEMA) = ?");
        Map<String, Integer> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        merged.putAll(documented);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name.toUpperCase(Locale.ROOT));
            if (schema != null) {
                ps.setString(2, schema.toUpperCase(Locale.ROOT));
            }
            int found = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long length = rs.getLong(2);
                    if (!rs.wasNull() && length > 0 && length < Integer.MAX_VALUE) {
                        merged.put(rs.getString(1), (int) length);
                    } else {
                        merged.remove(rs.getString(1)); // not text, or varchar(max): no limit
                    }
                    found++;
                }
            }
            if (found == 0) {
                log.warn("Table {} not found in the database's catalogue: documented column lengths used", table);
                return new ColumnLengths(documented, false);
            }
            return new ColumnLengths(merged, true);
        } catch (SQLException e) {
            log.warn("Cannot read the column lengths of {} from the database's catalogue ({}): documented lengths used",
                    table, e.getMessage());
            return new ColumnLengths(documented, false);
        }
    }

    /**
     * A supplier that reads the lengths on first use and keeps them once read from the catalogue; after a
     * fallback to the documented lengths it reads the catalogue again at most once a minute.
     */
    public static java.util.function.Supplier<ColumnLengths> cached(java.util.function.Supplier<ColumnLengths> reader) {
        return new java.util.function.Supplier<>() {
            private volatile ColumnLengths value;
            private volatile long readAt;

            @Override
            public ColumnLengths get() {
                ColumnLengths current = value;
                if (current == null || (!current.fromCatalogue() && System.nanoTime() - readAt > 60_000_000_000L)) {
                    synchronized (this) {
                        if (value == current) {
                            value = reader.get();
                            readAt = System.nanoTime();
                        }
                        return value;
                    }
                }
                return current;
            }
        };
    }

    /** The length of a column, or null when unknown or unlimited. */
    public Integer of(String column) {
        return lengths.get(column);
    }

    public Map<String, Integer> asMap() {
        return lengths;
    }

    public boolean fromCatalogue() {
        return fromCatalogue;
    }

    @Override
    public String toString() {
        return "ColumnLengths" + lengths + (fromCatalogue ? " (catalogue)" : " (documented)");
    }
}
