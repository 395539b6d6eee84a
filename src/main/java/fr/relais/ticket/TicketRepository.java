package fr.relais.ticket;

import static fr.relais.store.SqlValues.cut;
import static fr.relais.store.SqlValues.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import fr.relais.store.SqlValues;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL access to the ticket tables, with named parameters only. No business rule here: statuses, history
 * and transactions are the {@link TicketService}'s job.
 */
@Repository
public class TicketRepository {

    /** Message ids longer than this are stored cut (and looked up cut the same way). */
    static final int MESSAGE_ID_MAX = 512;

    private static final String TICKET_COLUMNS = "id, reference, category, urgency, status, origin, customer_id,"
            + " contact_name, contact_email, contact_phone, subject, description, assignee, due_date,"
            + " classification_confidence, classification_explanation, created_at, updated_at, version";

    private static final String MESSAGE_COLUMNS = "id, ticket_id, direction, channel, from_address, to_address,"
            + " subject, body_text, body_html_sanitized, external_message_id, hub_message_id, message_at,"
            + " raw_source_ref, created_at";

    private static final String ATTACHMENT_COLUMNS = "id, ticket_id, message_id, original_name, stored_path,"
            + " content_type, size_bytes, sha256, created_at";

    private static final RowMapper<Ticket> TICKET = TicketRepository::ticket;

    private static final RowMapper<TicketMessage> MESSAGE = (rs, n) -> new TicketMessage(rs.getLong("id"),
            rs.getLong("ticket_id"), MessageDirection.valueOf(rs.getString("direction")),
            MessageChannel.valueOf(rs.getString("channel")), rs.getString("from_address"),
            rs.getString("to_address"), rs.getString("subject"), rs.getString("body_text"),
            rs.getString("body_html_sanitized"), rs.getString("external_message_id"),
            rs.getString("hub_message_id"), SqlValues.instant(rs, "message_at"), rs.getString("raw_source_ref"),
            SqlValues.instant(rs, "created_at"));

    private static final RowMapper<TicketAttachment> ATTACHMENT = (rs, n) -> new TicketAttachment(rs.getLong("id"),
            rs.getLong("ticket_id"), SqlValues.nullableLong(rs, "message_id"), rs.getString("original_name"),
            rs.getString("stored_path"), rs.getString("content_type"), rs.getLong("size_bytes"),
            rs.getString("sha256"), SqlValues.instant(rs, "created_at"));

    private static final RowMapper<TicketHistoryEntry> HISTORY = (rs, n) -> new TicketHistoryEntry(rs.getLong("id"),
            rs.getLong("ticket_id"), SqlValues.instant(rs, "changed_at"), rs.getString("actor"),
            rs.getString("field_name"), rs.getString("old_value"), rs.getString("new_value"));

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate nested;

    public TicketRepository(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.nested = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    // ---------------------------------------------------------------- reference numbers

    /**
     * Makes sure the counter row of a year exists. Safe when several callers race for the first ticket of
     * a year: the loser's INSERT hits the primary key and is ignored (on a savepoint when inside a transaction).
     */
    public void ensureReferenceCounter(int year) {
        var params = new MapSqlParameterSource("year", year);
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM ticket_reference_counter WHERE ref_year = :year",
                params, Integer.class);
        if (rows != null && rows > 0) {
            return;
        }
        try {
            nested.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO ticket_reference_counter (ref_year, last_number) VALUES (:year, 0)", params));
        } catch (DataIntegrityViolationException createdByAnotherCaller) {
            // the row exists now, which is all we wanted
        }
    }

    /**
     * Takes the next number of a year. Must run inside the transaction that inserts the ticket: the UPDATE
     * locks the counter row until that transaction ends, so concurrent callers get consecutive numbers, and
     * a rollback gives the number back.
     */
    public long nextReferenceNumber(int year) {
        var params = new MapSqlParameterSource("year", year);
        int updated = jdbc.update("UPDATE ticket_reference_counter SET last_number = last_number + 1"
                + " WHERE ref_year = :year", params);
        if (updated != 1) {
            throw new IllegalStateException("no reference counter for year " + year);
        }
        return jdbc.queryForObject("SELECT last_number FROM ticket_reference_counter WHERE ref_year = :year",
                params, Long.class);
    }

