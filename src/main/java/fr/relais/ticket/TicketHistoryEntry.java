package fr.relais.ticket;

import java.time.Instant;

/** One change of one field of a ticket. Field names: status, category, urgency, assignee, dueDate, customerId. */
public record TicketHistoryEntry(long id, long ticketId, Instant at, String actor, String field, String oldValue,
                                 String newValue) {
}
