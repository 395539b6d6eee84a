package fr.relais.mail.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.intake.LoopSignals;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import fr.relais.ticket.Contact;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.Urgency;
import fr.relais.support.ImapFolders;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The route mail-outbound on the running hub, with the embedded GreenMail server: owed mails reach the real
 * mailboxes over SMTP with the right headers (whatever the Mailbox bean is); a crash-left SENDING row is never
 * sent again; the rate limit holds. Refusals and back-off: {@link OutboxDeliveryTest}.
 */
class MailOutboundRouteTest extends HubTestSupport {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    TicketService tickets;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxDelivery delivery;
    @Autowired
    OutboundMailStore store;
    @Autowired
    HubMessageIds messageIds;
    @Autowired
    MailProperties mail;
    @Autowired
    MailAccount account;
    @Autowired
    DataSource dataSource;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    private final ObjectMapper json = new ObjectMapper();

    /** The messages of a mailbox of the embedded server whose subject contains the marker. */
    private List<MimeMessage> inbox(String address, String marker) throws Exception {
        boolean hubMailbox = address.equals(mail.serviceAddress()) || address.equals(mail.assistantAddress());
        // the embedded server creates any other mailbox on delivery, with its address as login and password
        return ImapFolders.read(mail.host(), mail.imapPort(), address.equals(mail.serviceAddress()) ? account.username()
                : address, hubMailbox ? account.password() : address, "INBOX", Folder.READ_ONLY, List.of(), f -> {
                    List<MimeMessage> found = new ArrayList<>();
                    for (Message m : f.getMessages()) {
                        if (m.getSubject() != null && m.getSubject().contains(marker)) {
                            found.add(new MimeMessage((MimeMessage) m));
                        }
                    }
                    return found;
                });
    }

    private static String text(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        Object content = message.getContent();
        if (content instanceof MimeMultipart multipart) {
            return (String) multipart.getBodyPart(0).getContent();
        }
        return String.valueOf(content);
    }

