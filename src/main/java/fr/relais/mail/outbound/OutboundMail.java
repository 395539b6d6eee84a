package fr.relais.mail.outbound;

import java.time.Instant;
import java.util.List;

/**
 * One row of the outbox (table outbound_mail).
 *
 * @param sender    for an acknowledgement, the address that wrote to the hub (the rate limit counts it);
 *                  for a notification, the hub's service address
 * @param threadKey the root Message-ID of the customer's thread (or {@code ticket:<reference>})
 */
public record OutboundMail(long id, long ticketId, Kind kind, String sender, String recipient, String threadKey,
                           String messageId, String inReplyTo, List<String> references, String subject,
                           String bodyText, String bodyHtml, Status status, int attempts, Instant nextAttemptAt,
                           Instant createdAt, Instant claimedAt, Instant sentAt, String lastError) {

    public enum Kind { ACK, NOTIFICATION }

    public enum Status { OWED, SENDING, SENT, FAILED, UNCERTAIN }

    public OutboundMail {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
