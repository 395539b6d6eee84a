package fr.relais.mail.inbound;

import fr.relais.mail.transport.StaffActions;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.TicketStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What Claire does in Outlook that the hub takes as an instruction: the "done" category on an original mail
 * resolves its ticket (idempotent: a resolved or closed ticket is left as it is). Her replies from Sent Items
 * come through {@link fr.relais.mail.transport.MailReceiver} with direction STAFF_REPLY and are joined to their
 * ticket as outgoing messages by {@link InboundMailProcessor}.
 */
@Component
public class MailStaffActions implements StaffActions {

    private static final Logger LOG = LoggerFactory.getLogger(MailStaffActions.class);

    private final InboundMails mails;
    private final TicketService tickets;

    public MailStaffActions(InboundMails mails, TicketService tickets) {
        this.mails = mails;
        this.tickets = tickets;
    }

    @Override
    public void markedDone(String transport, String sourceId, String actor) {
        Optional<Ticket> ticket = mails.findBySource(transport, sourceId)
                .flatMap(m -> Optional.ofNullable(m.ticketId()))
                .flatMap(tickets::findById);
        if (ticket.isEmpty()) {
            LOG.info("done category on mail {} {}: no ticket (not received, not processed yet, or no ticket)",
                    transport, sourceId);
            return;
        }
        Ticket t = ticket.get();
        if (t.status() == TicketStatus.RESOLVED || t.status() == TicketStatus.CLOSED) {
            return;
        }
        tickets.changeStatus(t.id(), TicketStatus.RESOLVED, actor == null || actor.isBlank() ? "claire" : actor);
    }
}
