package fr.relais.mail.transport;

import java.time.Instant;
import java.util.Objects;

/**
 * A mail as a transport fetched it, before anything else is done with it.
 *
 * @param transport  "imap" or "graph"
 * @param sourceId   the transport's stable id of the mail (IMAP: folder + UIDVALIDITY + UID or the Message-ID;
 *                   Graph: the immutable id); the idempotency key together with the transport
 * @param direction  INBOUND for mail to the shared mailbox, STAFF_REPLY for a reply Claire sent from Outlook
 * @param raw        the raw MIME source, byte for byte
 * @param receivedAt when the transport fetched it
 */
public record ReceivedMail(String transport, String sourceId, Direction direction, byte[] raw, Instant receivedAt) {

    public enum Direction { INBOUND, STAFF_REPLY }

    public ReceivedMail {
        Objects.requireNonNull(transport);
        Objects.requireNonNull(sourceId);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(raw);
        Objects.requireNonNull(receivedAt);
    }
}
