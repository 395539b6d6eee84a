package fr.relais.ticket;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A partial change of a ticket. For status, category, urgency and customerId null means "unchanged" (a
 * ticket linked to a customer stays linked). For assignee and due date null means "unchanged" and
 * {@code Optional.empty()} means "clear it".
 */
public record TicketChanges(TicketStatus status, TicketCategory category, Urgency urgency,
                            Optional<String> assignee, Optional<LocalDate> dueDate, Long customerId) {

    public static TicketChanges none() {
        return new TicketChanges(null, null, null, null, null, null);
    }

    /** Links the ticket to a canonical customer (once the sender has been identified). */
    public TicketChanges customerId(Long value) {
        return new TicketChanges(status, category, urgency, assignee, dueDate, value);
    }

    public TicketChanges status(TicketStatus value) {
        return new TicketChanges(value, category, urgency, assignee, dueDate, customerId);
    }

    public TicketChanges category(TicketCategory value) {
        return new TicketChanges(status, value, urgency, assignee, dueDate, customerId);
    }

    public TicketChanges urgency(Urgency value) {
        return new TicketChanges(status, category, value, assignee, dueDate, customerId);
    }

    /** Assigns to someone, or clears the assignee when null. */
    public TicketChanges assignee(String value) {
        return new TicketChanges(status, category, urgency, Optional.ofNullable(value), dueDate, customerId);
    }

    /** Sets the due date, or clears it when null. */
    public TicketChanges dueDate(LocalDate value) {
        return new TicketChanges(status, category, urgency, assignee, Optional.ofNullable(value), customerId);
    }

    public boolean isEmpty() {
        return status == null && category == null && urgency == null && assignee == null && dueDate == null
                && customerId == null;
    }
}