    // ---------------------------------------------------------------- tickets

    public long insert(String reference, NewTicket t, TicketStatus status, Instant now) {
        Contact contact = t.contact() == null ? Contact.NONE : t.contact();
        var params = new MapSqlParameterSource()
                .addValue("reference", reference)
                .addValue("category", t.category().name())
                .addValue("urgency", t.urgency().name())
                .addValue("status", status.name())
                .addValue("origin", t.origin().name())
                .addValue("customerId", t.customerId())
                .addValue("contactName", cut(contact.name(), 255))
                .addValue("contactEmail", cut(contact.email(), 320))
                .addValue("contactPhone", cut(contact.phone(), 32))
                .addValue("subject", cut(t.subject(), 1000))
                .addValue("description", t.description())
                .addValue("assignee", cut(t.assignee(), 128))
                .addValue("dueDate", t.dueDate())
                .addValue("confidence", t.classificationConfidence())
                .addValue("explanation", t.classificationExplanation())
                .addValue("now", utc(now));
        var keys = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO ticket (reference, category, urgency, status, origin, customer_id, contact_name,"
                + " contact_email, contact_phone, subject, description, assignee, due_date,"
                + " classification_confidence, classification_explanation, created_at, updated_at, version)"
                + " VALUES (:reference, :category, :urgency, :status, :origin, :customerId, :contactName,"
                + " :contactEmail, :contactPhone, :subject, :description, :assignee, :dueDate,"
                + " :confidence, :explanation, :now, :now, 0)", params, keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public Optional<Ticket> findById(long id) {
        return one("SELECT " + TICKET_COLUMNS + " FROM ticket WHERE id = :id", new MapSqlParameterSource("id", id));
    }

    /** Reads a ticket and locks its row until the end of the current transaction. */
    public Optional<Ticket> findByIdForUpdate(long id) {
        return one("SELECT " + TICKET_COLUMNS + " FROM ticket WHERE id = :id FOR UPDATE",
                new MapSqlParameterSource("id", id));
    }

    public Optional<Ticket> findByReference(String reference) {
        return one("SELECT " + TICKET_COLUMNS + " FROM ticket WHERE reference = :reference",
                new MapSqlParameterSource("reference", reference));
    }

    /** The ticket holding a message with this source id (the most recent one if several do). */
    public Optional<Ticket> findByExternalMessageId(String externalMessageId) {
        return one("SELECT " + TICKET_COLUMNS + " FROM ticket WHERE id = (SELECT MAX(ticket_id) FROM ticket_message"
                + " WHERE external_message_id = :messageId)", new MapSqlParameterSource("messageId", cut(externalMessageId, MESSAGE_ID_MAX)));
    }

    /** The ticket holding a message the hub sent with this Message-ID. */
    public Optional<Ticket> findByHubMessageId(String hubMessageId) {
        return one("SELECT " + TICKET_COLUMNS + " FROM ticket WHERE id = (SELECT MAX(ticket_id) FROM ticket_message"
                + " WHERE hub_message_id = :messageId)", new MapSqlParameterSource("messageId", cut(hubMessageId, MESSAGE_ID_MAX)));
    }

    /**
     * Writes the changeable fields of a ticket if nobody changed it since it was read ({@code version});
     * the stored version is incremented.
     *
     * @throws OptimisticLockingFailureException when the ticket changed in between
     */
    public void update(Ticket t, Instant now) {
        var params = new MapSqlParameterSource()
                .addValue("id", t.id())
                .addValue("version", t.version())
                .addValue("category", t.category().name())
                .addValue("urgency", t.urgency().name())
                .addValue("status", t.status().name())
                .addValue("customerId", t.customerId())
                .addValue("assignee", cut(t.assignee(), 128))
                .addValue("dueDate", t.dueDate())
                .addValue("now", utc(now));
        int updated = jdbc.update("UPDATE ticket SET category = :category, urgency = :urgency, status = :status,"
                + " customer_id = :customerId, assignee = :assignee, due_date = :dueDate, updated_at = :now,"
                + " version = version + 1 WHERE id = :id AND version = :version", params);
        if (updated != 1) {
            throw new OptimisticLockingFailureException("ticket " + t.id() + " changed since version " + t.version());
        }
    }

    public TicketPage search(TicketFilter filter, int page, int size) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new MapSqlParameterSource();
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.addValue("statuses", names(filter.statuses()));
        }
        if (filter.categories() != null && !filter.categories().isEmpty()) {
            where.append(" AND category IN (:categories)");
            params.addValue("categories", names(filter.categories()));
        }
        if (filter.urgencies() != null && !filter.urgencies().isEmpty()) {
            where.append(" AND urgency IN (:urgencies)");
            params.addValue("urgencies", names(filter.urgencies()));
        }
        if (filter.origins() != null && !filter.origins().isEmpty()) {
            where.append(" AND origin IN (:origins)");
            params.addValue("origins", names(filter.origins()));
        }
        if (filter.customerId() != null) {
            where.append(" AND customer_id = :customerId");
            params.addValue("customerId", filter.customerId());
        }
        if (filter.assignee() != null) {
            where.append(" AND assignee = :assignee");
            params.addValue("assignee", filter.assignee());
        }
        if (filter.contactEmail() != null) {
            where.append(" AND LOWER(contact_email) = :contactEmail");
            params.addValue("contactEmail", filter.contactEmail().strip().toLowerCase(Locale.ROOT));
        }
        if (filter.createdSince() != null) {
            where.append(" AND created_at >= :createdSince");
            params.addValue("createdSince", utc(filter.createdSince()));
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM ticket" + where, params, Long.class);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<Ticket> items = jdbc.query("SELECT " + TICKET_COLUMNS + " FROM ticket" + where
                + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset", params, TICKET);
        return new TicketPage(items, page, size, total == null ? 0 : total);
    }

    public boolean customerExists(long customerId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE id = :id",
                new MapSqlParameterSource("id", customerId), Integer.class);
        return count != null && count > 0;
    }

