package fr.relais.ticket.inbound;

import fr.relais.ticket.Contact;

import java.time.LocalDate;

/**
 * A ticket asked for by another system or flow, as JSON on the queue relais.tickets.inbound.
 * {@code key} identifies the request at its source (e.g. "tech-form-8812"): the same key never opens two
 * tickets. Without a key, the JMS message id stands in (a redelivery keeps it).
 */
public record TicketRequest(String key, String category, String urgency, String origin, Long customerId,
                            Contact contact, String subject, String description, String assignee, LocalDate dueDate) {
}
