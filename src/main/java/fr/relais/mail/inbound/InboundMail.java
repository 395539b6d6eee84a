package fr.relais.mail.inbound;

import java.time.Instant;

/**
 * One stored inbound mail (a row of inbound_mail), without its raw bytes unless loaded for processing.
 *
 * @param status RECEIVED until processed, then TICKET (opened a ticket), JOINED (added to a ticket),
 *               NON_TICKET (recorded only), UNREADABLE (a ticket marked unreadable), FAILED, STAFF_REPLY
 *               (Claire's reply joined its ticket) or UNMATCHED (a staff reply tied to no ticket)
 * @param attempts  tries of this mail through the pipeline so far (a try cut by a crash counts)
 * @param lastError the reason of the last failed try, or null
 */
public record InboundMail(long id, String transport, String direction, String sourceId, String messageId,
                          long size, Instant receivedAt, String status, String fromAddress, String subject,
                          Long ticketId, Long ticketMessageId, String category, String urgency,
                          String classificationExplanation, Long customerId, Instant processedAt, Instant filedAt,
                          String problems, int attempts, String lastError) {

    public static final String RECEIVED = "RECEIVED";
    public static final String FAILED = "FAILED";

    public boolean processed() {
        return !RECEIVED.equals(status);
    }
}
