package fr.relais.ticket;

import java.util.List;

/** A ticket with its messages and attachments (oldest first) and its history (oldest first). */
public record TicketDetails(Ticket ticket, List<TicketMessage> messages, List<TicketAttachment> attachments,
                            List<TicketHistoryEntry> history) {
}
