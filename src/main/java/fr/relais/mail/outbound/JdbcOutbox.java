package fr.relais.mail.outbound;

import fr.relais.mail.intake.ParsedMail;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * The outbox: decides which mails a ticket owes and writes them as OWED rows of outbound_mail in the
 * caller's transaction (the hub's JdbcTemplate joins it). The route mail-outbound sends them.
 * <p>
 * Acknowledgement: never for a mail that joined an existing ticket, a machine-generated mail (auto-reply,
 * bounce, bulk: RFC 3834), a mail that could not be read, a ticket that is not a customer's request
 * (supplier, the hub's own review tickets), a sender without a usable address, one of the hub's own
 * addresses or a no-reply address; never twice for one ticket or one thread; at most N per sender per
 * window. It goes to Reply-To when the mail has one.
 * Notification: for every urgent ticket and every ticket not from mail, once per ticket.
 */
public class JdbcOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOutbox.class);

    /** Categories whose sender is not a customer waiting for an answer (or not a person at all). */
    static final Set<TicketCategory> NOT_ACKNOWLEDGED = EnumSet.of(TicketCategory.FOURNISSEUR,
            TicketCategory.CLIENT_DOUBLON, TicketCategory.SYNC_CONFLIT, TicketCategory.SYNC_REJET, TicketCategory.ILLISIBLE);

    private static final Pattern ADDRESS = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+");
    private static final Pattern NO_REPLY = Pattern.compile("(mailer-daemon|postmaster|no-?reply|do-?not-?reply|ne-?pas-?repondre|nepasrepondre|noreponse|bounces?|listserv|majordomo)([+._-].*)?");

    private final OutboundMailStore store;
    private final LongFunction<Optional<Ticket>> tickets;
    private final OutboundLetters letters;
    private final HubMessageIds messageIds;
    private final String serviceAddress;
    private final String assistantAddress;
    private final Set<String> ownAddresses;
    private final OutboundProperties settings;
    private final Clock clock;

    public JdbcOutbox(OutboundMailStore store, LongFunction<Optional<Ticket>> tickets, OutboundLetters letters,
                      HubMessageIds messageIds, String serviceAddress, String assistantAddress,
                      Collection<String> ownAddresses, OutboundProperties settings, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.letters = letters;
        this.messageIds = messageIds;
        this.serviceAddress = serviceAddress.strip().toLowerCase(Locale.ROOT);
        this.assistantAddress = assistantAddress.strip().toLowerCase(Locale.ROOT);
        this.ownAddresses = new TreeSet<>();
        this.ownAddresses.add(this.serviceAddress);
        this.ownAddresses.add(this.assistantAddress);
        ownAddresses.stream().filter(a -> a != null && !a.isBlank())
                .map(a -> a.strip().toLowerCase(Locale.ROOT)).forEach(this.ownAddresses::add);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean owesAcknowledgement(long ticketId, ParsedMail mail, boolean joinedExistingTicket) {
        Instant now = Instant.now(clock);
        Optional<Ticket> ticket = tickets.apply(ticketId);
        Optional<String> refusal = acknowledgementRefusal(ticket.orElse(null), mail, joinedExistingTicket, now);
        if (refusal.isPresent()) {
            LOG.info("ticket {}: no acknowledgement: {}", ticket.map(Ticket::reference).orElse(String.valueOf(ticketId)),
                    refusal.get());
            return false;
        }
        Ticket t = ticket.orElseThrow();
        String recipient = recipient(mail);
        MailTemplates.Rendered letter = letters.acknowledgement(t, greetingName(mail), mail.bodyText(), now);
        String messageId = messageIds.create(t.reference());
        store.owe(t.id(), OutboundMail.Kind.ACK, address(mail.fromAddress()), recipient, threadKey(t, mail), messageId,
                mail.messageId(), references(mail), letter.subject(), letter.text(), letter.html(), now);
        LOG.info("ticket {}: acknowledgement owed to {} ({})", t.reference(), recipient, letter.template());
        return true;
    }

    /** Why no acknowledgement is owed, or empty when one is. */
    Optional<String> acknowledgementRefusal(Ticket ticket, ParsedMail mail, boolean joined, Instant now) {
        if (joined) {
            return Optional.of("the mail joined an existing ticket");
        }
        if (ticket == null) {
            return Optional.of("no such ticket (a NON_TICKET mail opens none)");
        }
        if (mail == null) {
            return Optional.of("no mail");
        }
        if (mail.loop() != null && mail.loop().machineGenerated()) {
            return Optional.of("machine-generated mail " + mail.loop().reasons());
        }
        if ("<>".equals(mail.returnPath())) {
            return Optional.of("null return path (bounce)");
        }
        if (!mail.readable()) {
            return Optional.of("the mail could not be read");
        }
        if (NOT_ACKNOWLEDGED.contains(ticket.category())) {
            return Optional.of("category " + ticket.category() + " is not acknowledged");
        }
        String recipient = recipient(mail);
        if (recipient.isEmpty() || !ADDRESS.matcher(recipient).matches()) {
            return Optional.of("no usable address (from '" + mail.fromAddress() + "', reply-to '" + mail.replyTo() + "')");
        }
        String from = address(mail.fromAddress());
        if (ownAddresses.contains(recipient) || ownAddresses.contains(from)) {
            return Optional.of("one of the hub's own addresses");
        }
        if (NO_REPLY.matcher(recipient.substring(0, recipient.indexOf('@'))).matches()) {
            return Optional.of("a no-reply address: " + recipient);
        }
        if (store.acknowledged(ticket.id(), threadKey(ticket, mail))) {
            return Optional.of("already acknowledged in this ticket or thread");
        }
        Instant since = now.minus(settings.getAckRateWindow());
        int recent = Math.max(store.acknowledgementsSince(recipient, since),
                from.isEmpty() ? 0 : store.acknowledgementsSince(from, since));
        if (recent >= settings.getAckRateLimit()) {
            return Optional.of("rate limit: " + recent + " acknowledgements to " + recipient + " within "
                    + settings.getAckRateWindow());
        }
        return Optional.empty();
    }

    @Override
    public boolean owesNotification(long ticketId) {
        Optional<Ticket> ticket = tickets.apply(ticketId);
        if (ticket.isEmpty()) {
            LOG.warn("no notification for ticket {}: no such ticket", ticketId);
            return false;
        }
        Ticket t = ticket.get();
        if (t.urgency() != Urgency.URGENT && t.origin() == TicketOrigin.MAIL) {
            return false;
        }
        if (store.notified(t.id())) {
            return false;
        }
        Instant now = Instant.now(clock);
        MailTemplates.Rendered letter = letters.notification(t);
        store.owe(t.id(), OutboundMail.Kind.NOTIFICATION, serviceAddress, assistantAddress, "ticket:" + t.reference(),
                messageIds.create(t.reference()), null, List.of(), letter.subject(), letter.text(), letter.html(), now);
        LOG.info("ticket {}: notification owed to {}", t.reference(), assistantAddress);
        return true;
    }

    /** Reply-To when the mail has one, else the sender. */
    static String recipient(ParsedMail mail) {
        String replyTo = address(mail.replyTo());
        return replyTo.isEmpty() ? address(mail.fromAddress()) : replyTo;
    }

    /** The root of the mail's thread: the first reference, else what it answers, else itself, else the ticket. */
    static String threadKey(Ticket ticket, ParsedMail mail) {
        if (!mail.references().isEmpty() && !mail.references().get(0).isBlank()) {
            return mail.references().get(0).strip();
        }
        if (mail.inReplyTo() != null && !mail.inReplyTo().isBlank()) {
            return mail.inReplyTo().strip();
        }
        if (mail.messageId() != null && !mail.messageId().isBlank()) {
            return mail.messageId().strip();
        }
        return "ticket:" + ticket.reference();
    }

    /** References of the acknowledgement: the mail's own, then the mail itself (at most 20, the root kept). */
    static List<String> references(ParsedMail mail) {
        List<String> ids = new ArrayList<>();
        mail.references().stream().filter(r -> r != null && !r.isBlank() && r.length() <= 250 && !r.contains(" "))
                .forEach(ids::add);
        if (mail.messageId() != null && !mail.messageId().isBlank() && !ids.contains(mail.messageId())) {
            ids.add(mail.messageId());
        }
        if (ids.size() > 20) {
            List<String> cut = new ArrayList<>();
            cut.add(ids.get(0));
            cut.addAll(ids.subList(ids.size() - 19, ids.size()));
            return cut;
        }
        return ids;
    }

    private static String greetingName(ParsedMail mail) {
        String name = mail.fromName() == null ? "" : mail.fromName().strip();
        return name.contains("@") || name.length() > 80 ? "" : name;
    }

    private static String address(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }
}
