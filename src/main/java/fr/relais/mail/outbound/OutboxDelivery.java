package fr.relais.mail.outbound;

import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.OutgoingMail;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The steps of the route mail-outbound: take the owed mails that are due, claim one (OWED → SENDING, committed
 * on its own), hand it to the {@link Mailbox}, mark it SENT; a refusal is retried later with back-off, a
 * bounded number of times, then FAILED. At start, before anything is claimed, a row still SENDING (the hub
 * died during its send) becomes UNCERTAIN and is reported: it is never sent again without a person deciding
 * (POST /api/outbox/{id}/resend).
 */
public class OutboxDelivery implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);

    /** A claimed mail, ready for the mailbox. */
    public record Claimed(long id, String ticketReference, OutboundMail.Kind kind, OutgoingMail mail) {
    }

    private final OutboundMailStore store;
    private final ObjectProvider<Mailbox> mailbox;
    private final String from;
    private final OutboundProperties settings;
    private final Clock clock;
    private final java.util.function.LongFunction<String> references;
    private final AtomicBoolean recovered = new AtomicBoolean();
    private final AtomicBoolean noMailboxReported = new AtomicBoolean();

    public OutboxDelivery(OutboundMailStore store, ObjectProvider<Mailbox> mailbox, String from,
                          OutboundProperties settings, Clock clock, java.util.function.LongFunction<String> references) {
        this.store = store;
        this.mailbox = mailbox;
        this.from = from;
        this.settings = settings;
        this.clock = clock;
        this.references = references;
    }

    @Override
    public void afterSingletonsInstantiated() {
        recoverInterrupted();
    }

    /**
     * Rows left SENDING by a previous run become UNCERTAIN (logged, listed by GET /api/outbox). Done once per
     * start, before the first claim.
     */
    public synchronized List<OutboundMail> recoverInterrupted() {
        List<OutboundMail> uncertain = store.markInterruptedUncertain(
                "the hub stopped while this mail was being sent: it may or may not have left; not sent again");
        for (OutboundMail m : uncertain) {
            LOG.error("outbox: {} #{} of ticket {} to {} was being sent when the hub stopped; it is now UNCERTAIN and"
                            + " will not be sent again by itself (check the mailbox's Sent Items, then POST /api/outbox/{}/resend"
                            + " if it did not leave)", m.kind(), m.id(), references.apply(m.ticketId()), m.recipient(), m.id());
        }
        recovered.set(true);
        return uncertain;
    }

    /** Ids of the owed mails that are due now (none while no Mailbox bean is configured). */
    public List<Long> due() {
        if (!recovered.get()) {
            recoverInterrupted();
        }
        if (mailbox.getIfAvailable() == null) {
            if (noMailboxReported.compareAndSet(false, true)) {
                LOG.warn("outbox: no Mailbox bean (relais.mail.transport): owed mails wait until one is configured");
            }
            return List.of();
        }
        return store.due(Instant.now(clock), settings.getBatchSize());
    }

    /** OWED → SENDING in its own transaction; null when the row was claimed by someone else or is no longer owed. */
    public Claimed claim(@Body Long id) {
        if (!store.claim(id, Instant.now(clock))) {
            return null;
        }
        OutboundMail m = store.find(id).orElseThrow();
        return new Claimed(m.id(), references.apply(m.ticketId()), m.kind(), outgoing(m));
    }

    /** The mail as the mailbox sends it, with the headers of its kind. */
    OutgoingMail outgoing(OutboundMail m) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Auto-Submitted", m.kind() == OutboundMail.Kind.ACK ? "auto-replied" : "auto-generated");
        headers.put("X-Auto-Response-Suppress", "All");
        headers.put("Precedence", "auto_reply");
        return new OutgoingMail(from, List.of(m.recipient()), m.subject(), m.bodyText(), m.bodyHtml(), m.messageId(),
                m.inReplyTo(), m.references(), headers);
    }

    /** Hands the mail to the configured mailbox (SMTP or Graph); returns it for the next step. */
    public Claimed send(@Body Claimed claimed) {
        Mailbox box = mailbox.getIfAvailable();
        if (box == null) {
            throw new IllegalStateException("no Mailbox bean configured (relais.mail.transport)");
        }
        box.send(claimed.mail());
        return claimed;
    }

    public void sent(@Body Claimed claimed) {
        store.markSent(claimed.id(), Instant.now(clock));
        LOG.info("outbox: {} #{} of ticket {} sent to {}", claimed.kind(), claimed.id(), claimed.ticketReference(),
                claimed.mail().to());
    }

    /**
     * The mailbox refused: back to OWED later (back-off), or FAILED after the last attempt. Returns null: nothing
     * more is done with this mail in this poll.
     */
    public Claimed refused(@Body Claimed claimed, @ExchangeProperty("CamelExceptionCaught") Exception error) {
        OutboundMail m = store.find(claimed.id()).orElseThrow();
        String reason = error == null ? "unknown error" : error.getClass().getSimpleName() + ": "
                + Objects.toString(error.getMessage(), "");
        if (m.attempts() >= settings.getMaxAttempts()) {
            store.markFailed(m.id(), reason);
            LOG.error("outbox: {} #{} of ticket {} to {} FAILED after {} attempts: {}", m.kind(), m.id(),
                    claimed.ticketReference(), m.recipient(), m.attempts(), reason);
            return null;
        }
        Duration delay = retryDelay(m.attempts());
        store.retryLater(m.id(), Instant.now(clock).plus(delay), reason);
        LOG.warn("outbox: {} #{} of ticket {} to {} refused (attempt {} of {}), retry in {}: {}", m.kind(), m.id(),
                claimed.ticketReference(), m.recipient(), m.attempts(), settings.getMaxAttempts(), delay, reason);
        return null;
    }

    /** retryDelay × 2^(attempts-1), at most maxRetryDelay. */
    Duration retryDelay(int attempts) {
        Duration delay = settings.getRetryDelay();
        for (int i = 1; i < attempts && delay.compareTo(settings.getMaxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.getMaxRetryDelay()) > 0 ? settings.getMaxRetryDelay() : delay;
    }
}
