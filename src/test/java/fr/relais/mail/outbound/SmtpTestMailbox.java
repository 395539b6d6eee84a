package fr.relais.mail.outbound;

import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.MailboxActions;
import fr.relais.mail.transport.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.util.Properties;

/**
 * Tests only: a plain SMTP {@link Mailbox} (the mail pipeline's IMAP/SMTP one replaces it once merged; see
 * {@link TestMailboxAutoConfiguration}).
 */
public class SmtpTestMailbox implements Mailbox {

    private final MailProperties properties;
    private final MailAccount account;

    public SmtpTestMailbox(MailProperties properties, MailAccount account) {
        this.properties = properties;
        this.account = account;
    }

    @Override
    public String transport() {
        return "imap";
    }

    @Override
    public void file(String sourceId, MailboxActions actions) {
        // filing is the pipeline's Mailbox's business
    }

    @Override
    public void send(OutgoingMail mail) {
        Properties props = new Properties();
        props.put("mail.smtp.host", properties.host());
        props.put("mail.smtp.port", String.valueOf(properties.smtpPort()));
        Session session = Session.getInstance(props);
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + mail.messageId() + ">");
                }
            };
            message.setFrom(new InternetAddress(mail.from()));
            for (String to : mail.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            message.setSubject(mail.subject(), "UTF-8");
            if (mail.inReplyTo() != null) {
                message.setHeader("In-Reply-To", "<" + mail.inReplyTo() + ">");
            }
            if (!mail.references().isEmpty()) {
                message.setHeader("References", String.join(" ", mail.references().stream().map(r -> "<" + r + ">").toList()));
            }
            mail.headers().forEach((name, value) -> {
                try {
                    message.setHeader(name, value);
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8");
            alternative.addBodyPart(text);
            if (mail.html() != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.html(), "UTF-8", "html");
                alternative.addBodyPart(html);
            }
            message.setContent(alternative);
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP send failed: " + e.getMessage(), e);
        }
    }
}
