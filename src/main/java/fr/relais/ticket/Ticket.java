package fr.relais.ticket;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ticket as stored. {@code customerId} points to the canonical customer registry (null while the
 * sender is unknown, then {@code contact} says who it is).
 */
public record Ticket(long id, String reference, TicketCategory category, Urgency urgency, TicketStatus status,
                     TicketOrigin origin, Long customerId, Contact contact, String subject, String description,
                     String assignee, LocalDate dueDate, Double classificationConfidence,
                     String classificationExplanation, Instant createdAt, Instant updatedAt, long version) {

    public Ticket withStatus(TicketStatus value) {
        return new Ticket(id, reference, category, urgency, value, origin, customerId, contact, subject, description, assignee, dueDate, classificationConfidence, classificationExplanation, createdAt, updatedAt, version);
    }

    public Ticket withCategory(TicketCategory value) {
        return new Ticket(id, reference, value, urgency, status, origin, customerId, contact, subject, description, assignee, dueDate, classificationConfidence, classificationExplanation, createdAt, updatedAt, version);
    }

    public Ticket withUrgency(Urgency value) {
        return new Ticket(id, reference, category, value, status, origin, customerId, contact, subject, description, assignee, dueDate, classificationConfidence, classificationExplanation, createdAt, updatedAt, version);
    }

    public Ticket withAssignee(String value) {
        return new Ticket(id, reference, category, urgency, status, origin, customerId, contact, subject, description, value, dueDate, classificationConfidence, classificationExplanation, createdAt, updatedAt, version);
    }

    public Ticket withDueDate(LocalDate value) {
        return new Ticket(id, reference, category, urgency, status, origin, customerId, contact, subject, description, assignee, value, classificationConfidence, classificationExplanation, createdAt, updatedAt, version);
    }

    public Ticket withCustomerId(Long value) {
        return new Ticket(id, reference, category, urgency, status, origin, value, contact, subject, description, assignee, dueDate, classificationConfidence, classificationExplanation, createdAt, updatedAt, version);
    }
}
