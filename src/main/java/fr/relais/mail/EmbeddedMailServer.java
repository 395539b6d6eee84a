package fr.relais.mail;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.context.SmartLifecycle;

import java.net.Socket;
import java.net.SocketException;
import java.util.Map;

/**
 * The demo's mail server: real SMTP and IMAP on loopback with the shared mailbox and Claire's mailbox,
 * both opened with the shared mailbox's password. Mail is kept in memory only.
 */
public class EmbeddedMailServer implements SmartLifecycle {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedMailServer.class);

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
                new ServerSetup(properties.imapPort(), properties.host(), ServerSetup.PROTOCOL_IMAP)}) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
                Map<String, AbstractServer> services = super.createServices(setups, managers);
                for (ServerSetup setup : setups) {
                    if (ServerSetup.PROTOCOL_IMAP.equals(setup.getProtocol())) {
                        services.put(setup.getProtocol(), new NoDelayImapServer(setup, managers));
                    } else if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                        services.put(setup.getProtocol(), new NoDelaySmtpServer(setup, managers));
                    }
                }
                return services;
            }
        };
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

    /**
     * GreenMail's IMAP server with TCP_NODELAY on each connection. GreenMail writes an answer line by line (an
     * untagged line, then the tagged status): with Nagle's algorithm on, the last line waits for the client's
     * delayed ACK, which costs about 40 ms per IMAP command on Linux (measured: 44 ms for a one-UID search).
     */
    static final class NoDelayImapServer extends AbstractServer {

        NoDelayImapServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
            noDelay(client);
            ImapHandler handler = new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), client);
            return new ProtocolHandler() {
                @Override
                public void run() {
                    try {
                        handler.run();
                    } catch (RuntimeException e) {
                        // GreenMail drops a session when other sessions change the same folder at that instant
                        // ("Need to do this properly...", or its folder's message list modified while this
                        // session walks it); the client reconnects. One line, not a stack trace; anything else
                        // the server fails on stays visible.
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        if (String.valueOf(cause.getMessage()).startsWith("Need to do this properly")
                                || cause instanceof java.util.ConcurrentModificationException) {
                            LOG.debug("embedded mail server: an IMAP session was dropped ({})", cause.toString());
                        } else {
                            LOG.warn("embedded mail server: an IMAP session failed", e);
                        }
                    }
                }

                @Override
                public void close() {
                    handler.close();
                }
            };
        }
    }

    /**
     * GreenMail's SMTP server with TCP_NODELAY on each connection, for the same reason: without it each mail
     * received cost about 44 ms (22 mails/s over one connection, measured with the bench's SMTP client).
     */
    static final class NoDelaySmtpServer extends SmtpServer {

        NoDelaySmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
            noDelay(client);
            return super.createProtocolHandler(client);
        }
    }

    private static void noDelay(Socket client) {
        try {
            client.setTcpNoDelay(true);
        } catch (SocketException ignored) {
            // served with Nagle's algorithm, only slower
        }
    }

    /** Starts before the routes that read and send mail, stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
