package fr.relais.customer.sync;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one system's customers through its mapping, with parameterised SQL on the system's read-only pool.
 * Names come from the mapping (checked SQL names, quoted). Never writes.
 */
public final class SourceReader {

    private final DataSource dataSource;
    private final CustomerMapping mapping;
    private final String select;

    public SourceReader(DataSource dataSource, CustomerMapping mapping) {
        this.dataSource = dataSource;
        this.mapping = mapping;
        StringBuilder s = new StringBuilder("SELECT ");
        List<String> columns = mapping.columns();
        for (int i = 0; i < columns.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(quote(columns.get(i)));
        }
        s.append(" FROM ").append(quote(mapping.table()));
        this.select = s.toString();
    }

    public SyncSystem system() {
        return mapping.system();
    }

    public CustomerMapping mapping() {
        return mapping;
    }

    /** The source database's own clock (local date-time, as its last-modified columns hold it). */
    public LocalDateTime databaseNow() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            rs.next();
            return rs.getTimestamp(1).toLocalDateTime();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The rows changed at or after {@code since} (every row when null), oldest first. */
    public List<SourceRecord> changedSince(LocalDateTime since) {
        List<SourceRecord> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder(select);
        List<Object> params = new ArrayList<>();
        String glue = " WHERE ";
        if (mapping.filterColumn() != null) {
            sql.append(glue).append(quote(mapping.filterColumn())).append(" = ?");
            params.add(mapping.filterValue());
            glue = " AND ";
        }
        if (since != null) {
            sql.append(glue).append(quote(mapping.lastModified())).append(" >= ?");
            params.add(Timestamp.valueOf(since));
        }
        sql.append(" ORDER BY ").append(quote(mapping.lastModified())).append(", ").append(quote(mapping.key()));
        query(sql.toString(), params, out::add);
        return out;
    }

    /** Every customer row, streamed (dry run). */
    public void all(Consumer<SourceRecord> each) {
        StringBuilder sql = new StringBuilder(select);
        List<Object> params = new ArrayList<>();
        if (mapping.filterColumn() != null) {
            sql.append(" WHERE ").append(quote(mapping.filterColumn())).append(" = ?");
            params.add(mapping.filterValue());
        }
        query(sql.toString(), params, each);
    }

    /** One row by its key, as the database holds it now. */
    public Optional<SourceRecord> read(String key) {
        List<SourceRecord> out = new ArrayList<>(1);
        query(select + " WHERE " + quote(mapping.key()) + " = ?", List.of(key), out::add);
        return out.stream().findFirst();
    }

    /** Every key with its dormant flag (the key comparison). */
    public Map<String, Boolean> keys() {
        Map<String, Boolean> keys = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(quote(mapping.key()));
        sql.append(mapping.dormant() == null ? "" : ", " + quote(mapping.dormant()));
        sql.append(" FROM ").append(quote(mapping.table()));
        List<Object> params = new ArrayList<>();
        if (mapping.filterColumn() != null) {
            sql.append(" WHERE ").append(quote(mapping.filterColumn())).append(" = ?");
            params.add(mapping.filterValue());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1).strip(), mapping.dormant() != null && rs.getInt(2) != 0);
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return keys;
    }

    private void query(String sql, List<Object> params, Consumer<SourceRecord> each) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(1000);
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(toRecord(rs));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private SourceRecord toRecord(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (var f : mapping.fields().values()) {
            row.put(f.column(), rs.getString(f.column()));
        }
        Timestamp modified = rs.getTimestamp(mapping.lastModified());
        Long marker = mapping.marker() == null ? null : rs.getLong(mapping.marker());
        boolean dormant = mapping.dormant() != null && rs.getInt(mapping.dormant()) != 0;
        return new SourceRecord(mapping.system(), rs.getString(mapping.key()), mapping.toCanonical(row),
                modified == null ? null : modified.toLocalDateTime(), marker, dormant);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private SourceUnavailableException unavailable(SQLException e) {
        return new SourceUnavailableException(mapping.system(), mapping.system().label() + " cannot be read ("
                + mapping.table() + "): " + e.getMessage(), e);
    }

    static String quote(String name) {
        var quoted = new StringBuilder();
        for (String part : name.split("\\.")) {
            quoted.append(quoted.isEmpty() ? "" : ".").append('"').append(part).append('"');
        }
        return quoted.toString();
    }
}
