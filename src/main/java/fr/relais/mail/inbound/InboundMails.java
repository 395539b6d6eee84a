package fr.relais.mail.inbound;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import fr.relais.store.SqlValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The inbound_mail table: raw mails as the transports stored them, and what each became. */
@Repository
public class InboundMails {

    static final int SOURCE_ID_MAX = 1000;
    static final String COLUMNS = "id, transport, direction, source_id, message_id, size_bytes, received_at, status,"
            + " from_address, subject, ticket_id, ticket_message_id, category, urgency, classification_explanation,"
            + " customer_id, processed_at, filed_at, problems, attempts, last_error";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate newTransaction;
    private final DataSource dataSource;

    public InboundMails(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(dataSource);
        this.newTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The key under which a source id is unique for its transport. */
    public static String sourceKey(String sourceId) {
        return DigestUtils.sha256Hex(sourceId);
    }

    /**
     * Inserts a raw mail in a transaction of its own (committed when this returns).
     *
     * @return the new row's id, or empty when (transport, sourceId) was already stored
     */
    public Optional<Long> insert(String transport, String direction, String sourceId, String messageId, byte[] raw,
                                 Instant receivedAt) {
        return insert(transport, direction, sourceId, messageId, null, null, raw, receivedAt);
    }

    /** The same, with the sender and subject read from the header block (findable before processing). */
    public Optional<Long> insert(String transport, String direction, String sourceId, String messageId,
                                 String fromAddress, String subject, byte[] raw, Instant receivedAt) {
        var params = new MapSqlParameterSource()
                .addValue("transport", transport)
                .addValue("direction", direction)
                .addValue("sourceId", cut(sourceId, SOURCE_ID_MAX))
                .addValue("sourceKey", sourceKey(sourceId))
                .addValue("messageId", cut(messageId, 1000))
                .addValue("fromAddress", cut(fromAddress, 320))
                .addValue("subject", cut(subject, 1000))
                .addValue("size", (long) raw.length)
                .addValue("receivedAt", SqlValues.utc(receivedAt))
                .addValue("status", InboundMail.RECEIVED);
        try {
            return newTransaction.execute(status -> {
                var keys = new GeneratedKeyHolder();
                named.update("INSERT INTO inbound_mail (transport, direction, source_id, source_key, message_id, from_address,"
                        + " subject, size_bytes, received_at, queued_at, status) VALUES (:transport, :direction,"
                        + " :sourceId, :sourceKey, :messageId, :fromAddress, :subject, :size, :receivedAt, :receivedAt,"
                        + " :status)", params, keys,
                        new String[] {"id"});
                long id = keys.getKey().longValue();
                named.update("INSERT INTO inbound_mail_raw (mail_id, raw_mime) VALUES (:id, :raw)",
                        new MapSqlParameterSource("id", id).addValue("raw", raw));
                return Optional.of(id);
            });
        } catch (DuplicateKeyException duplicate) {
            return Optional.empty();
        }
    }

    public Optional<InboundMail> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inbound_mail WHERE id = ?", MAPPER, id).stream().findFirst();
    }

    /** The row locked for update (inside the processing transaction): two consumers never process one mail. */
    public Optional<InboundMail> lock(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inbound_mail WHERE id = ? FOR UPDATE", MAPPER, id).stream()
                .findFirst();
    }

