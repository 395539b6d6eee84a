package fr.relais.ticket.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import fr.relais.ticket.Contact;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketAttachment;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketDetails;
import fr.relais.ticket.TicketHistoryEntry;
import fr.relais.ticket.TicketMessage;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketPage;
import fr.relais.ticket.TicketStatus;
import fr.relais.ticket.Urgency;

/** The JSON shapes of the ticket API (kept apart from the model so that the API stays stable). */
final class TicketJson {

    private TicketJson() {
    }

    /** A ticket in a list. */
    record Summary(long id, String reference, TicketCategory category, Urgency urgency, TicketStatus status,
                   TicketOrigin origin, Long customerId, Contact contact, String subject, String assignee,
                   LocalDate dueDate, Instant createdAt, Instant updatedAt, long version) {

        static Summary of(Ticket t) {
            return new Summary(t.id(), t.reference(), t.category(), t.urgency(), t.status(), t.origin(),
                    t.customerId(), t.contact(), t.subject(), t.assignee(), t.dueDate(), t.createdAt(),
                    t.updatedAt(), t.version());
        }
    }

    /** A page of tickets. */
    record Page(List<Summary> items, int page, int size, long total) {

        static Page of(TicketPage page) {
            return new Page(page.items().stream().map(Summary::of).toList(), page.page(), page.size(), page.total());
        }
    }

    /** One ticket with everything that belongs to it. */
    record Details(long id, String reference, TicketCategory category, Urgency urgency, TicketStatus status,
                   TicketOrigin origin, Long customerId, Contact contact, String subject, String description,
                   String assignee, LocalDate dueDate, Double classificationConfidence,
                   String classificationExplanation, Instant createdAt, Instant updatedAt, long version,
                   List<TicketMessage> messages, List<TicketAttachment> attachments,
                   List<TicketHistoryEntry> history) {

        static Details of(TicketDetails d) {
            Ticket t = d.ticket();
            return new Details(t.id(), t.reference(), t.category(), t.urgency(), t.status(), t.origin(),
                    t.customerId(), t.contact(), t.subject(), t.description(), t.assignee(), t.dueDate(),
                    t.classificationConfidence(), t.classificationExplanation(), t.createdAt(), t.updatedAt(),
                    t.version(), d.messages(), d.attachments(), d.history());
        }
    }
}
