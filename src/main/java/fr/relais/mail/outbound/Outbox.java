package fr.relais.mail.outbound;

import fr.relais.mail.intake.ParsedMail;

/**
 * The mails the hub owes because of a ticket: the customer's acknowledgement and Claire's notification.
 * Called by the mail pipeline (and by other ticket sources) INSIDE the transaction that created or joined the
 * ticket, so that a mail is owed if and only if the ticket exists; the outbox then sends each owed mail at
 * most once (a send interrupted by a crash is reported, never repeated blindly).
 */
public interface Outbox {

    /**
     * Owes the sender an acknowledgement of this ticket, unless the rules say no: NON_TICKET, machine-generated
     * mail (auto-reply, bounce, bulk), a mail that joined a thread already acknowledged, the per-sender rate
     * limit, or no usable address. Returns true when an acknowledgement was queued.
     */
    boolean owesAcknowledgement(long ticketId, ParsedMail mail, boolean joinedExistingTicket);

    /**
     * Owes Claire a notification for this ticket when it is urgent or does not come from mail (called for every
     * new ticket; the outbox decides). Returns true when a notification was queued.
     */
    boolean owesNotification(long ticketId);
}
