package fr.relais.mail.inbound;

import java.time.Instant;

/**
 * One stored inbound mail (a row of inbound_mail), without its raw bytes unless loaded for processing.
 *
 * @param status RECEIVED until processed, then TICKET (opened a ticket), JOINED (added to a ticket),
 *               NON_TICKET (recorded only), UNREADABLE (a ticket marked unreadable), FAILED, STAFF_REPLY
 *               (Claire's reply joined its ticket) or UNMATCHED (a staff reply tied to no ticket)
 */
public record InboundMail(long id, String transport, String direction, String sourceId, String messageId,
                          long size, Instant receivedAt, String status, String fromAddress, String subject,
                          Long ticketId, Long ticketMessageId, String category, String urgency,
                          String classificationExplanation, Long customerId, Instant processedAt, Instant filedAt,
                          String problems) {

    public static final String RECEIVED = "RECEIVED";

    public boolean processed() {
        return !RECEIVED.equals(status);
    }
}
