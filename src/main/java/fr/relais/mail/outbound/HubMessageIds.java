package fr.relais.mail.outbound;

import java.util.Optional;

/**
 * The Message-IDs of the mails the hub sends carry the ticket reference and a signature (HMAC with a secret
 * from the environment), so that a reply ties back to its ticket even when the subject was rewritten, and a
 * forged id is not believed.
 */
public interface HubMessageIds {

    /** A new Message-ID (without angle brackets) for a mail about this ticket. */
    String create(String ticketReference);

    /** The ticket reference of one of the hub's own Message-IDs (brackets allowed), or empty when not ours or forged. */
    Optional<String> ticketOf(String messageId);
}
