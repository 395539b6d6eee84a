package fr.relais.customer.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.customer.match.CustomerNormalizer;
import fr.relais.customer.match.PhoneNormalizer;
import fr.relais.store.SqlValues;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync's state in the hub store (tables of V5__sync.sql, plus customer and customer_link of V1): parameterised
 * SQL only. Every method joins the caller's transaction on the hub's DataSource.
 */
public final class SyncStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    /** What was last seen (or last written) of one source record. */
    public record Seen(SyncSystem system, String key, String hash, Long marker, LocalDateTime modifiedAt,
                       Map<String, String> snapshot, boolean dormant, Instant missingSince) {
    }

    /** One write of the outbox. */
    public record Write(long id, String correlationId, long customerId, SyncSystem target, String targetId,
                        String kind, Map<String, String> fields, SyncSystem sourceSystem, String sourceKey,
                        String reason, String status, int attempts, Instant updatedAt) {
    }

    /** A pending or decided review. */
    public record Review(long id, SyncSystem system, String key, long customerId, SyncSystem otherSystem,
                         String otherKey, double score, Long ticketId, String status, String decision) {
    }

    /** One link of the crosswalk. */
    public record Link(long customerId, SyncSystem system, String key) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate nested;
    private final Clock clock;

    public SyncStore(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.nested = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    private Object now() {
        return SqlValues.utc(Instant.now(clock));
    }

    static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return json == null ? new LinkedHashMap<>() : JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ high-water marks

    public Optional<LocalDateTime> highWaterMark(SyncSystem system) {
        return jdbc.query("SELECT high_water_mark FROM sync_source_state WHERE source_system = :s",
                new MapSqlParameterSource("s", system.name()), (rs, n) -> {
                    Timestamp t = rs.getTimestamp(1);
                    return t == null ? null : t.toLocalDateTime();
                }).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public void setHighWaterMark(SyncSystem system, LocalDateTime mark) {
        var p = new MapSqlParameterSource("s", system.name()).addValue("mark", Timestamp.valueOf(mark))
                .addValue("now", now());
        if (jdbc.update("UPDATE sync_source_state SET high_water_mark = :mark, last_cycle_at = :now"
                + " WHERE source_system = :s", p) == 0) {
            insertIgnoringDuplicate("INSERT INTO sync_source_state (source_system, high_water_mark, last_cycle_at)"
                    + " VALUES (:s, :mark, :now)", p);
            jdbc.update("UPDATE sync_source_state SET high_water_mark = :mark, last_cycle_at = :now"
                    + " WHERE source_system = :s", p);
        }
    }

    // ------------------------------------------------------------------ seen rows

    public Optional<Seen> seen(SyncSystem system, String key) {
        return jdbc.query("SELECT content_hash, marker_value, modified_at, snapshot, dormant, missing_since"
                        + " FROM sync_seen WHERE source_system = :s AND record_key = :k",
                new MapSqlParameterSource("s", system.name()).addValue("k", key), (rs, n) -> {
                    Timestamp m = rs.getTimestamp("modified_at");
                    long marker = rs.getLong("marker_value");
                    return new Seen(system, key, rs.getString("content_hash").strip(), rs.wasNull() ? null : marker,
                            m == null ? null : m.toLocalDateTime(), map(rs.getString("snapshot")),
                            rs.getBoolean("dormant"), SqlValues.instant(rs, "missing_since"));
                }).stream().findFirst();
    }

    /** Records a row as seen: its hash and its values become the base of the next change detection. */
    public void saveSeen(SourceRecord row) {
        saveSeen(row.system(), row.key(), row.hash(), row.marker(), row.modifiedAt(), row.fields(), row.dormant());
    }

    public void saveSeen(SyncSystem system, String key, String hash, Long marker, LocalDateTime modifiedAt,
                         Map<String, String> snapshot, boolean dormant) {
        var p = new MapSqlParameterSource("s", system.name()).addValue("k", key).addValue("h", hash)
                .addValue("marker", marker)
                .addValue("modified", modifiedAt == null ? null : Timestamp.valueOf(modifiedAt))
                .addValue("snapshot", json(snapshot)).addValue("dormant", dormant).addValue("now", now());
        String update = "UPDATE sync_seen SET content_hash = :h, marker_value = :marker,"
                + " modified_at = COALESCE(:modified, modified_at), snapshot = :snapshot, dormant = :dormant,"
                + " missing_since = NULL, seen_at = :now WHERE source_system = :s AND record_key = :k";
        if (jdbc.update(update, p) == 0) {
            if (!insertIgnoringDuplicate("INSERT INTO sync_seen (source_system, record_key, content_hash, marker_value,"
                    + " modified_at, snapshot, dormant, seen_at) VALUES (:s, :k, :h, :marker, :modified, :snapshot,"
                    + " :dormant, :now)", p)) {
                jdbc.update(update, p);
            }
        }
    }

    /** Every seen key of a system with its dormant flag and whether it is already known missing. */
    public Map<String, Seen> seenKeys(SyncSystem system) {
        Map<String, Seen> out = new LinkedHashMap<>();
        jdbc.query("SELECT record_key, dormant, missing_since FROM sync_seen WHERE source_system = :s",
                new MapSqlParameterSource("s", system.name()), rs -> {
                    String key = rs.getString(1);
                    out.put(key, new Seen(system, key, null, null, null, Map.of(), rs.getBoolean(2),
                            SqlValues.instant(rs, "missing_since")));
                });
        return out;
    }

    public void markMissing(SyncSystem system, String key) {
        jdbc.update("UPDATE sync_seen SET missing_since = :now WHERE source_system = :s AND record_key = :k"
                        + " AND missing_since IS NULL",
                new MapSqlParameterSource("s", system.name()).addValue("k", key).addValue("now", now()));
    }

    public void markDormant(SyncSystem system, String key, boolean dormant) {
        jdbc.update("UPDATE sync_seen SET dormant = :d WHERE source_system = :s AND record_key = :k",
                new MapSqlParameterSource("s", system.name()).addValue("k", key).addValue("d", dormant));
    }

    // ------------------------------------------------------------------ registry and crosswalk

    /** A new canonical customer with the full values of a record; returns its id. */
    public long createCustomer(Map<String, String> f) {
        var keys = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO customer (display_name, name_normalized, address_line1, address_line2, postcode, city,"
                + " city_normalized, country_code, email, email_normalized, phone_e164, mobile_e164, siret, created_at,"
                + " updated_at) VALUES (:name, :nameN, :a1, :a2, :pc, :city, :cityN, :country, :email, :emailN, :phone,"
                + " :mobile, :siret, :now, :now)", customerParams(f), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** Replaces some full values of a canonical customer (a propagated change). */
    public void updateCustomer(long id, Map<String, String> merged) {
        jdbc.update("UPDATE customer SET display_name = :name, name_normalized = :nameN, address_line1 = :a1,"
                + " address_line2 = :a2, postcode = :pc, city = :city, city_normalized = :cityN, country_code = :country,"
                + " email = :email, email_normalized = :emailN, phone_e164 = :phone, mobile_e164 = :mobile,"
                + " siret = :siret, updated_at = :now, version = version + 1 WHERE id = :id",
                customerParams(merged).addValue("id", id));
    }

    private MapSqlParameterSource customerParams(Map<String, String> f) {
        String name = f.getOrDefault("name", "");
        String siret = f.getOrDefault("siret", "").replaceAll("\\D", "");
        String email = f.getOrDefault("email", "");
        return new MapSqlParameterSource("name", SqlValues.cut(name.isBlank() ? "?" : name, 255))
                .addValue("nameN", SqlValues.cut(RowValidator.fold(name), 255))
                .addValue("a1", SqlValues.cut(f.getOrDefault("address1", ""), 255))
                .addValue("a2", SqlValues.cut(f.getOrDefault("address2", ""), 255))
                .addValue("pc", SqlValues.cut(f.getOrDefault("postcode", ""), 16))
                .addValue("city", SqlValues.cut(f.getOrDefault("city", ""), 128))
                .addValue("cityN", SqlValues.cut(RowValidator.fold(f.getOrDefault("city", "")), 128))
                .addValue("country", countryCode(f.getOrDefault("country", "")))
                .addValue("email", SqlValues.cut(email, 320))
                .addValue("emailN", SqlValues.cut(CustomerNormalizer.normalizeEmail(email), 320))
                .addValue("phone", e164(f.getOrDefault("phone", "")))
                .addValue("mobile", e164(f.getOrDefault("mobile", "")))
                .addValue("siret", siret.isEmpty() ? null : SqlValues.cut(siret, 14))
                .addValue("now", now());
    }

    private static String e164(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String n = PhoneNormalizer.toE164(raw);
        return n == null || n.isBlank() ? null : SqlValues.cut(n, 20);
    }

    static String countryCode(String country) {
        String c = RowValidator.fold(country);
        return switch (c) {
            case "", "france", "fr", "fra" -> "FR";
            case "belgique", "be" -> "BE";
            case "suisse", "ch" -> "CH";
            case "luxembourg", "lu" -> "LU";
            case "monaco", "mc" -> "MC";
            default -> c.length() == 2 ? c.toUpperCase(java.util.Locale.ROOT) : null;
        };
    }

    /** The canonical customers for the registry: id → full values. */
    public void forEachCustomer(java.util.function.BiConsumer<Long, Map<String, String>> each) {
        jdbc.query("SELECT id, display_name, address_line1, address_line2, postcode, city, email, phone_e164,"
                + " mobile_e164, siret FROM customer", rs -> {
                    Map<String, String> f = new LinkedHashMap<>();
                    f.put("name", nz(rs.getString("display_name")));
                    f.put("address1", nz(rs.getString("address_line1")));
                    f.put("address2", nz(rs.getString("address_line2")));
                    f.put("postcode", nz(rs.getString("postcode")));
                    f.put("city", nz(rs.getString("city")));
                    f.put("email", nz(rs.getString("email")));
                    f.put("phone", nz(rs.getString("phone_e164")));
                    f.put("mobile", nz(rs.getString("mobile_e164")));
                    f.put("siret", nz(rs.getString("siret")));
                    each.accept(rs.getLong("id"), f);
                });
    }

    public Map<String, String> customer(long id) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.query("SELECT display_name, address_line1, address_line2, postcode, city, country_code, email, siret"
                + " FROM customer WHERE id = :id", new MapSqlParameterSource("id", id), rs -> {
                    out.put("name", nz(rs.getString(1)));
                    out.put("address1", nz(rs.getString(2)));
                    out.put("address2", nz(rs.getString(3)));
                    out.put("postcode", nz(rs.getString(4)));
                    out.put("city", nz(rs.getString(5)));
                    out.put("country", nz(rs.getString(6)));
                    out.put("email", nz(rs.getString(7)));
                    out.put("siret", nz(rs.getString(8)));
                });
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public Optional<Long> linkedCustomer(SyncSystem system, String key) {
        return jdbc.queryForList("SELECT customer_id FROM customer_link WHERE source_system = :s AND system_id = :k",
                new MapSqlParameterSource("s", system.name()).addValue("k", key), Long.class).stream().findFirst();
    }

    public List<Link> links(long customerId) {
        return jdbc.query("SELECT customer_id, source_system, system_id FROM customer_link WHERE customer_id = :c"
                        + " ORDER BY id", new MapSqlParameterSource("c", customerId),
                (rs, n) -> new Link(rs.getLong(1), SyncSystem.valueOf(rs.getString(2)), rs.getString(3)));
    }

    public List<Link> links(long customerId, SyncSystem system) {
        return links(customerId).stream().filter(l -> l.system() == system).toList();
    }

    /** Links a record to a customer; false when the record was already linked (to this or another customer). */
    public boolean link(long customerId, SyncSystem system, String key, String method) {
        return insertIgnoringDuplicate("INSERT INTO customer_link (customer_id, source_system, system_id, linked_at,"
                + " link_method) VALUES (:c, :s, :k, :now, :m)", new MapSqlParameterSource("c", customerId)
                .addValue("s", system.name()).addValue("k", key).addValue("now", now()).addValue("m", method));
    }

    // ------------------------------------------------------------------ outbox

    public long queueWrite(String kind, long customerId, SyncSystem target, String targetId, Map<String, String> fields,
                           SyncSystem source, String sourceKey, String reason) {
        var keys = new GeneratedKeyHolder();
        String provisional = "sync-" + java.util.UUID.randomUUID();
        jdbc.update("INSERT INTO sync_write (correlation_id, customer_id, target_system, target_id, write_kind,"
                        + " field_values, source_system, source_key, reason, status, attempts, created_at, updated_at)"
                        + " VALUES (:cid, :c, :t, :tid, :kind, :fields, :s, :sk, :why, 'PENDING', 0, :now, :now)",
                new MapSqlParameterSource("cid", provisional).addValue("c", customerId).addValue("t", target.name())
                        .addValue("tid", targetId).addValue("kind", kind).addValue("fields", json(fields))
                        .addValue("s", source == null ? null : source.name()).addValue("sk", sourceKey)
                        .addValue("why", SqlValues.cut(reason, 1000)).addValue("now", now()),
                keys, new String[] {"id"});
        long id = keys.getKey().longValue();
        // the correlation id names the write for people and for the other side's idempotency
        jdbc.update("UPDATE sync_write SET correlation_id = :cid WHERE id = :id",
                new MapSqlParameterSource("cid", "sync-" + target.name().toLowerCase() + "-" + kind.toLowerCase()
                        + "-" + id).addValue("id", id));
        return id;
    }

    private static final String WRITE_COLUMNS = "id, correlation_id, customer_id, target_system, target_id, write_kind,"
            + " field_values, source_system, source_key, reason, status, attempts, updated_at";

    private static Write writeRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        String source = rs.getString("source_system");
        return new Write(rs.getLong("id"), rs.getString("correlation_id"), rs.getLong("customer_id"),
                SyncSystem.valueOf(rs.getString("target_system")), rs.getString("target_id"), rs.getString("write_kind"),
                map(rs.getString("field_values")), source == null ? null : SyncSystem.valueOf(source),
                rs.getString("source_key"), rs.getString("reason"), rs.getString("status"), rs.getInt("attempts"),
                SqlValues.instant(rs, "updated_at"));
    }

    public List<Write> pendingWrites(SyncSystem target) {
        return jdbc.query("SELECT " + WRITE_COLUMNS + " FROM sync_write WHERE status = 'PENDING' AND target_system = :t"
                + " ORDER BY id", new MapSqlParameterSource("t", target.name()), (rs, n) -> writeRow(rs));
    }

    public List<Write> writes(long customerId) {
        return jdbc.query("SELECT " + WRITE_COLUMNS + " FROM sync_write WHERE customer_id = :c ORDER BY id",
                new MapSqlParameterSource("c", customerId), (rs, n) -> writeRow(rs));
    }

    /**
     * Creations on a system that are not finished: handed over and not yet seen (AWAITING), or sent and not
     * recorded (PENDING with the target id already chosen, e.g. the hub died between the write and its record).
     */
    public List<Write> openCreates(SyncSystem target) {
        return jdbc.query("SELECT " + WRITE_COLUMNS + " FROM sync_write WHERE status IN ('AWAITING', 'PENDING')"
                + " AND write_kind = 'CREATE' AND target_system = :t ORDER BY id",
                new MapSqlParameterSource("t", target.name()), (rs, n) -> writeRow(rs));
    }

    /** True while a "same customer?" question about this customer waits for Claire. */
    public boolean hasPendingReview(long customerId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sync_review WHERE customer_id = :c AND status = 'PENDING'",
                new MapSqlParameterSource("c", customerId), Integer.class);
        return n != null && n > 0;
    }

    /** True when the customer has a creation on that side not yet finished (pending or awaiting). */
    public boolean hasOpenCreate(long customerId, SyncSystem target) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sync_write WHERE customer_id = :c AND target_system = :t"
                + " AND write_kind = 'CREATE' AND status IN ('PENDING', 'AWAITING', 'DONE')",
                new MapSqlParameterSource("c", customerId).addValue("t", target.name()), Integer.class);
        return n != null && n > 0;
    }

    public void setWriteTarget(long id, String targetId) {
        jdbc.update("UPDATE sync_write SET target_id = :tid, updated_at = :now WHERE id = :id",
                new MapSqlParameterSource("tid", targetId).addValue("id", id).addValue("now", now()));
    }

    /** Counts one more attempt, committed before the write is sent. */
    public void countAttempt(long id) {
        jdbc.update("UPDATE sync_write SET attempts = attempts + 1, updated_at = :now WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("now", now()));
    }

    public void finishWrite(long id, String status, String targetId, String error, Long ticketId) {
        jdbc.update("UPDATE sync_write SET status = :st, target_id = COALESCE(:tid, target_id), last_error = :err,"
                        + " ticket_id = COALESCE(:ticket, ticket_id), updated_at = :now WHERE id = :id",
                new MapSqlParameterSource("st", status).addValue("tid", targetId)
                        .addValue("err", SqlValues.cut(error, 1000)).addValue("ticket", ticketId)
                        .addValue("id", id).addValue("now", now()));
    }

    // ------------------------------------------------------------------ conflicts

    /** Records a conflict once; returns its id, or empty when this very conflict was already recorded. */
    public Optional<Long> recordConflict(long customerId, String field, String erpKey, String erpValue,
                                         LocalDateTime erpChangedAt, String sageKey, String sageValue,
                                         LocalDateTime sageChangedAt) {
        String hash = SourceRecord.hash(Map.of("erp", erpValue, "sage", sageValue), false);
        var keys = new GeneratedKeyHolder();
        var p = new MapSqlParameterSource("c", customerId).addValue("f", field).addValue("ek", erpKey)
                .addValue("ev", SqlValues.cut(erpValue, 1000))
                .addValue("et", erpChangedAt == null ? null : Timestamp.valueOf(erpChangedAt))
                .addValue("sk", sageKey).addValue("sv", SqlValues.cut(sageValue, 1000))
                .addValue("st", sageChangedAt == null ? null : Timestamp.valueOf(sageChangedAt))
                .addValue("h", hash).addValue("now", now());
        try {
            nested.executeWithoutResult(s -> jdbc.update("INSERT INTO sync_conflict (customer_id, field_name, erp_key,"
                    + " erp_value, erp_changed_at, sage_key, sage_value, sage_changed_at, values_hash, status, created_at)"
                    + " VALUES (:c, :f, :ek, :ev, :et, :sk, :sv, :st, :h, 'OPEN', :now)", p, keys, new String[] {"id"}));
            return Optional.of(keys.getKey().longValue());
        } catch (DataIntegrityViolationException already) {
            return Optional.empty();
        }
    }

    public void setConflictTicket(long conflictId, long ticketId) {
        jdbc.update("UPDATE sync_conflict SET ticket_id = :t WHERE id = :id",
                new MapSqlParameterSource("t", ticketId).addValue("id", conflictId));
    }

    public boolean openConflict(long customerId, String field) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sync_conflict WHERE customer_id = :c AND field_name = :f"
                + " AND status = 'OPEN'", new MapSqlParameterSource("c", customerId).addValue("f", field), Integer.class);
        return n != null && n > 0;
    }

    public void resolveConflicts(long customerId, String field) {
        jdbc.update("UPDATE sync_conflict SET status = 'RESOLVED' WHERE customer_id = :c AND field_name = :f"
                + " AND status = 'OPEN'", new MapSqlParameterSource("c", customerId).addValue("f", field));
    }

    // ------------------------------------------------------------------ reviews

    public Optional<Long> createReview(SyncSystem system, String key, long customerId, SyncSystem otherSystem,
                                       String otherKey, double score) {
        var keys = new GeneratedKeyHolder();
        var p = new MapSqlParameterSource("s", system.name()).addValue("k", key).addValue("c", customerId)
                .addValue("os", otherSystem.name()).addValue("ok", otherKey).addValue("score", score)
                .addValue("now", now());
        try {
            nested.executeWithoutResult(st -> jdbc.update("INSERT INTO sync_review (source_system, record_key,"
                    + " customer_id, other_system, other_key, score, status, created_at) VALUES (:s, :k, :c, :os, :ok,"
                    + " :score, 'PENDING', :now)", p, keys, new String[] {"id"}));
            return Optional.of(keys.getKey().longValue());
        } catch (DataIntegrityViolationException already) {
            return Optional.empty();
        }
    }

    public void setReviewTicket(long reviewId, long ticketId) {
        jdbc.update("UPDATE sync_review SET ticket_id = :t WHERE id = :id",
                new MapSqlParameterSource("t", ticketId).addValue("id", reviewId));
    }

    private static final String REVIEW_COLUMNS = "id, source_system, record_key, customer_id, other_system, other_key,"
            + " score, ticket_id, status, decision";

    private static Review reviewRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Review(rs.getLong("id"), SyncSystem.valueOf(rs.getString("source_system")), rs.getString("record_key"),
                rs.getLong("customer_id"), SyncSystem.valueOf(rs.getString("other_system")), rs.getString("other_key"),
                rs.getDouble("score"), SqlValues.nullableLong(rs, "ticket_id"), rs.getString("status"),
                rs.getString("decision"));
    }

    public Optional<Review> reviewByTicket(long ticketId) {
        return jdbc.query("SELECT " + REVIEW_COLUMNS + " FROM sync_review WHERE ticket_id = :t",
                new MapSqlParameterSource("t", ticketId), (rs, n) -> reviewRow(rs)).stream().findFirst();
    }

    public List<Review> pendingReviews(SyncSystem system, String key) {
        return jdbc.query("SELECT " + REVIEW_COLUMNS + " FROM sync_review WHERE source_system = :s AND record_key = :k"
                        + " AND status = 'PENDING'", new MapSqlParameterSource("s", system.name()).addValue("k", key),
                (rs, n) -> reviewRow(rs));
    }

    public void decideReview(long reviewId, String decision) {
        jdbc.update("UPDATE sync_review SET status = 'DECIDED', decision = :d, decided_at = :now WHERE id = :id",
                new MapSqlParameterSource("d", decision).addValue("id", reviewId).addValue("now", now()));
    }

    // ------------------------------------------------------------------ rejected rows

    /** Records a rejected row once per content; returns its id, or empty when already reported. */
    public Optional<Long> recordRejected(SyncSystem system, String key, String hash, String reasons) {
        var keys = new GeneratedKeyHolder();
        var p = new MapSqlParameterSource("s", system.name()).addValue("k", key).addValue("h", hash)
                .addValue("r", SqlValues.cut(reasons, 2000)).addValue("now", now());
        try {
            nested.executeWithoutResult(st -> jdbc.update("INSERT INTO sync_rejected (source_system, record_key,"
                    + " content_hash, reasons, created_at) VALUES (:s, :k, :h, :r, :now)", p, keys, new String[] {"id"}));
            return Optional.of(keys.getKey().longValue());
        } catch (DataIntegrityViolationException already) {
            return Optional.empty();
        }
    }

    public void setRejectedTicket(long id, long ticketId) {
        jdbc.update("UPDATE sync_rejected SET ticket_id = :t WHERE id = :id",
                new MapSqlParameterSource("t", ticketId).addValue("id", id));
    }

    // ------------------------------------------------------------------ runs

    public void recordRun(SyncSystem system, Instant started, int read, int done, int failed, int sent, String summary) {
        jdbc.update("INSERT INTO sync_run (source_system, started_at, finished_at, rows_read, rows_done, rows_failed,"
                        + " writes_sent, summary) VALUES (:s, :start, :now, :read, :done, :failed, :sent, :summary)",
                new MapSqlParameterSource("s", system.name()).addValue("start", SqlValues.utc(started))
                        .addValue("now", now()).addValue("read", read).addValue("done", done)
                        .addValue("failed", failed).addValue("sent", sent)
                        .addValue("summary", SqlValues.cut(summary, 1000)));
    }

    public int count(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        Integer n = jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
        return n == null ? 0 : n;
    }

    private boolean insertIgnoringDuplicate(String sql, MapSqlParameterSource p) {
        try {
            nested.executeWithoutResult(s -> jdbc.update(sql, p));
            return true;
        } catch (DataIntegrityViolationException duplicate) {
            return false;
        }
    }
}