    @Test
    void aTicketFromTheInboundQueueNotifiesClaireInHerMailbox() throws Exception {
        String key = "tech-form-" + UUID.randomUUID();
        String subject = "Chaudière en défaut chez M. Perrin " + key;
        producer.sendBody("jms:queue:relais.tickets.inbound", "{\"key\":\"" + key + "\",\"category\":\"SAV\","
                + "\"urgency\":\"NORMAL\",\"origin\":\"TECHNICIAN\",\"contact\":{\"name\":\"Jean Perrin\","
                + "\"phone\":\"06 12 34 56 78\"},\"subject\":\"" + subject + "\",\"description\":\"Code F28, pièce à commander\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(mail.assistantAddress(), key).size() == 1);
        MimeMessage notification = inbox(mail.assistantAddress(), key).get(0);
        Ticket ticket = tickets.findById(new JdbcTemplate(dataSource).queryForObject(
                "SELECT id FROM ticket WHERE subject = ?", Long.class, subject)).orElseThrow();

        assertThat(notification.getSubject()).startsWith("[" + ticket.reference() + "]").contains("Dépannage / SAV");
        assertThat(text(notification)).contains("contact à qualifier").contains("Jean Perrin").contains("06 12 34 56 78")
                .contains("Code F28, pièce à commander").contains("technicien");
        assertThat(notification.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        String messageId = notification.getMessageID();
        assertThat(messageIds.ticketOf(messageId)).contains(ticket.reference());
        assertThat(store.ofTicket(ticket.id())).singleElement()
                .satisfies(row -> assertThat(row.status()).isEqualTo(OutboundMail.Status.SENT));
    }

    @Test
    void anAcknowledgementCarriesTheAutoReplyHeadersAndAnswersTheCustomersMail() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String customer = "client-" + marker + "@relais.local";
        var tx = new TransactionTemplate(transactionManager);
        Ticket ticket = tx.execute(status -> {
            Ticket t = tickets.open(NewTicket.of(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, null,
                    new Contact("Marie Curtet", customer, null), "Odeur de gaz " + marker, "Ça sent le gaz."), "test");
            assertThat(outbox.owesAcknowledgement(t.id(), AbstractOutboxRulesTest.mail("orig-" + marker + "@example.fr",
                    customer, "", List.of(), LoopSignals.none()), false)).isTrue();
            assertThat(outbox.owesNotification(t.id())).isTrue();
            return t;
        });
        // the customer's address is a mailbox of the embedded server: GreenMail creates it on delivery
        await().atMost(Duration.ofSeconds(30)).until(() -> store.ofTicket(ticket.id()).stream()
                .allMatch(r -> r.status() == OutboundMail.Status.SENT));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(mail.assistantAddress(), marker).size() == 1);

        OutboundMail ack = store.ofTicket(ticket.id()).stream().filter(r -> r.kind() == OutboundMail.Kind.ACK).findFirst().orElseThrow();
        assertThat(ack.sentAt()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(customer, ticket.reference()).size() == 1);
        MimeMessage received = inbox(customer, ticket.reference()).get(0);
        assertThat(received.getMessageID()).isEqualTo("<" + ack.messageId() + ">");
        assertThat(messageIds.ticketOf(received.getMessageID())).contains(ticket.reference());
        assertThat(received.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(received.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
        assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<orig-" + marker + "@example.fr>");
        assertThat(received.getHeader("References", null)).contains("<orig-" + marker + "@example.fr>");
        assertThat(received.getFrom()[0].toString()).contains(mail.serviceAddress());
        assertThat(received.getSubject()).startsWith("[" + ticket.reference() + "]");
        assertThat(text(received)).contains("Quittez les lieux").contains("0 800 47 33 33").contains(ticket.reference());
        assertThat(inbox(mail.assistantAddress(), marker).get(0).getSubject()).contains("URGENT");
    }

    @Test
    void aMailLeftSendingByACrashIsNotSentAgainButReported() throws Exception {
        String marker = "crash-" + UUID.randomUUID();
        Ticket ticket = tickets.open(NewTicket.of(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, null,
                new Contact("Crash", "crash@relais.local", null), marker, "x"), "test");
        long id = store.owe(ticket.id(), OutboundMail.Kind.ACK, "crash@relais.local", "crash@relais.local", marker + "@x",
                messageIds.create(ticket.reference()), marker + "@x", List.of(marker + "@x"), "[" + ticket.reference() + "] " + marker,
                "texte", null, java.time.Instant.now());
        // as the hub that died during the send left it: claimed, not marked sent
        new JdbcTemplate(dataSource).update("UPDATE outbound_mail SET status = 'SENDING', attempts = 1,"
                + " claimed_at = CURRENT_TIMESTAMP WHERE id = ?", id);

        List<OutboundMail> uncertain = delivery.recoverInterrupted(); // what the next start does first
        assertThat(uncertain).extracting(OutboundMail::id).contains(id);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(OutboundMail.Status.UNCERTAIN);
        Thread.sleep(2500); // more than two polls
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(OutboundMail.Status.UNCERTAIN);
        assertThat(inbox("crash@relais.local", marker)).isEmpty();
        assertThat(outbox.owesAcknowledgement(ticket.id(), AbstractOutboxRulesTest.mail(marker + "@x", "crash@relais.local"), false))
                .as("no second acknowledgement").isFalse();

        JsonNode listed = json.readTree(Http.basic(ADMIN, PASSWORD).get(url("/api/outbox?status=UNCERTAIN")).body());
        assertThat(listed.findValuesAsText("messageId")).contains(store.find(id).orElseThrow().messageId());

        // a person checked it did not leave: owed again, sent once
        assertThat(Http.basic(ADMIN, PASSWORD).post(url("/api/outbox/" + id + "/resend"), "application/json", "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(id).orElseThrow().status() == OutboundMail.Status.SENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox("crash@relais.local", marker).size() == 1);
        Thread.sleep(1500);
        assertThat(inbox("crash@relais.local", marker)).as("once").hasSize(1);
    }

    @Test
    void theRateLimitHoldsOnTheRunningHub() {
        String sender = "flood-" + UUID.randomUUID().toString().substring(0, 8) + "@example.fr";
        int owed = 0;
        for (int i = 0; i < 7; i++) {
            Ticket t = tickets.open(NewTicket.of(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.MAIL, null,
                    new Contact(null, sender, null), "Devis " + i, "x"), "test");
            if (outbox.owesAcknowledgement(t.id(), AbstractOutboxRulesTest.mail(sender + "-" + i, sender), false)) {
                owed++;
            }
        }
        assertThat(owed).as("default: 5 an hour").isEqualTo(5);
    }
}
