package fr.relais.mail.outbound;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The table outbound_mail through the hub's JdbcTemplate: every write joins the caller's transaction when
 * there is one (the ticket's), and autocommits otherwise (the sender's claims and marks).
 */
public class OutboundMailStore {

    private static final String COLUMNS = "id, ticket_id, kind, sender, recipient, thread_key, message_id, in_reply_to,"
            + " thread_references, subject, body_text, body_html, status, attempts, next_attempt_at, created_at,"
            + " claimed_at, sent_at, last_error";

    private final JdbcTemplate jdbc;

    public OutboundMailStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an OWED row, due at once; returns its id. */
    public long owe(long ticketId, OutboundMail.Kind kind, String sender, String recipient, String threadKey,
                    String messageId, String inReplyTo, List<String> references, String subject, String text,
                    String html, Instant now) {
        boolean ack = kind == OutboundMail.Kind.ACK;
        var keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("INSERT INTO outbound_mail (ticket_id, kind, sender,"
                    + " recipient, thread_key, ack_ticket_id, ack_thread_sha256, message_id, in_reply_to,"
                    + " thread_references, subject, body_text, body_html, status, attempts, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OWED', 0, ?, ?)", new String[] {"id"});
            int i = 1;
            ps.setLong(i++, ticketId);
            ps.setString(i++, kind.name());
            ps.setString(i++, cut(sender, 320));
            ps.setString(i++, cut(recipient, 320));
            ps.setString(i++, cut(threadKey, 512));
            if (ack) {
                ps.setLong(i++, ticketId);
                ps.setString(i++, sha256(threadKey));
            } else {
                ps.setNull(i++, java.sql.Types.BIGINT);
                ps.setNull(i++, java.sql.Types.CHAR);
            }
            ps.setString(i++, messageId);
            ps.setString(i++, cut(inReplyTo, 998));
            ps.setString(i++, String.join(" ", references));
            ps.setString(i++, cut(subject, 1000));
            ps.setString(i++, text);
            ps.setString(i++, html);
            ps.setTimestamp(i++, Timestamp.from(now));
            ps.setTimestamp(i, Timestamp.from(now));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** True when an acknowledgement was already owed for this ticket or in this thread. */
    public boolean acknowledged(long ticketId, String threadKey) {
        // two indexed lookups (an OR across two columns is a full scan on the embedded store)
        Integer n = jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM outbound_mail WHERE ack_ticket_id = ?)"
                + " + (SELECT COUNT(*) FROM outbound_mail WHERE ack_thread_sha256 = ?)", Integer.class, ticketId,
                sha256(threadKey));
        return n != null && n > 0;
    }

    /** True when a notification was already owed for this ticket. */
    public boolean notified(long ticketId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM outbound_mail WHERE ticket_id = ? AND kind = 'NOTIFICATION'",
                Integer.class, ticketId);
        return n != null && n > 0;
    }

    /** Acknowledgements owed since {@code since} to this address or because of a mail from it. */
    public int acknowledgementsSince(String address, Instant since) {
        // a union of two indexed range scans (an OR across two columns is a full scan on the embedded store)
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT id FROM outbound_mail WHERE recipient = ?"
                + " AND created_at > ? AND kind = 'ACK' UNION SELECT id FROM outbound_mail WHERE sender = ?"
                + " AND created_at > ? AND kind = 'ACK') recent", Integer.class, address, Timestamp.from(since), address,
                Timestamp.from(since));
        return n == null ? 0 : n;
    }

    /** Ids of OWED rows due at {@code now}, oldest first. */
    public List<Long> due(Instant now, int limit) {
        return jdbc.query("SELECT id FROM outbound_mail WHERE status = 'OWED' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at, id",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setMaxRows(limit);
                },
                (rs, i) -> rs.getLong(1));
    }

    /** OWED → SENDING (counts an attempt); false when someone else claimed it or it is no longer owed. */
    public boolean claim(long id, Instant now) {
        return jdbc.update("UPDATE outbound_mail SET status = 'SENDING', attempts = attempts + 1, claimed_at = ?"
                + " WHERE id = ? AND status = 'OWED'", Timestamp.from(now), id) == 1;
    }

    public void markSent(long id, Instant now) {
        jdbc.update("UPDATE outbound_mail SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'SENDING'",
                Timestamp.from(now), id);
    }

    /** SENDING → OWED again, due at {@code retryAt}. */
    public void retryLater(long id, Instant retryAt, String error) {
        jdbc.update("UPDATE outbound_mail SET status = 'OWED', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'SENDING'",
                Timestamp.from(retryAt), cut(error, 4000), id);
    }

    public void markFailed(long id, String error) {
        jdbc.update("UPDATE outbound_mail SET status = 'FAILED', last_error = ? WHERE id = ? AND status = 'SENDING'",
                cut(error, 4000), id);
    }

    /** Every row left SENDING (by a hub that stopped during the send) becomes UNCERTAIN; returns them. */
    public List<OutboundMail> markInterruptedUncertain(String reason) {
        List<OutboundMail> interrupted = jdbc.query("SELECT " + COLUMNS + " FROM outbound_mail WHERE status = 'SENDING'", ROW);
        for (OutboundMail mail : interrupted) {
            jdbc.update("UPDATE outbound_mail SET status = 'UNCERTAIN', last_error = ? WHERE id = ? AND status = 'SENDING'",
                    cut(reason, 4000), mail.id());
        }
        return interrupted.stream().map(m -> find(m.id()).orElse(m)).toList();
    }

    /** A person decided: an UNCERTAIN or FAILED row is owed again (attempts reset). */
    public boolean oweAgain(long id, Instant now) {
        return jdbc.update("UPDATE outbound_mail SET status = 'OWED', attempts = 0, next_attempt_at = ?"
                + " WHERE id = ? AND status IN ('UNCERTAIN', 'FAILED')", Timestamp.from(now), id) == 1;
    }

    public Optional<OutboundMail> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbound_mail WHERE id = ?", ROW, id).stream().findFirst();
    }

    public List<OutboundMail> ofTicket(long ticketId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbound_mail WHERE ticket_id = ? ORDER BY id", ROW, ticketId);
    }

    public List<OutboundMail> withStatus(List<OutboundMail.Status> statuses, int limit) {
        String marks = String.join(", ", statuses.stream().map(s -> "?").toList());
        return jdbc.query("SELECT " + COLUMNS + " FROM outbound_mail WHERE status IN (" + marks + ") ORDER BY id DESC",
                ps -> {
                    int i = 1;
                    for (OutboundMail.Status s : statuses) {
                        ps.setString(i++, s.name());
                    }
                    ps.setMaxRows(limit);
                }, ROW);
    }

    private static final RowMapper<OutboundMail> ROW = (rs, i) -> new OutboundMail(rs.getLong("id"),
            rs.getLong("ticket_id"), OutboundMail.Kind.valueOf(rs.getString("kind")), rs.getString("sender"),
            rs.getString("recipient"), rs.getString("thread_key"), rs.getString("message_id"),
            rs.getString("in_reply_to"), words(rs.getString("thread_references")), rs.getString("subject"),
            rs.getString("body_text"), rs.getString("body_html"), OutboundMail.Status.valueOf(rs.getString("status")),
            rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("claimed_at")), instant(rs.getTimestamp("sent_at")), rs.getString("last_error"));

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
