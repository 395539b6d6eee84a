package fr.relais.ticket;

import java.time.Instant;

/**
 * A message of a ticket, in or out. {@code externalMessageId} is the id the message had where it came
 * from (RFC 5322 Message-ID, Graph immutable id); {@code hubMessageId} is the Message-ID the hub put on a
 * mail it sent. {@code rawSourceRef} points to the stored raw source (e.g. the .eml kept before parsing).
 */
public record TicketMessage(long id, long ticketId, MessageDirection direction, MessageChannel channel,
                            String from, String to, String subject, String bodyText, String bodyHtmlSanitized,
                            String externalMessageId, String hubMessageId, Instant at, String rawSourceRef,
                            Instant createdAt) {
}
