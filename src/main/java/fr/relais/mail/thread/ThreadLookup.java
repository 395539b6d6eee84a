package fr.relais.mail.thread;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the threading rules need to know about the tickets and mails already stored. */
public interface ThreadLookup {

    /** A ticket by its reference (REL-2026-000123). */
    Optional<TicketThread> byReference(String reference);

    /**
     * The ticket a Message-ID belongs to: one of the hub's own signed Message-IDs, a mail the hub sent, or a
     * mail already stored on a ticket.
     */
    Optional<TicketThread> byMessageId(String messageId);

    /**
     * The ticket of a mail already processed that answers this Message-ID (In-Reply-To or References): the reply
     * was processed before the mail it answers.
     */
    default Optional<TicketThread> byAnswerTo(String messageId) {
        return Optional.empty();
    }

    /** The ticket of an earlier mail of the same Outlook conversation (first 22 bytes of Thread-Index). */
    Optional<TicketThread> byConversation(String conversation);

    /** Tickets of the sender's mails since {@code since}, with the subject of each mail, newest first. */
    List<SenderMail> recentFromSender(String fromAddress, Instant since);

    /** A recent mail of a sender and the ticket it went to. */
    record SenderMail(TicketThread ticket, String subject, Instant receivedAt) {
    }
}
