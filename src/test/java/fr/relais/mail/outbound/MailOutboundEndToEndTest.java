package fr.relais.mail.outbound;

import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.support.HubTestSupport;
import fr.relais.support.ImapFolders;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way on the running hub: a customer's mail sent over SMTP to the shared mailbox becomes a ticket;
 * the customer gets one acknowledgement answering it, Claire a notification when urgent; a reply to the
 * acknowledgement joins the ticket and gets no second one.
 */
class MailOutboundEndToEndTest extends HubTestSupport {

    @Autowired
    MailProperties mail;
    @Autowired
    MailAccount account;
    @Autowired
    HubMessageIds messageIds;

    private void send(String from, String subject, String body, String inReplyTo) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from, "Marie Curtet", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.serviceAddress()));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", inReplyTo);
            message.setHeader("References", inReplyTo);
        }
        Transport.send(message);
    }

    private List<MimeMessage> inbox(String address, String password, String marker) throws Exception {
        return ImapFolders.read(mail.host(), mail.imapPort(), address, password, "INBOX", Folder.READ_ONLY, List.of(), f -> {
            List<MimeMessage> found = new ArrayList<>();
            for (Message m : f.getMessages()) {
                String text = m.getSubject() + "\n" + body((MimeMessage) m);
                if (text.contains(marker)) {
                    found.add(new MimeMessage((MimeMessage) m));
                }
            }
            return found;
        });
    }

    private static String body(MimeMessage m) throws Exception {
        Object content = m.getContent();
        return content instanceof MimeMultipart multipart ? String.valueOf(multipart.getBodyPart(0).getContent())
                : String.valueOf(content);
    }

    @Test
    void aCustomersMailIsAcknowledgedOnceAndClaireIsNotifiedOfTheUrgency() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String customer = "marie.e2e-" + marker + "@relais.local";
        send(customer, "Odeur de gaz dans la cuisine " + marker,
                "Bonjour, ça sent le gaz très fort dans la cuisine depuis ce matin. Que faire ? Marie Curtet, 06 11 22 33 44",
                null);

        await().atMost(Duration.ofSeconds(60)).until(() -> inbox(customer, customer, "Quittez les lieux").size() == 1);
        MimeMessage ack = inbox(customer, customer, "Quittez les lieux").get(0);
        String reference = messageIds.ticketOf(ack.getMessageID()).orElseThrow();
        assertThat(ack.getSubject()).startsWith("[" + reference + "]");
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(body(ack)).contains("0 800 47 33 33").contains(reference);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(mail.assistantAddress(), account.password(), reference).size() == 1);
        assertThat(inbox(mail.assistantAddress(), account.password(), reference).get(0).getSubject()).contains("URGENT");

        // the customer answers the acknowledgement: the reply joins the ticket, no second acknowledgement
        send(customer, "RE: " + ack.getSubject(), "Merci, je suis sorti et j'ai appelé GRDF. " + marker, ack.getMessageID());
        Thread.sleep(8000);
        assertThat(inbox(customer, customer, reference)).as("one acknowledgement in the thread").hasSize(1);
    }
}
