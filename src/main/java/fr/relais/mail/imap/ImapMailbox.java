package fr.relais.mail.imap;

import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.MailboxActions;
import fr.relais.mail.transport.OutgoingMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.HeaderTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The shared mailbox over IMAP/SMTP ({@code relais.mail.transport=imap}, the default).
 * <ul>
 * <li>{@link #file}: the original mail (found in the inbox by its Message-ID, or by the hash of its bytes when
 * it has none) is flagged \Flagged when urgent and moved to its category's folder, created when missing
 * ("Relais/SAV": '/' becomes the server's hierarchy separator). Idempotent: a mail already moved is left.
 * Returns quietly when the mail is not (or no longer) in the inbox.</li>
 * <li>{@link #send}: SMTP through the same server, as the shared mailbox, keeping the given Message-ID and
 * headers.</li>
 * </ul>
 * One IMAP connection, kept open and reopened when it dropped; calls are serialised.
 */
@Component
@ConditionalOnProperty(name = "relais.mail.transport", havingValue = "imap", matchIfMissing = true)
public class ImapMailbox implements Mailbox, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ImapMailbox.class);

    private final MailProperties properties;
    private final MailAccount account;
    private final String inbox;
    private final ImapConnection connection;

    public ImapMailbox(MailProperties properties, MailAccount account, ImapSettings settings) {
        this.properties = properties;
        this.account = account;
        this.inbox = settings.folder();
        this.connection = new ImapConnection(properties, account);
    }

    @Override
    public String transport() {
        return ImapMailSource.TRANSPORT;
    }

    @Override
    public synchronized void file(String sourceId, MailboxActions actions) {
        if (actions.folder() == null && !actions.flagged()) {
            return;
        }
        try {
            fileOnce(sourceId, actions);
        } catch (MessagingException | IllegalStateException first) {
            LOG.debug("filing {}: {}; reconnecting", sourceId, first.toString());
            connection.close();
            try {
                fileOnce(sourceId, actions);
            } catch (MessagingException e) {
                throw new IllegalStateException("mail " + sourceId + " could not be filed: " + e.getMessage(), e);
            }
        }
    }

    private void fileOnce(String sourceId, MailboxActions actions) throws MessagingException {
        var store = connection.store();
        Folder folder = store.getFolder(inbox);
        folder.open(Folder.READ_WRITE);
        try {
            List<Message> found = find(folder, sourceId);
            if (found.isEmpty()) {
                LOG.debug("mail {} is not in {} (already filed?)", sourceId, inbox);
                return;
            }
            Message[] messages = found.toArray(new Message[0]);
            if (actions.flagged()) {
                folder.setFlags(messages, new Flags(Flags.Flag.FLAGGED), true);
            }
            folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
            if (actions.folder() != null) {
                Folder target = store.getFolder(serverName(store.getDefaultFolder().getSeparator(), actions.folder()));
                if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
                    throw new MessagingException("cannot create folder " + target.getFullName());
                }
                if (folder instanceof IMAPFolder imap && store instanceof IMAPStore s && s.hasCapability("MOVE")) {
                    imap.moveMessages(messages, target);
                } else {
                    folder.copyMessages(messages, target);
                    folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                    folder.expunge();
                }
            }
        } finally {
            if (folder.isOpen()) {
                folder.close(false);
            }
        }
    }

    private static List<Message> find(Folder folder, String sourceId) throws MessagingException {
        List<Message> found = new ArrayList<>();
        if (sourceId.startsWith("sha256:")) {
            for (Message m : folder.getMessages()) {
                String[] ids = m.getHeader("Message-ID");
                if (ids == null || ids.length == 0) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        m.writeTo(out);
                    } catch (java.io.IOException e) {
                        throw new MessagingException(e.getMessage(), e);
                    }
                    if (ImapMailSource.hashId(out.toByteArray()).equals(sourceId)) {
                        found.add(m);
                    }
                }
            }
            return found;
        }
        for (Message m : folder.search(new HeaderTerm("Message-ID", sourceId))) {
            String[] ids = m.getHeader("Message-ID");
            if (ids != null && ids.length > 0 && sourceId.equals(fr.relais.mail.inbound.MessageIdSniffer.clean(ids[0]))) {
                found.add(m);
            }
        }
        return found;
    }

    /** "Relais/SAV" with the server's separator. */
    static String serverName(char separator, String configured) {
        return configured.replace('/', separator);
    }

    @Override
    public void send(OutgoingMail mail) {
        try {
            Session session = connection.session();
            MimeMessage message = new KeptIdMessage(session, mail.messageId());
            message.setFrom(new InternetAddress(mail.from()));
            List<InternetAddress> to = new ArrayList<>();
            for (String address : mail.to()) {
                to.add(new InternetAddress(address));
            }
            message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            if (mail.inReplyTo() != null) {
                message.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
            }
            if (!mail.references().isEmpty()) {
                message.setHeader("References", String.join(" ", mail.references().stream().map(r -> "<" + r + ">").toList()));
            }
            for (Map.Entry<String, String> h : mail.headers().entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            if (mail.html() == null) {
                message.setText(mail.text(), StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                message.setContent(alternative);
            }
            message.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(properties.host(), properties.smtpPort(), account.username(), account.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("mail to " + mail.to() + " not sent: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void destroy() {
        connection.close();
    }

    /** A MimeMessage that keeps the Message-ID it was given instead of making a new one. */
    private static final class KeptIdMessage extends MimeMessage {
        private final String messageId;

        KeptIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (messageId == null || messageId.isBlank()) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        }
    }
}
