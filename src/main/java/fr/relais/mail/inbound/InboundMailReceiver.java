package fr.relais.mail.inbound;

import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.ReceivedMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The single entry of the mail pipeline for every transport. The raw mail is inserted in a transaction of
 * its own (a duplicate (transport, sourceId) is refused by the table's unique key: nothing else is done),
 * THEN its row id is sent to the processing queue. A crash between the two leaves a RECEIVED row that
 * {@link #requeueStale()} queues again (at start and periodically, from the route mail-inbound-requeue);
 * processing is idempotent, so a mail queued twice is processed once.
 */
@Component("mailReceiver")
public class InboundMailReceiver implements MailReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMailReceiver.class);
    private static final int REQUEUE_BATCH = 500;

    private final InboundMails mails;
    private final JmsTemplate jms;
    private final JmsTemplate batchJms;
    private final InboundMailProperties properties;
    private final MessageIdSniffer sniffer = new MessageIdSniffer();
    private final Clock clock;

    public InboundMailReceiver(InboundMails mails, ConnectionFactory connectionFactory, InboundMailProperties properties) {
        this.mails = mails;
        this.jms = new JmsTemplate(connectionFactory);
        this.batchJms = new JmsTemplate(connectionFactory);
        this.batchJms.setSessionTransacted(true);
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public boolean receive(ReceivedMail mail) {
        Optional<Long> id = store(mail);
        id.ifPresent(this::queue);
        return id.isPresent();
    }

    /**
     * Each mail is stored in a transaction of its own (as {@link #receive}), then the new ones are queued in ONE
     * JMS transaction: one journal sync for the batch instead of one per mail. A crash between the two leaves
     * RECEIVED rows, queued again by {@link #requeueStale()}.
     */
    @Override
    public int receiveAll(List<ReceivedMail> batch) {
        List<Long> ids = new java.util.ArrayList<>();
        for (ReceivedMail mail : batch) {
            store(mail).ifPresent(ids::add);
        }
        if (!ids.isEmpty()) {
            batchJms.execute(session -> {
                var producer = session.createProducer(session.createQueue(properties.queue()));
                producer.setDeliveryMode(jakarta.jms.DeliveryMode.PERSISTENT);
                for (Long id : ids) {
                    producer.send(session.createTextMessage(Long.toString(id)));
                }
                producer.close();
                session.commit();
                return null;
            }, true);
        }
        return ids.size();
    }

    private Optional<Long> store(ReceivedMail mail) {
        MessageIdSniffer.Summary summary = sniffer.summary(mail.raw());
        Optional<Long> id = mails.insert(mail.transport(), mail.direction().name(), mail.sourceId(),
                sniffer.messageId(mail.raw()), summary.fromAddress(), summary.subject(), mail.raw(), mail.receivedAt());
        if (id.isEmpty()) {
            LOG.debug("mail {} {} already received", mail.transport(), mail.sourceId());
        }
        return id;
    }

    /**
     * A person asks for a FAILED mail (one that never reached a ticket) to be tried again: back to RECEIVED with its
     * attempts cleared, and queued. Returns false when the mail is not FAILED or already has a ticket.
     */
    public boolean retry(long id) {
        if (!mails.resetFailed(id, Instant.now(clock))) {
            return false;
        }
        LOG.info("inbound mail {} queued again by hand", id);
        queue(id);
        return true;
    }

    private void queue(long id) {
        jms.convertAndSend(properties.queue(), Long.toString(id));
    }

    /**
     * Queues again the mails still waiting after {@code relais.mail.inbound.requeue-after} (stored but never
     * queued, or processed but not yet filed in the mailbox). Returns how many were queued.
     */
    public int requeueStale() {
        Instant now = Instant.now(clock);
        List<Long> ids = mails.takeStale(now.minus(properties.requeueAfter()), now, REQUEUE_BATCH);
        ids.forEach(this::queue);
        if (!ids.isEmpty()) {
            LOG.info("queued again {} inbound mail(s) left waiting", ids.size());
        }
        return ids.size();
    }
}
