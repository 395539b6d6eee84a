package fr.relais.mail.transport;

/** The entry of the mail pipeline, the same for every transport. */
public interface MailReceiver {

    /**
     * Stores the raw mail durably and queues it for processing, at most once per (transport, sourceId).
     * Returns only when the mail is safely stored: the transport may then mark it as fetched.
     *
     * @return true when the mail is new, false when it had already been received
     */
    boolean receive(ReceivedMail mail);

    /**
     * The same for several mails fetched together (a transport may hand over a batch so that the receiver can
     * queue them in one go). Returns how many were new; returns only when every one of them is safely stored.
     */
    default int receiveAll(java.util.List<ReceivedMail> mails) {
        int added = 0;
        for (ReceivedMail mail : mails) {
            if (receive(mail)) {
                added++;
            }
        }
        return added;
    }
}
