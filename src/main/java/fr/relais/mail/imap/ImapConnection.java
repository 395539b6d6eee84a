package fr.relais.mail.imap;

import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import java.util.Properties;

/** One IMAP connection to the shared mailbox, opened on demand and reopened when it dropped. Not thread-safe. */
final class ImapConnection implements AutoCloseable {

    private final MailProperties properties;
    private final MailAccount account;
    private final Session session;
    private Store store;
    private org.eclipse.angus.mail.imap.IMAPFolder folder;

    private final String protocol;

    /** @param protocol "imap" or "imaps" (relais.mail.imap.protocol) */
    ImapConnection(MailProperties properties, MailAccount account, String protocol) {
        this.properties = properties;
        this.account = account;
        this.protocol = "imaps".equalsIgnoreCase(protocol) || properties.secure() ? "imaps" : "imap";
        this.session = Session.getInstance(sessionProperties(properties));
    }

    static Properties sessionProperties(MailProperties p) {
        Properties props = new Properties();
        String timeout = String.valueOf(p.connectTimeout());
        for (String protocol : new String[] {"imap", "imaps", "smtp"}) {
            props.put("mail." + protocol + ".connectiontimeout", timeout);
            props.put("mail." + protocol + ".timeout", String.valueOf(Math.max(p.connectTimeout(), 30_000)));
        }
        props.put("mail.smtp.host", p.host());
        props.put("mail.smtp.port", String.valueOf(p.smtpPort()));
        props.put("mail.smtp.auth", "true");
        if (p.secure()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        props.put("mail.mime.allowutf8", "true");
        return props;
    }

    Session session() {
        return session;
    }

    Store store() throws MessagingException {
        if (store == null || !store.isConnected()) {
            close();
            store = session.getStore(protocol);
            store.connect(properties.host(), properties.imapPort(), account.username(), account.password());
        }
        return store;
    }

    /** The folder, opened read-write and kept open between calls; reopened when the connection dropped. */
    org.eclipse.angus.mail.imap.IMAPFolder folder(String name) throws MessagingException {
        if (folder == null || !folder.isOpen() || !folder.getFullName().equals(name) || store == null
                || !store.isConnected()) {
            close();
            folder = (org.eclipse.angus.mail.imap.IMAPFolder) store().getFolder(name);
            folder.open(jakarta.mail.Folder.READ_WRITE);
        }
        return folder;
    }

    @Override
    public void close() {
        if (folder != null) {
            try {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            } catch (MessagingException | IllegalStateException ignored) {
                // the connection is gone anyway
            }
            folder = null;
        }
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the connection is gone anyway
            }
            store = null;
        }
    }
}
