package fr.relais.ticket;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A partial change of a ticket. For status, category and urgency null means "unchanged". For assignee and
 * due date null means "unchanged" and {@code Optional.empty()} means "clear it".
 */
public record TicketChanges(TicketStatus status, TicketCategory category, Urgency urgency,
                            Optional<String> assignee, Optional<LocalDate> dueDate) {

    public static TicketChanges none() {
        return new TicketChanges(null, null, null, null, null);
    }

    public TicketChanges status(TicketStatus value) {
        return new TicketChanges(value, category, urgency, assignee, dueDate);
    }

    public TicketChanges category(TicketCategory value) {
        return new TicketChanges(status, value, urgency, assignee, dueDate);
    }

    public TicketChanges urgency(Urgency value) {
        return new TicketChanges(status, category, value, assignee, dueDate);
    }

    /** Assigns to someone, or clears the assignee when null. */
    public TicketChanges assignee(String value) {
        return new TicketChanges(status, category, urgency, Optional.ofNullable(value), dueDate);
    }

    /** Sets the due date, or clears it when null. */
    public TicketChanges dueDate(LocalDate value) {
        return new TicketChanges(status, category, urgency, assignee, Optional.ofNullable(value));
    }

    public boolean isEmpty() {
        return status == null && category == null && urgency == null && assignee == null && dueDate == null;
    }
}
