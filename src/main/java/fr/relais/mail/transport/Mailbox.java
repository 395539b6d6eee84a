package fr.relais.mail.transport;

/**
 * The shared mailbox as seen through the configured transport (IMAP/SMTP or Microsoft Graph): one bean,
 * chosen by relais.mail.transport.
 */
public interface Mailbox {

    /** "imap" or "graph". */
    String transport();

    /** Shows the mail classified: categories (Graph only), folder, flag. Idempotent. */
    void file(String sourceId, MailboxActions actions);

    /** Sends a mail from the shared mailbox. */
    void send(OutgoingMail mail);
}
