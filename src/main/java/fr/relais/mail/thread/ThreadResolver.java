package fr.relais.mail.thread;

import fr.relais.mail.intake.ParsedMail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds the ticket an inbound mail belongs to, first rule that answers wins:
 * <ol>
 * <li>a ticket reference (REL-YYYY-NNNNNN) in the subject, when that ticket exists;</li>
 * <li>In-Reply-To, then References (newest first): the hub's own signed Message-IDs, mails the hub sent,
 *     mails already stored on a ticket;</li>
 * <li>a mail already on a ticket that answers this mail's Message-ID: the reply was processed first (fetched
 *     together, or after a restart, from another sender than the same-sender rule below would catch);</li>
 * <li>Outlook's Thread-Index: the same conversation (first 22 bytes) as a mail already on a ticket;</li>
 * <li>the same sender with a similar subject within the window (e.g. 48 h), while that ticket is active.</li>
 * </ol>
 * Plain Java: the lookups are given.
 */
public final class ThreadResolver {

    private final ThreadLookup lookup;
    private final Duration window;

    public ThreadResolver(ThreadLookup lookup, Duration window) {
        this.lookup = lookup;
        this.window = window;
    }

    public Optional<ThreadMatch> resolve(ParsedMail mail, Instant receivedAt) {
        String reference = Subjects.reference(mail.subject());
        if (reference != null) {
            Optional<TicketThread> t = lookup.byReference(reference);
            if (t.isPresent()) {
                return Optional.of(new ThreadMatch(t.get(), "reference", reference));
            }
        }
        for (String id : mail.answered()) {
            Optional<TicketThread> t = lookup.byMessageId(id);
            if (t.isPresent()) {
                return Optional.of(new ThreadMatch(t.get(), id.equals(mail.inReplyTo()) ? "in-reply-to" : "references", id));
            }
        }
        if (mail.messageId() != null) {
            Optional<TicketThread> t = lookup.byAnswerTo(mail.messageId());
            if (t.isPresent()) {
                return Optional.of(new ThreadMatch(t.get(), "answered-by", mail.messageId()));
            }
        }
        String conversation = ThreadIndex.conversation(mail.threadIndex());
        if (conversation != null) {
            Optional<TicketThread> t = lookup.byConversation(conversation);
            if (t.isPresent()) {
                return Optional.of(new ThreadMatch(t.get(), "thread-index", conversation));
            }
        }
        if (mail.fromAddress() != null && !mail.fromAddress().isBlank() && !window.isZero()) {
            for (ThreadLookup.SenderMail recent : lookup.recentFromSender(mail.fromAddress(), receivedAt.minus(window))) {
                if (recent.ticket().status().isActive() && Subjects.similar(mail.subject(), recent.subject())) {
                    return Optional.of(new ThreadMatch(recent.ticket(), "sender-subject", recent.subject()));
                }
            }
        }
        return Optional.empty();
    }
}
