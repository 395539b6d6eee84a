package fr.relais.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ticket store as the routes and the REST API use it: open a ticket, add messages and attachments,
 * change it (with a history line per changed field), find and search.
 * <p>
 * Every write runs in one transaction of the hub's database (joining the caller's transaction if there is
 * one on the same {@code DataSource}). References are {@code REL-<year>-<6 digits>}, consecutive per year;
 * the year is the one of the company's time zone (Europe/Paris by default) at creation.
 */
@Service
public class TicketService {

    /** The actor recorded when nobody in particular made a change. */
    public static final String SYSTEM_ACTOR = "system";

    public static final int MAX_PAGE_SIZE = 200;

    private static final Pattern REFERENCE = Pattern.compile("REL-(\\d{4})-(\\d{6,})");

    private final TicketRepository tickets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId referenceZone;

    @Autowired
    public TicketService(TicketRepository tickets) {
        this(tickets, Clock.systemUTC(), ZoneId.of("Europe/Paris"));
    }

    public TicketService(TicketRepository tickets, Clock clock, ZoneId referenceZone) {
        this.tickets = tickets;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(tickets.dataSource()));
        this.clock = clock;
        this.referenceZone = referenceZone;
    }

    /** True when the text has the shape of a ticket reference ({@code REL-2026-000123}). */
    public static boolean isReference(String text) {
        return text != null && REFERENCE.matcher(text).matches();
    }

    public static String reference(int year, long number) {
        return String.format("REL-%04d-%06d", year, number);
    }

    // ---------------------------------------------------------------- open

    /**
     * Opens a ticket with status NEW and a first history line (status: none → NEW).
     *
     * @throws InvalidTicketException when a required field is missing or the customer does not exist
     */
    public Ticket open(NewTicket ticket, String actor) {
        validate(ticket);
        Instant now = Instant.now(clock);
        int year = now.atZone(referenceZone).getYear();
        tickets.ensureReferenceCounter(year);
        return inTransaction(() -> {
            String reference = reference(year, tickets.nextReferenceNumber(year));
            long id = tickets.insert(reference, ticket, TicketStatus.NEW, now);
            tickets.insertHistory(id, now, actorOrSystem(actor), "status", null, TicketStatus.NEW.name());
            return tickets.findById(id).orElseThrow();
        });
    }

    private void validate(NewTicket t) {
        var errors = new ArrayList<FieldError>();
        if (t.subject() == null || t.subject().isBlank()) {
            errors.add(new FieldError("subject", "must not be blank"));
        }
        if (t.category() == null) {
            errors.add(new FieldError("category", "is required"));
        }
        if (t.urgency() == null) {
            errors.add(new FieldError("urgency", "is required"));
        }
        if (t.origin() == null) {
            errors.add(new FieldError("origin", "is required"));
        }
        if (t.customerId() == null && (t.contact() == null || t.contact().isEmpty())) {
            errors.add(new FieldError("customerId", "a customerId or a contact (name, email or phone) is required"));
        }
        if (t.customerId() != null && !tickets.customerExists(t.customerId())) {
            errors.add(new FieldError("customerId", "no customer " + t.customerId()));
        }
        if (t.classificationConfidence() != null
                && (t.classificationConfidence() < 0 || t.classificationConfidence() > 1)) {
            errors.add(new FieldError("classificationConfidence", "must be between 0 and 1"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidTicketException(errors);
        }
    }

    // ---------------------------------------------------------------- messages and attachments

    /**
     * Adds a message to a ticket. A message IN from the customer on a ticket WAITING_CUSTOMER or RESOLVED
     * reopens it (status → OPEN, with a history line by {@code actor}); a CLOSED ticket stays closed (the
     * caller decides whether a mail on a closed matter opens a new ticket).
     */
    public TicketMessage addMessage(long ticketId, NewMessage message, String actor) {
        Objects.requireNonNull(message.direction(), "direction");
        Objects.requireNonNull(message.channel(), "channel");
        Instant now = Instant.now(clock);
        return inTransaction(() -> {
            Ticket ticket = lock(ticketId);
            long messageId = tickets.insertMessage(ticketId, message, now);
            TicketStatus status = ticket.status();
            boolean customerReplied = message.direction() == MessageDirection.IN
                    && (status == TicketStatus.WAITING_CUSTOMER || status == TicketStatus.RESOLVED);
            TicketStatus newStatus = customerReplied ? TicketStatus.OPEN : status;
            tickets.update(ticket.withStatus(newStatus), now);
            if (newStatus != status) {
                tickets.insertHistory(ticketId, now, actorOrSystem(actor), "status", status.name(), newStatus.name());
            }
            return tickets.findMessage(messageId).orElseThrow();
        });
    }

    /** Links an attachment (already filed by the caller) to a ticket and optionally to one of its messages. */
    public TicketAttachment addAttachment(long ticketId, NewAttachment attachment) {
        var errors = new ArrayList<FieldError>();
        if (attachment.storedPath() == null || attachment.storedPath().isBlank()) {
            errors.add(new FieldError("storedPath", "must not be blank"));
        }
        if (attachment.sha256() == null || !attachment.sha256().matches("[0-9a-f]{64}")) {
            errors.add(new FieldError("sha256", "must be 64 lower-case hexadecimal digits"));
        }
        if (attachment.size() < 0) {
            errors.add(new FieldError("size", "must not be negative"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidTicketException(errors);
        }
        Instant now = Instant.now(clock);
        return inTransaction(() -> {
            Ticket ticket = lock(ticketId);
            if (attachment.messageId() != null) {
                boolean ofThisTicket = tickets.findMessage(attachment.messageId())
                        .map(m -> m.ticketId() == ticketId).orElse(false);
                if (!ofThisTicket) {
                    throw new InvalidTicketException("messageId",
                            "message " + attachment.messageId() + " is not a message of ticket " + ticketId);
                }
            }
            long id = tickets.insertAttachment(ticketId, attachment, now);
            tickets.update(ticket, now);
            return tickets.findAttachment(id).orElseThrow();
        });
    }

    // ---------------------------------------------------------------- changes

    /**
     * Applies a partial change in one transaction; one history line per field whose value really changes.
     *
     * @throws TicketNotFoundException        no such ticket
     * @throws TransitionNotAllowedException the status move is not allowed (see {@link TicketStatus})
     */
    public Ticket update(long ticketId, TicketChanges changes, String actor) {
        if (changes.customerId() != null && !tickets.customerExists(changes.customerId())) {
            throw new InvalidTicketException("customerId", "no customer " + changes.customerId());
        }
        Instant now = Instant.now(clock);
        String who = actorOrSystem(actor);
        return inTransaction(() -> {
            Ticket before = lock(ticketId);
            Ticket after = before;
            var history = new ArrayList<String[]>();
            if (changes.status() != null && changes.status() != before.status()) {
                if (!before.status().canMoveTo(changes.status())) {
                    throw new TransitionNotAllowedException(before.status(), changes.status());
                }
                after = after.withStatus(changes.status());
                history.add(new String[] {"status", before.status().name(), changes.status().name()});
            }
            if (changes.category() != null && changes.category() != before.category()) {
                after = after.withCategory(changes.category());
                history.add(new String[] {"category", before.category().name(), changes.category().name()});
            }
            if (changes.urgency() != null && changes.urgency() != before.urgency()) {
                after = after.withUrgency(changes.urgency());
                history.add(new String[] {"urgency", before.urgency().name(), changes.urgency().name()});
            }
            if (changes.assignee() != null) {
                String assignee = changes.assignee().filter(a -> !a.isBlank()).map(String::strip).orElse(null);
                if (!Objects.equals(assignee, before.assignee())) {
                    after = after.withAssignee(assignee);
                    history.add(new String[] {"assignee", before.assignee(), assignee});
                }
            }
            if (changes.dueDate() != null) {
                LocalDate dueDate = changes.dueDate().orElse(null);
                if (!Objects.equals(dueDate, before.dueDate())) {
                    after = after.withDueDate(dueDate);
                    history.add(new String[] {"dueDate", text(before.dueDate()), text(dueDate)});
                }
            }
            if (changes.customerId() != null && !changes.customerId().equals(before.customerId())) {
                after = after.withCustomerId(changes.customerId());
                history.add(new String[] {"customerId", text(before.customerId()), text(changes.customerId())});
            }
            if (history.isEmpty()) {
                return before;
            }
            tickets.update(after, now);
            for (String[] h : history) {
                tickets.insertHistory(ticketId, now, who, h[0], h[1], h[2]);
            }
            return tickets.findById(ticketId).orElseThrow();
        });
    }

    public Ticket changeStatus(long ticketId, TicketStatus status, String actor) {
        return update(ticketId, TicketChanges.none().status(status), actor);
    }

    public Ticket changeCategory(long ticketId, TicketCategory category, String actor) {
        return update(ticketId, TicketChanges.none().category(category), actor);
    }

    public Ticket changeUrgency(long ticketId, Urgency urgency, String actor) {
        return update(ticketId, TicketChanges.none().urgency(urgency), actor);
    }

    /** Assigns the ticket to someone, or unassigns it when {@code assignee} is null. */
    public Ticket assign(long ticketId, String assignee, String actor) {
        return update(ticketId, TicketChanges.none().assignee(assignee), actor);
    }

    /** Sets the due date, or removes it when {@code dueDate} is null. */
    public Ticket changeDueDate(long ticketId, LocalDate dueDate, String actor) {
        return update(ticketId, TicketChanges.none().dueDate(dueDate), actor);
    }

    /** Links the ticket to a canonical customer (once the sender has been identified); the contact is kept. */
    public Ticket linkCustomer(long ticketId, long customerId, String actor) {
        return update(ticketId, TicketChanges.none().customerId(customerId), actor);
    }

    // ---------------------------------------------------------------- reading

    public Optional<Ticket> findById(long id) {
        return tickets.findById(id);
    }

    public Optional<Ticket> findByReference(String reference) {
        return tickets.findByReference(reference);
    }

    /** A ticket by its numeric id or by its reference ({@code REL-2026-000123}). */
    public Optional<Ticket> find(String idOrReference) {
        if (idOrReference == null) {
            return Optional.empty();
        }
        String key = idOrReference.strip();
        if (key.matches("\\d{1,18}")) {
            return tickets.findById(Long.parseLong(key));
        }
        return tickets.findByReference(key.toUpperCase(Locale.ROOT));
    }

    /** The ticket holding a message with this source id (Message-ID or Graph id). */
    public Optional<Ticket> findByExternalMessageId(String externalMessageId) {
        return tickets.findByExternalMessageId(externalMessageId);
    }

    /** The ticket holding a message the hub sent with this Message-ID. */
    public Optional<Ticket> findByHubMessageId(String hubMessageId) {
        return tickets.findByHubMessageId(hubMessageId);
    }

    public Optional<TicketDetails> details(long id) {
        return tickets.findById(id).map(t -> new TicketDetails(t, tickets.messages(id), tickets.attachments(id),
                tickets.history(id)));
    }

    public List<TicketMessage> messages(long ticketId) {
        return tickets.messages(ticketId);
    }

    public List<TicketHistoryEntry> history(long ticketId) {
        return tickets.history(ticketId);
    }

    /** One page of tickets matching the filter, newest first; {@code page} from 0, {@code size} 1 to 200. */
    public TicketPage search(TicketFilter filter, int page, int size) {
        if (page < 0) {
            throw new InvalidTicketException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidTicketException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return tickets.search(filter == null ? TicketFilter.any() : filter, page, size);
    }

    // ---------------------------------------------------------------- helpers

    private Ticket lock(long ticketId) {
        return tickets.findByIdForUpdate(ticketId)
                .orElseThrow(() -> new TicketNotFoundException(String.valueOf(ticketId)));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    private static String actorOrSystem(String actor) {
        return actor == null || actor.isBlank() ? SYSTEM_ACTOR : actor;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
