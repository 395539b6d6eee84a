package fr.relais.ticket.inbound;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.relais.mail.outbound.Outbox;
import fr.relais.platform.InvalidInputException;
import fr.relais.store.JdbcIdempotentRepository;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.Urgency;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Optional;

/**
 * The beans of the route tickets-inbound: read a JSON ticket request, then open its ticket exactly once.
 * The request's key is recorded in the same database transaction as the ticket, so a crash before the
 * queue's acknowledgement replays the message without opening a second ticket. Claire's notification is owed
 * in that transaction too (the outbox decides; a ticket not from mail always gets one).
 */
@Component("ticketRequests")
public class TicketRequests {

    static final String PROCESSOR = "tickets-inbound";

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final TicketService tickets;
    private final JdbcIdempotentRepository seen;
    private final Outbox outbox;

    public TicketRequests(TicketService tickets, DataSource dataSource, Outbox outbox) {
        this.tickets = tickets;
        this.seen = new JdbcIdempotentRepository(dataSource, PROCESSOR);
        this.outbox = outbox;
    }

    /** Parses the request; a request that cannot be read is bad input (not retried, dead-lettered with the reason). */
    public TicketRequest read(@Body String body, @Header("JMSMessageID") String messageId) {
        TicketRequest request;
        try {
            request = json.readValue(body, TicketRequest.class);
        } catch (Exception e) {
            throw new InvalidInputException("tickets-inbound: the request is not valid JSON for a ticket: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (request == null) {
            throw new InvalidInputException("tickets-inbound: empty request");
        }
        if (request.key() == null || request.key().isBlank()) {
            request = new TicketRequest(messageId, request.category(), request.urgency(), request.origin(),
                    request.customerId(), request.contact(), request.subject(), request.description(),
                    request.assignee(), request.dueDate());
        }
        if (request.key() == null || request.key().length() > 400) {
            throw new InvalidInputException("tickets-inbound: field 'key' must be 1 to 400 characters");
        }
        return request;
    }

    /** Opens the ticket, or nothing when this request's key was already handled; returns what happened. */
    @Transactional
    public Outcome open(TicketRequest request) {
        if (!seen.add(request.key())) {
            return new Outcome(request.key(), null, true);
        }
        NewTicket ticket = new NewTicket(
                parse("category", request.category(), TicketCategory.class, null),
                parse("urgency", request.urgency(), Urgency.class, Urgency.NORMAL),
                parse("origin", request.origin(), TicketOrigin.class, TicketOrigin.TECHNICIAN),
                request.customerId(), request.contact(), request.subject(), request.description(),
                request.assignee(), request.dueDate(), null, null);
        Ticket opened = tickets.open(ticket, "system:" + PROCESSOR);
        // a ticket that does not come from mail owes Claire a notification, in the same transaction
        outbox.owesNotification(opened.id());
        seen.confirm(request.key());
        return new Outcome(request.key(), opened.reference(), false);
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new InvalidInputException("tickets-inbound: field '" + field + "' is required");
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("tickets-inbound: field '" + field + "': '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** What a request became: the ticket's reference, or a duplicate of a request already handled. */
    public record Outcome(String key, String reference, boolean duplicate) {
        public Optional<String> ticket() {
            return Optional.ofNullable(reference);
        }
    }
}
