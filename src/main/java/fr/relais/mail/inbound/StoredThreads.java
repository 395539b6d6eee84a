package fr.relais.mail.inbound;

import fr.relais.mail.outbound.HubMessageIds;
import fr.relais.mail.thread.ThreadLookup;
import fr.relais.mail.thread.TicketThread;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketService;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The threading rules' view of the ticket store and of the stored inbound mails. */
final class StoredThreads implements ThreadLookup {

    private final TicketService tickets;
    private final InboundMails mails;
    private final HubMessageIds hubIds;

    StoredThreads(TicketService tickets, InboundMails mails, HubMessageIds hubIds) {
        this.tickets = tickets;
        this.mails = mails;
        this.hubIds = hubIds;
    }

    @Override
    public Optional<TicketThread> byReference(String reference) {
        return tickets.findByReference(reference).map(StoredThreads::thread);
    }

    @Override
    public Optional<TicketThread> byMessageId(String messageId) {
        String id = MessageIdSniffer.clean(messageId);
        if (id == null) {
            return Optional.empty();
        }
        if (hubIds != null) {
            Optional<TicketThread> signed = hubIds.ticketOf(id).flatMap(tickets::findByReference).map(StoredThreads::thread);
            if (signed.isPresent()) {
                return signed;
            }
        }
        Optional<Ticket> t = tickets.findByHubMessageId(id).or(() -> tickets.findByExternalMessageId(id));
        if (t.isPresent()) {
            return t.map(StoredThreads::thread);
        }
        return mails.ticketOfMessageId(id).flatMap(tickets::findById).map(StoredThreads::thread);
    }

    @Override
    public Optional<TicketThread> byAnswerTo(String messageId) {
        String id = MessageIdSniffer.clean(messageId);
        return id == null ? Optional.empty() : mails.ticketOfAnswerTo(id).flatMap(tickets::findById).map(StoredThreads::thread);
    }

    @Override
    public Optional<TicketThread> byConversation(String conversation) {
        return mails.ticketOfConversation(conversation).flatMap(tickets::findById).map(StoredThreads::thread);
    }

    @Override
    public List<SenderMail> recentFromSender(String fromAddress, Instant since) {
        return mails.recentFromSender(fromAddress, since).stream()
                .flatMap(m -> tickets.findById(m.ticketId()).stream()
                        .map(t -> new SenderMail(thread(t), m.subject(), m.receivedAt())))
                .toList();
    }

    static TicketThread thread(Ticket t) {
        return new TicketThread(t.id(), t.reference(), t.status(), t.category(), t.customerId());
    }
}
