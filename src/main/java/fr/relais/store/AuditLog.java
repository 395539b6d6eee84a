package fr.relais.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The append-only audit log of every write the hub makes to another system (ERP, Sage, Outlook, share...).
 * It can only add entries and read them: there is deliberately no update and no delete.
 * <p>
 * A write made inside a transaction of the hub's database is logged in that same transaction (the
 * {@code JdbcTemplate} joins it), so the log and the hub's own state never disagree.
 */
@Component
public class AuditLog {

    static final int VALUE_MAX = 4000;

    private static final String COLUMNS = "id, occurred_at, target_system, record_type, record_id, field_name,"
            + " value_before, value_after, reason, correlation_id";

    private static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(
            rs.getLong("id"), SqlValues.instant(rs, "occurred_at"), rs.getString("target_system"),
            rs.getString("record_type"), rs.getString("record_id"), rs.getString("field_name"),
            rs.getString("value_before"), rs.getString("value_after"), rs.getString("reason"),
            rs.getString("correlation_id"));

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    @Autowired
    public AuditLog(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Appends one entry, stamped now; returns its id. Values longer than 4000 characters are cut. */
    public long record(AuditWrite write) {
        var params = new MapSqlParameterSource()
                .addValue("at", SqlValues.utc(Instant.now(clock)))
                .addValue("system", SqlValues.cut(write.system(), 32))
                .addValue("recordType", SqlValues.cut(write.recordType(), 64))
                .addValue("recordId", SqlValues.cut(write.recordId(), 128))
                .addValue("field", SqlValues.cut(write.field(), 128))
                .addValue("before", SqlValues.cut(write.before(), VALUE_MAX))
                .addValue("after", SqlValues.cut(write.after(), VALUE_MAX))
                .addValue("why", SqlValues.cut(write.why(), 1000))
                .addValue("correlationId", SqlValues.cut(write.correlationId(), 128));
        var keys = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO audit_log (occurred_at, target_system, record_type, record_id, field_name,"
                + " value_before, value_after, reason, correlation_id)"
                + " VALUES (:at, :system, :recordType, :recordId, :field, :before, :after, :why, :correlationId)",
                params, keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** Appends several entries (e.g. the fields of one record write), in order. */
    public void recordAll(List<AuditWrite> writes) {
        writes.forEach(this::record);
    }

    /** Every entry about one record of one system, oldest first. */
    public List<AuditEntry> findByRecord(String system, String recordType, String recordId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_log"
                        + " WHERE target_system = :system AND record_type = :recordType AND record_id = :recordId"
                        + " ORDER BY id",
                new MapSqlParameterSource("system", system).addValue("recordType", recordType)
                        .addValue("recordId", recordId), ROW);
    }

    /** Every entry of one flow run or exchange, oldest first. */
    public List<AuditEntry> findByCorrelationId(String correlationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_log WHERE correlation_id = :id ORDER BY id",
                new MapSqlParameterSource("id", correlationId), ROW);
    }

    /** The most recent entries, newest first. */
    public List<AuditEntry> latest(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_log ORDER BY id DESC LIMIT :limit",
                new MapSqlParameterSource("limit", limit), ROW);
    }
}
