package fr.relais.ticket;

import java.time.Instant;

/**
 * A file attached to a ticket (and possibly to one of its messages). {@code storedPath} is the safe path
 * where the hub filed it (relative to the share), never the sender's name; {@code originalName} is what
 * the sender called it, kept for display only.
 */
public record TicketAttachment(long id, long ticketId, Long messageId, String originalName, String storedPath,
                               String contentType, long size, String sha256, Instant createdAt) {
}