    public Optional<InboundMail> findBySource(String transport, String sourceId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inbound_mail WHERE transport = ? AND source_key = ?", MAPPER,
                transport, sourceKey(sourceId)).stream().findFirst();
    }

    public Optional<byte[]> raw(long id) {
        return jdbc.query("SELECT raw_mime FROM inbound_mail_raw WHERE mail_id = ?", (rs, n) -> rs.getBytes(1), id).stream()
                .findFirst();
    }

    /** What processing found out and decided, in the caller's transaction. */
    public void markProcessed(long id, Processed p, Instant at) {
        jdbc.update("UPDATE inbound_mail SET status = ?, from_address = ?, subject = ?, thread_conversation = ?,"
                        + " ticket_id = ?, ticket_message_id = ?, category = ?, urgency = ?,"
                        + " classification_explanation = ?, customer_id = ?, processed_at = ?, problems = ?"
                        + " WHERE id = ?",
                p.status(), cut(p.fromAddress(), 320), cut(p.subject(), 1000), p.threadConversation(), p.ticketId(),
                p.ticketMessageId(), p.category(), p.urgency(), p.explanation(), p.customerId(), SqlValues.utc(at),
                p.problems(), id);
    }

    /**
     * Counts one more try of a mail, committed at once (outside any transaction of the caller), so that a try
     * cut by a crash counts too. Returns the mail as it is now, or empty when it is not stored.
     */
    public Optional<InboundMail> startAttempt(long id) {
        return newTransaction.execute(status -> {
            jdbc.update("UPDATE inbound_mail SET attempts = attempts + 1 WHERE id = ? AND status <> 'FAILED'", id);
            return find(id);
        });
    }

    /** Keeps the reason of a failed try (committed at once). */
    public void recordError(long id, String reason) {
        newTransaction.executeWithoutResult(status -> jdbc.update("UPDATE inbound_mail SET last_error = ? WHERE id = ?",
                cut(reason, 2000), id));
    }

    /** The pipeline gave up on this mail: FAILED with the reason, never queued again by itself (committed at once). */
    public void markFailed(long id, String reason, Instant at) {
        newTransaction.executeWithoutResult(status -> jdbc.update("UPDATE inbound_mail SET status = 'FAILED',"
                + " last_error = ?, processed_at = ? WHERE id = ?", cut(reason, 2000), SqlValues.utc(at), id));
    }

    /**
     * A FAILED mail that never reached a ticket goes back to RECEIVED with its attempts cleared (a person asked
     * for it). Returns false when the mail is not FAILED or has a ticket already.
     */
    public boolean resetFailed(long id, Instant now) {
        return newTransaction.execute(status -> jdbc.update("UPDATE inbound_mail SET status = 'RECEIVED', attempts = 0,"
                + " queued_at = ?, processed_at = NULL WHERE id = ? AND status = 'FAILED' AND ticket_id IS NULL",
                SqlValues.utc(now), id)) == 1;
    }

    public void markFiled(long id, Instant at) {
        jdbc.update("UPDATE inbound_mail SET filed_at = ? WHERE id = ?", SqlValues.utc(at), id);
    }

    /**
     * Rows waiting too long: still RECEIVED, or processed but not yet filed in the mailbox, queued before
     * {@code before}. Their queued_at is moved to now so that the next sweep does not take them again at once.
     */
    public List<Long> takeStale(Instant before, Instant now, int limit) {
        List<Long> ids = jdbc.query("SELECT id FROM inbound_mail WHERE queued_at < ? AND (status = 'RECEIVED'"
                        + " OR (filed_at IS NULL AND status IN ('TICKET', 'JOINED', 'NON_TICKET', 'UNREADABLE')))"
                        + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> rs.getLong(1), SqlValues.utc(before));
        for (Long id : ids) {
            jdbc.update("UPDATE inbound_mail SET queued_at = ? WHERE id = ?", SqlValues.utc(now), id);
        }
        return ids;
    }

    /** The tickets of recent mails from this sender (newest first), for the "same sender, similar subject" rule. */
    public List<SenderMail> recentFromSender(String fromAddress, Instant since) {
        return jdbc.query("SELECT ticket_id, subject, received_at FROM inbound_mail WHERE from_address = ?"
                        + " AND received_at >= ? AND ticket_id IS NOT NULL ORDER BY received_at DESC FETCH FIRST 20 ROWS ONLY",
                (rs, n) -> new SenderMail(rs.getLong(1), rs.getString(2), SqlValues.instant(rs, "received_at")),
                fromAddress, SqlValues.utc(since));
    }

    /** The ticket of an earlier mail of the same Outlook conversation, if any. */
    public Optional<Long> ticketOfConversation(String conversation) {
        return jdbc.query("SELECT ticket_id FROM inbound_mail WHERE thread_conversation = ? AND ticket_id IS NOT NULL"
                + " ORDER BY id FETCH FIRST 1 ROWS ONLY", (rs, n) -> rs.getLong(1), conversation).stream().findFirst();
    }

    /** The ticket of an earlier stored mail with this Message-ID, if any. */
    public Optional<Long> ticketOfMessageId(String messageId) {
        return jdbc.query("SELECT ticket_id FROM inbound_mail WHERE message_id = ? AND ticket_id IS NOT NULL"
                + " ORDER BY id FETCH FIRST 1 ROWS ONLY", (rs, n) -> rs.getLong(1), messageId).stream().findFirst();
    }

    /** Messages of a long thread remembered per mail: In-Reply-To and the newest References. */
    static final int MAX_ANSWERED = 20;

    /**
     * Records the Message-IDs a mail answers (cleaned, each at most 1,000 characters, at most
     * {@link #MAX_ANSWERED} of them), in the caller's transaction.
     */
    public void recordAnswered(long mailId, List<String> messageIds) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String id : messageIds) {
            String clean = MessageIdSniffer.clean(id);
            if (clean != null && clean.length() <= 1000 && ids.size() < MAX_ANSWERED) {
                ids.add(clean);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO inbound_mail_answer (mail_id, message_id) VALUES (?, ?)",
                ids.stream().map(id -> new Object[] {mailId, id}).toList());
    }

    /** The ticket of a mail already processed that answers this Message-ID (a reply seen first), if any. */
    public Optional<Long> ticketOfAnswerTo(String messageId) {
        return jdbc.query("SELECT m.ticket_id FROM inbound_mail_answer a JOIN inbound_mail m ON m.id = a.mail_id"
                        + " WHERE a.message_id = ? AND m.ticket_id IS NOT NULL ORDER BY m.id FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> rs.getLong(1), messageId).stream().findFirst();
    }

    /** Search for the API: by status, sender (substring), text in the subject or sender; newest first. */
    public List<InboundMail> search(String status, String from, String q, int page, int size) {
        var params = new MapSqlParameterSource();
        var where = filter(status, from, q, params);
        String sql = "SELECT " + COLUMNS + " FROM inbound_mail"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC OFFSET " + ((long) page * size) + " ROWS FETCH FIRST " + size + " ROWS ONLY";
        return named.query(sql, params, MAPPER);
    }

    /** How many mails the same search finds in all. */
    public long countSearch(String status, String from, String q) {
        var params = new MapSqlParameterSource();
        var where = filter(status, from, q, params);
        Long n = named.queryForObject("SELECT COUNT(*) FROM inbound_mail"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)), params, Long.class);
        return n == null ? 0 : n;
    }

    private static List<String> filter(String status, String from, String q, MapSqlParameterSource params) {
        var where = new ArrayList<String>();
        if (status != null && !status.isBlank()) {
            where.add("status = :status");
            params.addValue("status", status.strip().toUpperCase(Locale.ROOT));
        }
        if (from != null && !from.isBlank()) {
            where.add("from_address LIKE :from");
            params.addValue("from", "%" + like(from.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (q != null && !q.isBlank()) {
            where.add("(LOWER(subject) LIKE :q OR from_address LIKE :q)");
            params.addValue("q", "%" + like(q.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        return where;
    }

    public long count(String status) {
        Long n = status == null ? jdbc.queryForObject("SELECT COUNT(*) FROM inbound_mail", Long.class)
                : jdbc.queryForObject("SELECT COUNT(*) FROM inbound_mail WHERE status = ?", Long.class, status);
        return n == null ? 0 : n;
    }

    private static String like(String s) {
        return s.replace("\\", "").replace("%", "").replace("_", "");
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** A recent mail of a sender and the ticket it went to. */
    public record SenderMail(long ticketId, String subject, Instant receivedAt) {
    }

    /** What processing decided for a mail. */
    public record Processed(String status, String fromAddress, String subject, String threadConversation,
                            Long ticketId, Long ticketMessageId, String category, String urgency, String explanation,
                            Long customerId, String problems) {
    }

    private static final RowMapper<InboundMail> MAPPER = InboundMails::map;

    private static InboundMail map(ResultSet rs, int n) throws SQLException {
        return new InboundMail(rs.getLong("id"), rs.getString("transport"), rs.getString("direction"),
                rs.getString("source_id"), rs.getString("message_id"), rs.getLong("size_bytes"),
                SqlValues.instant(rs, "received_at"), rs.getString("status"), rs.getString("from_address"),
                rs.getString("subject"), longOrNull(rs, "ticket_id"), longOrNull(rs, "ticket_message_id"),
                rs.getString("category"), rs.getString("urgency"), rs.getString("classification_explanation"),
                longOrNull(rs, "customer_id"), SqlValues.instant(rs, "processed_at"),
                SqlValues.instant(rs, "filed_at"), rs.getString("problems"), rs.getInt("attempts"),
                rs.getString("last_error"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

}
