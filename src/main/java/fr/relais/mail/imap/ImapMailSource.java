package fr.relais.mail.imap;

import fr.relais.mail.inbound.MessageIdSniffer;
import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.ReceivedMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * The step of the route mail-imap: the raw bytes of a fetched mail, exactly as the server holds them, go to
 * {@link MailReceiver}. The route's consumer marks the mail \Seen only once this returned (the mail is then
 * stored); a failure leaves it unseen, to be fetched again.
 * <p>
 * The source id is the Message-ID: the same mail delivered twice to the mailbox (To and Cc, a resend) is one
 * mail. A mail without a Message-ID gets {@code sha256:<hash of its raw bytes>}: stable for the same bytes,
 * which is what a re-fetch gives. (IMAP UIDs are not used: they change when a mail is moved or when the server
 * resets UIDVALIDITY.)
 */
@Component("imapMailSource")
public class ImapMailSource {

    public static final String TRANSPORT = "imap";

    private final MailReceiver receiver;
    private final MessageIdSniffer sniffer = new MessageIdSniffer();

    public ImapMailSource(MailReceiver receiver) {
        this.receiver = receiver;
    }

    /** Stores the mail of the exchange; returns true when it was new. */
    public boolean receive(Exchange exchange) throws MessagingException, IOException {
        MailMessage in = exchange.getIn(MailMessage.class);
        Message message = in != null ? in.getMessage() : exchange.getIn().getBody(Message.class);
        if (message == null) {
            throw new IllegalStateException("mail-imap: no mail in the exchange");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        message.writeTo(out);
        byte[] raw = out.toByteArray();
        return receiver.receive(new ReceivedMail(TRANSPORT, sourceId(raw), ReceivedMail.Direction.INBOUND, raw,
                Instant.now()));
    }

    /** The Message-ID, or a hash of the raw bytes when the mail has none. */
    public String sourceId(byte[] raw) {
        String id = sniffer.messageId(raw);
        return id != null ? id : hashId(raw);
    }

    public static String hashId(byte[] raw) {
        return "sha256:" + DigestUtils.sha256Hex(raw);
    }
}
