package fr.relais.mail.inbound;

import fr.relais.mail.classify.Category;
import fr.relais.mail.classify.Classification;
import fr.relais.mail.classify.MailClassifier;
import fr.relais.mail.intake.MailIntake;
import fr.relais.mail.intake.ParsedAttachment;
import fr.relais.mail.intake.ParsedMail;
import fr.relais.mail.outbound.HubMessageIds;
import fr.relais.mail.outbound.Outbox;
import fr.relais.mail.thread.ConversationLocks;
import fr.relais.mail.thread.ThreadIndex;
import fr.relais.mail.thread.ThreadMatch;
import fr.relais.mail.thread.ThreadResolver;
import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.MailboxActions;
import fr.relais.mail.transport.ReceivedMail;
import fr.relais.ticket.Contact;
import fr.relais.ticket.MessageChannel;
import fr.relais.ticket.MessageDirection;
import fr.relais.ticket.NewAttachment;
import fr.relais.ticket.NewMessage;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketAttachment;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketMessage;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.TicketStatus;
import fr.relais.ticket.Urgency;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import fr.relais.platform.InvalidInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The beans of the route mail-inbound: a stored mail becomes a ticket, a message joined to its ticket, or a
 * NON_TICKET record. {@link #process} parses, classifies, threads and links the sender, then in ONE database
 * transaction opens the ticket (or adds the message, or records NON_TICKET), stores the attachments' metadata,
 * marks the mail processed and owes the acknowledgement and the notification. {@link #file} then, after the
 * commit, writes the attachments on the share and files the original mail in the mailbox. A mail already
 * processed is skipped (only its filing is redone if it never completed): redelivery is harmless.
 */
@Component("inboundMailProcessor")
public class InboundMailProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(InboundMailProcessor.class);
    static final String ACTOR = "system:mail-inbound";
    private static final int MAX_TEXT = 200_000;

    private final InboundMails mails;
    private final TicketService tickets;
    private final MailClassifier classifier;
    private final MailIntake intake;
    private final ObjectProvider<Outbox> outboxes;
    private final ObjectProvider<Mailbox> mailboxes;
    private final CustomerLinker linker;
    private final AttachmentFiler filer;
    private final ThreadResolver threads;
    private final ConversationLocks conversations = new ConversationLocks(1024);
    private final InboundMailProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();
    private final int maxAttempts;

    public InboundMailProcessor(InboundMails mails, TicketService tickets, MailClassifier classifier,
                                MailIntake intake, ObjectProvider<Outbox> outboxes,
                                ObjectProvider<Mailbox> mailboxes, ObjectProvider<HubMessageIds> hubIds,
                                CustomerLinker linker, AttachmentFiler filer, InboundMailProperties properties,
                                @Value("${relais.broker.max-redeliveries:4}") int maxRedeliveries) {
        this.mails = mails;
        this.tickets = tickets;
        this.classifier = classifier;
        this.intake = intake;
        this.maxAttempts = properties.maxAttempts() > 0 ? properties.maxAttempts() : 1 + Math.max(0, maxRedeliveries);
        this.outboxes = outboxes;
        this.mailboxes = mailboxes;
        this.linker = linker;
        this.filer = filer;
        this.properties = properties;
        this.threads = new ThreadResolver(new StoredThreads(tickets, mails, hubIds.getIfAvailable()),
                properties.threadWindow());
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(mails.dataSource()));
    }

    /** What became of a mail, and what is left to do after the commit. */
    public record Outcome(long mailId, String status, String sourceId, String transport, Long ticketId,
                          String reference, boolean skipped, MailboxActions actions,
                          List<AttachmentFiler.PlannedFile> files) {

        @Override
        public String toString() {
            return "mail " + mailId + ": " + status + (reference == null ? "" : " " + reference)
                    + (skipped ? " (already processed)" : "");
        }
    }

    // ------------------------------------------------------------------ process

    /** Attempts of a mail before it ends FAILED (relais.mail.inbound.max-attempts, or one delivery's tries). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Processes one stored mail (the body of the queue's message is its id). Each call on an unfinished mail
     * counts one attempt (committed at once). A failure is recorded with its reason and thrown again (the
     * route retries), except at the last attempt: the mail then ends FAILED and the exchange completes. A mail
     * already past its attempts (tries cut by crashes) ends FAILED without another try.
     */
    public Outcome process(@Body String body) {
        long id;
        try {
            id = Long.parseLong(body.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("mail-inbound: the message '" + cut(body, 100)
                    + "' is not the id of a stored mail");
        }
        Optional<InboundMail> found = mails.find(id);
        if (found.isEmpty()) {
            LOG.warn("inbound mail {} is not in the store: nothing to do", id);
            return new Outcome(id, "MISSING", null, null, null, null, true, null, List.of());
        }
        if (finished(found.get())) {
            return skipped(found.get());
        }
        InboundMail row = mails.startAttempt(id).orElseThrow();
        if (row.attempts() > maxAttempts) {
            String reason = "gave up after " + (row.attempts() - 1) + " attempts: " + (row.lastError() == null
                    ? "each try was cut (the hub stopped while processing this mail)" : row.lastError());
            return giveUp(row, reason);
        }
        try {
            return row.processed() ? redo(row) : processNew(row);
        } catch (RuntimeException e) {
            return failed(row.id(), row.attempts(), "processing", e);
        }
    }

    private static boolean finished(InboundMail row) {
        return row.processed() && (row.filedAt() != null || row.status().equals("STAFF_REPLY")
                || row.status().equals("UNMATCHED") || row.status().equals(InboundMail.FAILED));
    }

    private static Outcome skipped(InboundMail row) {
        return new Outcome(row.id(), row.status(), row.sourceId(), row.transport(), row.ticketId(), null, true, null,
                List.of());
    }

    /** A try failed: thrown again to be retried, or, at the last attempt, the mail ends FAILED. */
    private Outcome failed(long id, int attempts, String step, RuntimeException e) {
        String reason = step + " failed (attempt " + attempts + " of " + maxAttempts + "): " + e;
        if (attempts >= maxAttempts) {
            return giveUp(mails.find(id).orElseThrow(), reason);
        }
        LOG.warn("inbound mail {}: {}; it will be tried again", id, reason);
        mails.recordError(id, reason);
        throw e;
    }

    private Outcome giveUp(InboundMail row, String reason) {
        LOG.error("inbound mail {} ({} {}) is FAILED and will not be tried again by itself: {}", row.id(),
                row.transport(), row.sourceId(), reason);
        mails.markFailed(row.id(), reason, Instant.now(clock));
        return new Outcome(row.id(), InboundMail.FAILED, row.sourceId(), row.transport(), row.ticketId(), null, false,
                null, List.of());
    }

    private Outcome processNew(InboundMail stored) {
        long id = stored.id();
        Optional<InboundMail> row = Optional.of(stored);
        byte[] raw = mails.raw(id).orElseThrow();
        ParsedMail mail = parse(raw);
        Instant receivedAt = row.get().receivedAt();
        if (ReceivedMail.Direction.STAFF_REPLY.name().equals(row.get().direction())) {
            return staffReply(row.get(), mail);
        }
        // two mails of one new conversation (the same sender, Outlook conversation or Message-IDs) processed at
        // the same moment: the second waits until the first is committed, then joins its ticket
        try (ConversationLocks.Held held = conversations.lock(ConversationLocks.keysOf(mail))) {
            Optional<ThreadMatch> thread = threads.resolve(mail, receivedAt);
            Category threadCategory = thread.map(t -> toClassifier(t.ticket().category())).orElse(null);
            Classification c = classifier.classify(mail.classifierView(), new MailClassifier.Context(threadCategory));
            boolean joinable = thread.isPresent() && thread.get().ticket().status() != TicketStatus.CLOSED;
            CustomerLinker.Link link = joinable ? null : linker.link(mail);
            return inTransaction(id, () -> decide(row.get(), raw, mail, thread, joinable, c, link));
        }
    }

    private Outcome decide(InboundMail row, byte[] raw, ParsedMail mail, Optional<ThreadMatch> thread, boolean joinable,
                           Classification c, CustomerLinker.Link link) {
        String conversation = ThreadIndex.conversation(mail.threadIndex());
        String explanation = c.explanationText()
                + thread.map(t -> "; thread: " + t.rule() + " " + t.ticket().reference()).orElse("");
        boolean urgent = c.urgency() == fr.relais.mail.classify.Urgency.URGENT;
        Outbox outbox = outboxes.getIfAvailable();
        if (joinable) {
            long ticketId = thread.get().ticket().ticketId();
            TicketMessage message = tickets.addMessage(ticketId, inMessage(row, mail), ACTOR);
            Ticket ticket = tickets.findById(ticketId).orElseThrow();
            if (urgent && ticket.urgency() != Urgency.URGENT && ticket.status().isActive()) {
                ticket = tickets.changeUrgency(ticketId, Urgency.URGENT, ACTOR);
            }
            List<AttachmentFiler.PlannedFile> files = attach(ticket, message.id(), mail, raw);
            if (outbox != null) {
                outbox.owesAcknowledgement(ticketId, mail, true);
            }
            mails.markProcessed(row.id(), new InboundMails.Processed("JOINED", mail.fromAddress(), mail.subject(),
                    conversation, ticketId, message.id(), c.category().name(), c.urgency().name(), explanation,
                    ticket.customerId(), problems(mail)), Instant.now(clock));
            mails.recordAnswered(row.id(), mail.answered());
            return outcome(row, "JOINED", ticket, actions(ticket.category().name(), ticket.urgency() == Urgency.URGENT), files);
        }
        if (c.category() == Category.NON_TICKET && mail.readable()) {
            mails.markProcessed(row.id(), new InboundMails.Processed("NON_TICKET", mail.fromAddress(), mail.subject(),
                    conversation, null, null, c.category().name(), c.urgency().name(), explanation,
                    link == null ? null : link.customerId(), problems(mail)), Instant.now(clock));
            return new Outcome(row.id(), "NON_TICKET", row.sourceId(), row.transport(), null, null, false,
                    actions(Category.NON_TICKET.name(), false), List.of());
        }
        TicketCategory category = mail.readable() ? TicketCategory.valueOf(c.category().name()) : TicketCategory.ILLISIBLE;
        Contact contact = new Contact(link.contactName(), link.contactEmail(), link.contactPhone());
        if (link.customerId() == null && contact.isEmpty()) {
            contact = new Contact(Texts.get("unknown-sender"), null, null);
        }
        NewTicket ticket = new NewTicket(category, urgent ? Urgency.URGENT : Urgency.NORMAL, TicketOrigin.MAIL,
                link.customerId(), contact, subject(mail), description(mail, link, thread), null, null,
                c.confidence(), explanation);
        Ticket opened = tickets.open(ticket, ACTOR);
        TicketMessage message = tickets.addMessage(opened.id(), inMessage(row, mail), ACTOR);
        List<AttachmentFiler.PlannedFile> files = attach(opened, message.id(), mail, raw);
        if (outbox != null) {
            outbox.owesAcknowledgement(opened.id(), mail, false);
            outbox.owesNotification(opened.id());
        }
        String status = mail.readable() ? "TICKET" : "UNREADABLE";
        mails.markProcessed(row.id(), new InboundMails.Processed(status, mail.fromAddress(), mail.subject(), conversation,
                opened.id(), message.id(), c.category().name(), c.urgency().name(), explanation, link.customerId(),
                problems(mail)), Instant.now(clock));
        mails.recordAnswered(row.id(), mail.answered());
        return outcome(row, status, opened, actions(category.name(), urgent), files);
    }

    private Outcome staffReply(InboundMail row, ParsedMail mail) {
        Optional<ThreadMatch> thread = threads.resolve(mail, row.receivedAt());
        return inTransaction(row.id(), () -> {
            if (thread.isEmpty()) {
                mails.markProcessed(row.id(), new InboundMails.Processed("UNMATCHED", mail.fromAddress(), mail.subject(),
                        ThreadIndex.conversation(mail.threadIndex()), null, null, null, null, "staff reply: no ticket",
                        null, problems(mail)), Instant.now(clock));
                return new Outcome(row.id(), "UNMATCHED", row.sourceId(), row.transport(), null, null, false, null, List.of());
            }
            long ticketId = thread.get().ticket().ticketId();
            NewMessage out = new NewMessage(MessageDirection.OUT, MessageChannel.MAIL, mail.fromAddress(),
                    String.join(", ", mail.to()), mail.subject(), cut(mail.bodyText()), mail.bodyHtmlSanitized(),
                    mail.messageId() == null ? row.sourceId() : mail.messageId(), null,
                    mail.sentAt() == null ? row.receivedAt() : mail.sentAt(), "inbound_mail/" + row.id());
            TicketMessage message = tickets.addMessage(ticketId, out, properties.staffActor());
            mails.markProcessed(row.id(), new InboundMails.Processed("STAFF_REPLY", mail.fromAddress(), mail.subject(),
                    ThreadIndex.conversation(mail.threadIndex()), ticketId, message.id(), null, null,
                    "staff reply: " + thread.get().rule() + " " + thread.get().ticket().reference(), null,
                    problems(mail)), Instant.now(clock));
            return new Outcome(row.id(), "STAFF_REPLY", row.sourceId(), row.transport(), ticketId,
                    thread.get().ticket().reference(), false, null, List.of());
        });
    }

    /** A mail processed before: its filing is done again when it never completed (crash after the commit). */
    private Outcome redo(InboundMail row) {
        if (row.filedAt() != null || row.status().equals("STAFF_REPLY") || row.status().equals("UNMATCHED")
                || row.status().equals("FAILED")) {
            return new Outcome(row.id(), row.status(), row.sourceId(), row.transport(), row.ticketId(), null, true,
                    null, List.of());
        }
        List<AttachmentFiler.PlannedFile> files = new ArrayList<>();
        Ticket ticket = row.ticketId() == null ? null : tickets.findById(row.ticketId()).orElse(null);
        if (ticket != null && row.ticketMessageId() != null) {
            List<TicketAttachment> recorded = tickets.details(ticket.id()).orElseThrow().attachments().stream()
                    .filter(a -> row.ticketMessageId().equals(a.messageId())).toList();
            if (!recorded.isEmpty()) {
                byte[] raw = mails.raw(row.id()).orElseThrow();
                List<AttachmentFiler.Item> items = items(parse(raw), raw, !"UNREADABLE".equals(row.status()));
                for (int i = 0; i < recorded.size() && i < items.size(); i++) {
                    TicketAttachment a = recorded.get(i);
                    files.add(new AttachmentFiler.PlannedFile(a.storedPath(), a.originalName(), a.contentType(),
                            items.get(i).content(), a.sha256()));
                }
            }
        }
        MailboxActions actions = ticket != null ? actions(ticket.category().name(), ticket.urgency() == Urgency.URGENT)
                : actions(row.category() == null ? Category.NON_TICKET.name() : row.category(), false);
        return new Outcome(row.id(), row.status(), row.sourceId(), row.transport(), row.ticketId(),
                ticket == null ? null : ticket.reference(), true, actions, files);
    }

    // ------------------------------------------------------------------ after the commit

    /**
     * Writes the attachments on the share and files the original mail in the mailbox; then marks it filed. A
     * failed filing counts one attempt: it is thrown again (the route retries this step), or, at the last
     * attempt, the mail ends FAILED (its ticket stays).
     */
    public Outcome file(@Body Outcome outcome) {
        if (outcome.actions() == null) {
            return outcome;
        }
        try {
            filer.write(outcome.files());
            Mailbox mailbox = mailboxes.getIfAvailable();
            if (mailbox != null && mailbox.transport().equals(outcome.transport())) {
                mailbox.file(outcome.sourceId(), outcome.actions());
            }
        } catch (RuntimeException e) {
            InboundMail row = mails.startAttempt(outcome.mailId()).orElseThrow();
            failed(row.id(), row.attempts(), "filing", e);
            return new Outcome(outcome.mailId(), InboundMail.FAILED, outcome.sourceId(), outcome.transport(),
                    outcome.ticketId(), outcome.reference(), false, null, List.of());
        }
        mails.markFiled(outcome.mailId(), Instant.now(clock));
        return outcome;
    }

    // ------------------------------------------------------------------ helpers

    private ParsedMail parse(byte[] raw) {
        return intake.parse(raw);
    }

    private Outcome inTransaction(long mailId, java.util.function.Supplier<Outcome> work) {
        return tx.execute(status -> {
            InboundMail locked = mails.lock(mailId).orElseThrow();
            if (locked.processed()) {
                return redo(locked);
            }
            return work.get();
        });
    }

    private List<AttachmentFiler.PlannedFile> attach(Ticket ticket, long messageId, ParsedMail mail, byte[] raw) {
        List<AttachmentFiler.Item> items = items(mail, raw, mail.readable());
        if (items.isEmpty()) {
            return List.of();
        }
        List<String> taken = tickets.details(ticket.id()).orElseThrow().attachments().stream()
                .map(TicketAttachment::storedPath).toList();
        List<AttachmentFiler.PlannedFile> files = filer.plan(ticket.reference(), ticket.customerId(), items, taken);
        for (AttachmentFiler.PlannedFile f : files) {
            tickets.addAttachment(ticket.id(), new NewAttachment(messageId, cut(f.originalName(), 1000),
                    f.relativePath(), cut(f.contentType(), 255), f.content().length, f.sha256()));
        }
        return files;
    }

    /** The attachments to file, in order; an unreadable mail's raw source as message-source.eml. */
    private static List<AttachmentFiler.Item> items(ParsedMail mail, byte[] raw, boolean readable) {
        List<AttachmentFiler.Item> items = new ArrayList<>();
        if (!readable) {
            String name = Texts.get("raw-source-name");
            items.add(new AttachmentFiler.Item(name, name, "message/rfc822", raw));
            return items;
        }
        for (ParsedAttachment a : mail.attachments()) {
            if (a.inline() && a.contentType() != null && a.contentType().startsWith("image/")) {
                continue;
            }
            items.add(new AttachmentFiler.Item(a.safeName(), a.originalName(), a.contentType(),
                    a.content() == null ? new byte[0] : a.content()));
        }
        return items;
    }

    private NewMessage inMessage(InboundMail row, ParsedMail mail) {
        return new NewMessage(MessageDirection.IN, MessageChannel.MAIL, cut(mail.fromAddress(), 1000),
                cut(String.join(", ", mail.to()), 4000), cut(subject(mail), 1000), cut(mail.bodyText()),
                mail.bodyHtmlSanitized(), cut(mail.messageId() == null ? row.sourceId() : mail.messageId(), 512),
                null, mail.sentAt() == null ? row.receivedAt() : mail.sentAt(), "inbound_mail/" + row.id());
    }

    private Outcome outcome(InboundMail row, String status, Ticket ticket, MailboxActions actions,
                            List<AttachmentFiler.PlannedFile> files) {
        return new Outcome(row.id(), status, row.sourceId(), row.transport(), ticket.id(), ticket.reference(), false,
                actions, files);
    }

    /** Folder, flag and Outlook categories of a mail of this category. */
    MailboxActions actions(String category, boolean urgent) {
        List<String> categories = new ArrayList<>();
        if (!Category.NON_TICKET.name().equals(category)) {
            categories.add(properties.categoryPrefix() + category);
        }
        if (urgent) {
            categories.add(properties.categoryPrefix() + "URGENT");
        }
        String folder = urgent && properties.urgentFolder() != null && !properties.urgentFolder().isBlank()
                ? properties.urgentFolder() : properties.folders().get(category);
        if (folder == null) {
            folder = properties.folders().get(category.toLowerCase(Locale.ROOT));
        }
        return new MailboxActions(categories, folder == null || folder.isBlank() ? null : folder, urgent);
    }

    private static String subject(ParsedMail mail) {
        String s = mail.subject() == null ? "" : mail.subject().strip();
        return s.isEmpty() ? Texts.get("no-subject") : cut(s, 1000);
    }

    private static String description(ParsedMail mail, CustomerLinker.Link link, Optional<ThreadMatch> thread) {
        StringBuilder d = new StringBuilder();
        if (!mail.readable()) {
            d.append(Texts.get("unreadable")).append("\n\n");
        }
        if (!link.candidates().isEmpty()) {
            d.append(Texts.get("ambiguous-customer")).append('\n');
            link.candidates().forEach(c -> d.append("- ").append(c).append('\n'));
            d.append('\n');
        }
        if (thread.isPresent()) {
            d.append(Texts.get("closed-ticket", thread.get().ticket().reference())).append("\n\n");
        }
        if (mail.loop() != null && mail.loop().machineGenerated()) {
            d.append(Texts.get("machine-generated")).append(' ').append(String.join(", ", mail.loop().reasons()))
                    .append("\n\n");
        }
        d.append(mail.bodyText() == null ? "" : mail.bodyText());
        return cut(d.toString());
    }

    private static String problems(ParsedMail mail) {
        return mail.problems().isEmpty() ? null : cut(String.join("\n", mail.problems()));
    }

    private static Category toClassifier(TicketCategory category) {
        try {
            return Category.valueOf(category.name());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String cut(String s) {
        return cut(s, MAX_TEXT);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
