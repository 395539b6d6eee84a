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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared mailbox over IMAP/SMTP ({@code relais.mail.transport=imap}, the default).
 * <ul>
 * <li>{@link #file}: the original mail is flagged \Flagged when urgent and moved to its category's
 * folder, created when missing ("Relais/SAV": '/' becomes the server's hierarchy separator). By UID: the one
 * {@link ImapMailSource} fetched it with (same UIDVALIDITY), else found by its Message-ID (or the hash of its
 * bytes when it has none). Its read state is left as it is (Claire's unread mails stay unread). Concurrent calls
 * are grouped into one UID STORE for the urgent ones and one UID MOVE per folder. Idempotent: a mail no longer in
 * the inbox is left as it is.</li>
 * <li>{@link #send}: SMTP through the same server, as the shared mailbox, keeping the given Message-ID and
 * headers; one SMTP connection kept open between sends.</li>
 * </ul>
 * One IMAP connection with the inbox kept open, reopened when it dropped.
 */
@Component
@ConditionalOnProperty(name = "relais.mail.transport", havingValue = "imap", matchIfMissing = true)
public class ImapMailbox implements Mailbox, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ImapMailbox.class);

    private final MailProperties properties;
    private final MailAccount account;
    private final String inbox;
    private final ImapConnection connection;
    private final ImapUids uids;

    public ImapMailbox(MailProperties properties, MailAccount account, ImapSettings settings, ImapUids uids) {
        this.properties = properties;
        this.account = account;
        this.inbox = settings.folder();
        this.uids = uids;
        this.connection = new ImapConnection(properties, account, settings.protocol());
    }

    @Override
    public String transport() {
        return ImapMailSource.TRANSPORT;
    }

    /**
     * Files one mail. Calls from several consumers are grouped: whoever holds the connection files every mail
     * waiting at that moment, with one UID STORE for the urgent ones and one UID MOVE per target folder; each
     * caller returns once its own mail was filed (or throws its failure).
     */
    @Override
    public void file(String sourceId, MailboxActions actions) {
        if (actions.folder() == null && !actions.flagged()) {
            return;
        }
        Request request = new Request(sourceId, actions);
        synchronized (pending) {
            pending.add(request);
        }
        synchronized (this) {
            if (!request.done) {
                flush();
            }
        }
        if (request.error != null) {
            throw request.error;
        }
    }

    private static final class Request {
        final String sourceId;
        final MailboxActions actions;
        volatile boolean done;
        volatile RuntimeException error;

        Request(String sourceId, MailboxActions actions) {
            this.sourceId = sourceId;
            this.actions = actions;
        }
    }

    private final List<Request> pending = new ArrayList<>();

    /** Files every waiting request (holding this object's lock). */
    private void flush() {
        List<Request> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            try {
                fileBatch(batch);
            } catch (MessagingException | IllegalStateException first) {
                LOG.debug("filing {} mail(s): {}; reconnecting", batch.size(), first.toString());
                connection.close();
                fileBatch(batch);
            }
        } catch (MessagingException | RuntimeException e) {
            RuntimeException failure = new IllegalStateException(batch.size() + " mail(s) could not be filed in "
                    + inbox + ": " + e.getMessage(), e);
            batch.forEach(r -> r.error = failure);
        } finally {
            batch.forEach(r -> r.done = true);
        }
    }

    private void fileBatch(List<Request> batch) throws MessagingException {
        long t0 = System.nanoTime();
        IMAPFolder folder = connection.folder(inbox);
        long t1 = System.nanoTime();
        long validity = folder.getUIDValidity();
        Map<Request, List<Long>> found = new LinkedHashMap<>();
        List<Long> remembered = new ArrayList<>();
        for (Request r : batch) {
            uids.find(r.sourceId).filter(p -> p.uidValidity() == validity).ifPresent(p -> remembered.add(p.uid()));
        }
        Set<Long> present = new HashSet<>(remembered.isEmpty() ? List.of()
                : ImapCommands.uidSearch(folder, "UID " + ImapCommands.uidSet(remembered)));
        for (Request r : batch) {
            var place = uids.find(r.sourceId).filter(p -> p.uidValidity() == validity);
            if (place.isPresent()) {
                found.put(r, present.contains(place.get().uid()) ? List.of(place.get().uid()) : List.of());
            } else {
                found.put(r, search(folder, r.sourceId));
            }
        }
        long t2 = System.nanoTime();
        List<Long> flagged = new ArrayList<>();
        Map<String, List<Long>> moves = new LinkedHashMap<>();
        for (var e : found.entrySet()) {
            if (e.getValue().isEmpty()) {
                LOG.debug("mail {} is not in {} (already filed?)", e.getKey().sourceId, inbox);
                continue;
            }
            if (e.getKey().actions.flagged()) {
                flagged.addAll(e.getValue());
            }
            if (e.getKey().actions.folder() != null) {
                moves.computeIfAbsent(e.getKey().actions.folder(), k -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        if (!flagged.isEmpty()) {
            ImapCommands.addFlags(folder, flagged, "(\\Flagged)");
        }
        long t3 = System.nanoTime();
        var store = connection.store();
        boolean moveCapable = store instanceof IMAPStore s && s.hasCapability("MOVE");
        for (var move : moves.entrySet()) {
            String target = target(store, move.getKey());
            ImapCommands.move(folder, move.getValue(), target, moveCapable);
        }
        batch.forEach(r -> uids.forget(r.sourceId));
        long t4 = System.nanoTime();
        LOG.debug("filed {} mail(s): folder {} ms, find {} ms, flags {} ms, moves {} ms", batch.size(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
    }

    /** The server's name of a configured folder ("Relais/SAV"), created (with its parents) the first time. */
    private String target(jakarta.mail.Store store, String configured) throws MessagingException {
        String name = serverName(store.getDefaultFolder().getSeparator(), configured);
        if (!created.contains(name)) {
            Folder target = store.getFolder(name);
            if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create folder " + target.getFullName());
            }
            created.add(name);
        }
        return name;
    }

    private final Set<String> created = new HashSet<>();

    /** UIDs of the mails with this source id (not remembered by the poller: after a restart). */
    private static List<Long> search(IMAPFolder folder, String sourceId) throws MessagingException {
        List<Long> found = new ArrayList<>();
        for (Message m : find(folder, sourceId)) {
            found.add(folder.getUID(m));
        }
        return found;
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
            synchronized (smtpLock) {
                try {
                    if (smtp == null || !smtp.isConnected()) {
                        closeSmtp();
                        smtp = session.getTransport("smtp");
                        smtp.connect(properties.host(), properties.smtpPort(), account.username(), account.password());
                    }
                    smtp.sendMessage(message, message.getAllRecipients());
                } catch (MessagingException e) {
                    // never sent again here: the outbox decides (a mail the server may have taken is not repeated blindly)
                    closeSmtp();
                    throw e;
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("mail to " + mail.to() + " not sent: " + e.getMessage(), e);
        }
    }

    /** One SMTP connection kept open between sends (checked with NOOP before each), reopened when it dropped. */
    private final Object smtpLock = new Object();
    private Transport smtp;

    private void closeSmtp() {
        if (smtp != null) {
            try {
                smtp.close();
            } catch (MessagingException ignored) {
                // gone anyway
            }
            smtp = null;
        }
    }

    @Override
    public synchronized void destroy() {
        connection.close();
        synchronized (smtpLock) {
            closeSmtp();
        }
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
