package fr.relais.ticket;

import java.time.LocalDate;

/**
 * What a flow (or a person) gives to open a ticket. Required: category, urgency, origin, subject, and a
 * customer id or a non-empty contact. The classification fields are for tickets opened from a mail.
 */
public record NewTicket(TicketCategory category, Urgency urgency, TicketOrigin origin, Long customerId,
                        Contact contact, String subject, String description, String assignee, LocalDate dueDate,
                        Double classificationConfidence, String classificationExplanation) {

    /** The usual short form: no assignee, no due date, no classification. */
    public static NewTicket of(TicketCategory category, Urgency urgency, TicketOrigin origin, Long customerId,
                               Contact contact, String subject, String description) {
        return new NewTicket(category, urgency, origin, customerId, contact, subject, description, null, null,
                null, null);
    }

    public NewTicket withAssignment(String assignee, LocalDate dueDate) {
        return new NewTicket(category, urgency, origin, customerId, contact, subject, description, assignee, dueDate,
                classificationConfidence, classificationExplanation);
    }

    public NewTicket withClassification(Double confidence, String explanation) {
        return new NewTicket(category, urgency, origin, customerId, contact, subject, description, assignee, dueDate,
                confidence, explanation);
    }
}
