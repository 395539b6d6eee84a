package fr.relais.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.context.SmartLifecycle;

/**
 * The demo's mail server: real SMTP and IMAP on loopback with the shared mailbox and Claire's mailbox,
 * both opened with the shared mailbox's password. Mail is kept in memory only.
 */
public class EmbeddedMailServer implements SmartLifecycle {

    private final MailProperties properties;
    private final MailAccount account;
    private GreenMail greenMail;

    public EmbeddedMailServer(MailProperties properties, MailAccount account) {
        this.properties = properties;
        this.account = account;
    }

    @Override
    public synchronized void start() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(properties.smtpPort(), properties.host(), ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(properties.imapPort(), properties.host(), ServerSetup.PROTOCOL_IMAP)});
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("embedded mail server: cannot listen on " + properties.host() + " ports "
                    + properties.smtpPort() + " (relais.mail.smtp-port) and " + properties.imapPort()
                    + " (relais.mail.imap-port): " + e.getMessage(), e);
        }
        greenMail.setUser(properties.serviceAddress(), account.username(), account.password());
        greenMail.setUser(properties.assistantAddress(), properties.assistantAddress(), account.password());
    }

    @Override
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    /** Starts before the routes that read and send mail, stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