    // ---------------------------------------------------------------- messages, attachments, history

    public long insertMessage(long ticketId, NewMessage m, Instant now) {
        var params = new MapSqlParameterSource()
                .addValue("ticketId", ticketId)
                .addValue("direction", m.direction().name())
                .addValue("channel", m.channel().name())
                .addValue("from", cut(m.from(), 1000))
                .addValue("to", cut(m.to(), 4000))
                .addValue("subject", cut(m.subject(), 1000))
                .addValue("bodyText", m.bodyText())
                .addValue("bodyHtml", m.bodyHtmlSanitized())
                .addValue("externalId", cut(m.externalMessageId(), MESSAGE_ID_MAX))
                .addValue("hubId", cut(m.hubMessageId(), MESSAGE_ID_MAX))
                .addValue("at", utc(m.at() == null ? now : m.at()))
                .addValue("rawRef", m.rawSourceRef())
                .addValue("now", utc(now));
        var keys = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO ticket_message (ticket_id, direction, channel, from_address, to_address, subject,"
                + " body_text, body_html_sanitized, external_message_id, hub_message_id, message_at, raw_source_ref,"
                + " created_at) VALUES (:ticketId, :direction, :channel, :from, :to, :subject, :bodyText, :bodyHtml,"
                + " :externalId, :hubId, :at, :rawRef, :now)", params, keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public Optional<TicketMessage> findMessage(long messageId) {
        return jdbc.query("SELECT " + MESSAGE_COLUMNS + " FROM ticket_message WHERE id = :id",
                new MapSqlParameterSource("id", messageId), MESSAGE).stream().findFirst();
    }

    public List<TicketMessage> messages(long ticketId) {
        return jdbc.query("SELECT " + MESSAGE_COLUMNS + " FROM ticket_message WHERE ticket_id = :ticketId"
                + " ORDER BY message_at, id", new MapSqlParameterSource("ticketId", ticketId), MESSAGE);
    }

    public long insertAttachment(long ticketId, NewAttachment a, Instant now) {
        var params = new MapSqlParameterSource()
                .addValue("ticketId", ticketId)
                .addValue("messageId", a.messageId())
                .addValue("originalName", cut(a.originalName(), 1000))
                .addValue("storedPath", a.storedPath())
                .addValue("contentType", cut(a.contentType(), 255))
                .addValue("size", a.size())
                .addValue("sha256", a.sha256())
                .addValue("now", utc(now));
        var keys = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO ticket_attachment (ticket_id, message_id, original_name, stored_path, content_type,"
                + " size_bytes, sha256, created_at) VALUES (:ticketId, :messageId, :originalName, :storedPath,"
                + " :contentType, :size, :sha256, :now)", params, keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public Optional<TicketAttachment> findAttachment(long attachmentId) {
        return jdbc.query("SELECT " + ATTACHMENT_COLUMNS + " FROM ticket_attachment WHERE id = :id",
                new MapSqlParameterSource("id", attachmentId), ATTACHMENT).stream().findFirst();
    }

    public List<TicketAttachment> attachments(long ticketId) {
        return jdbc.query("SELECT " + ATTACHMENT_COLUMNS + " FROM ticket_attachment WHERE ticket_id = :ticketId"
                + " ORDER BY id", new MapSqlParameterSource("ticketId", ticketId), ATTACHMENT);
    }

    public void insertHistory(long ticketId, Instant at, String actor, String field, String oldValue,
                              String newValue) {
        jdbc.update("INSERT INTO ticket_history (ticket_id, changed_at, actor, field_name, old_value, new_value)"
                        + " VALUES (:ticketId, :at, :actor, :field, :oldValue, :newValue)",
                new MapSqlParameterSource("ticketId", ticketId).addValue("at", utc(at))
                        .addValue("actor", cut(actor, 128)).addValue("field", field)
                        .addValue("oldValue", cut(oldValue, 4000)).addValue("newValue", cut(newValue, 4000)));
    }

    public List<TicketHistoryEntry> history(long ticketId) {
        return jdbc.query("SELECT id, ticket_id, changed_at, actor, field_name, old_value, new_value"
                        + " FROM ticket_history WHERE ticket_id = :ticketId ORDER BY id",
                new MapSqlParameterSource("ticketId", ticketId), HISTORY);
    }

    // ---------------------------------------------------------------- mapping

    private Optional<Ticket> one(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, TICKET).stream().findFirst();
    }

    private static List<String> names(Iterable<? extends Enum<?>> values) {
        var names = new ArrayList<String>();
        values.forEach(v -> names.add(v.name()));
        return names;
    }

    private static Ticket ticket(ResultSet rs, int rowNum) throws SQLException {
        var contact = new Contact(rs.getString("contact_name"), rs.getString("contact_email"),
                rs.getString("contact_phone"));
        return new Ticket(rs.getLong("id"), rs.getString("reference"),
                TicketCategory.valueOf(rs.getString("category")), Urgency.valueOf(rs.getString("urgency")),
                TicketStatus.valueOf(rs.getString("status")), TicketOrigin.valueOf(rs.getString("origin")),
                SqlValues.nullableLong(rs, "customer_id"), contact, rs.getString("subject"),
                rs.getString("description"), rs.getString("assignee"), SqlValues.date(rs, "due_date"),
                SqlValues.nullableDouble(rs, "classification_confidence"),
                rs.getString("classification_explanation"), SqlValues.instant(rs, "created_at"),
                SqlValues.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
