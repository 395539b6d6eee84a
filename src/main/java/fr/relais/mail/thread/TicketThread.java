package fr.relais.mail.thread;

import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketStatus;

/** A ticket as the threading rules see it. */
public record TicketThread(long ticketId, String reference, TicketStatus status, TicketCategory category,
                           Long customerId) {
}
