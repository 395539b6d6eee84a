package fr.relais.mail.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.bench.RawSmtp;
import fr.relais.support.ImapFolders;
import fr.relais.mail.imap.ImapMailbox;
import fr.relais.mail.intake.MailIntake;
import fr.relais.mail.intake.MimeMailIntake;
import fr.relais.mail.outbound.HubMessageIds;
import fr.relais.mail.transport.Mailbox;
import fr.relais.share.Share;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketAttachment;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketDetails;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.Urgency;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail pipeline on the running hub, with the embedded mail server: mails are sent over SMTP to the shared
 * mailbox exactly as written here, fetched by the route mail-imap, and go through mail-inbound. Each test uses
 * its own addresses (a marker), so the tests do not see each other's mails.
 */
class MailPipelineTest extends HubTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    MailProperties mail;
    @Autowired
    MailAccount account;
    @Autowired
    InboundMails mails;
    @Autowired
    TicketService tickets;
    @Autowired
    HubMessageIds hubIds;
    @Autowired
    Share share;
    @Autowired
    DataSource dataSource;
    @Autowired
    MailIntake intake;
    @Autowired
    Mailbox mailbox;
    @Autowired
    InboundMailProperties inbound;

    private final ObjectMapper json = new ObjectMapper();

    // ------------------------------------------------------------------ tests

    @Test
    void theHubUsesTheFullIntakeAndTheImapMailbox() {
        assertThat(intake).isInstanceOf(MimeMailIntake.class);
        assertThat(mailbox).isInstanceOf(ImapMailbox.class);
    }

    @Test
    void aMailFromAKnownCustomerBecomesAClassifiedTicketWithItsAttachmentsFiledSafely() throws Exception {
        String m = marker();
        String from = "mme.girod-" + m + "@example.fr";
        long customer = customer("Girod Chauffage " + m, from, null);
        link(customer, "ERP", "C" + m);
        String longName = "r".repeat(300) + ".pdf";
        String raw = header(from, "Demande de devis pompe à chaleur " + m, "<devis-" + m + "@example.fr>")
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Bonjour, je souhaite un devis pour remplacer notre chaudière fioul par une pompe à chaleur.\r\n"
                + "Pouvez-vous nous faire une proposition chiffrée ? Les plans sont joints.\r\nMme Girod\r\n"
                + attachment("../../x.pdf", "application/pdf", "plan du rez-de-chaussee")
                + attachment("con.txt", "text/plain", "liste des radiateurs")
                + attachment(longName, "application/pdf", "devis concurrent")
                + attachment("", "application/pdf", "sans nom")
                + "--b1--\r\n";
        send(from, raw);

        InboundMail row = processed("devis-" + m + "@example.fr");
        assertThat(row.status()).isEqualTo("TICKET");
        TicketDetails details = tickets.details(row.ticketId()).orElseThrow();
        Ticket ticket = details.ticket();
        assertThat(ticket.category()).isEqualTo(TicketCategory.DEVIS);
        assertThat(ticket.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(ticket.customerId()).as("linked by the sender's address").isEqualTo(customer);
        assertThat(row.customerId()).isEqualTo(customer);

        String folder = "clients/C" + m + "/tickets/" + ticket.reference() + "/";
        assertThat(details.attachments()).extracting(TicketAttachment::storedPath).containsExactly(
                folder + "x.pdf", folder + "_con.txt", folder + "r".repeat(116) + ".pdf", folder + "piece-jointe-4.pdf");
        assertThat(details.attachments()).extracting(TicketAttachment::originalName)
                .contains("../../x.pdf", "con.txt", longName);
        Path root = share.root().toAbsolutePath().normalize();
        for (TicketAttachment a : details.attachments()) {
            Path file = root.resolve(a.storedPath()).normalize();
            assertThat(file).startsWith(root).isRegularFile();
            assertThat(DigestUtils.sha256Hex(Files.readAllBytes(file))).isEqualTo(a.sha256());
        }
        assertThat(Files.readString(root.resolve(folder + "x.pdf"))).isEqualTo("plan du rez-de-chaussee");
        assertThat(root.getParent().resolve("x.pdf")).doesNotExist();
        assertThat(root.resolveSibling("x.pdf")).doesNotExist();

        // the original is moved to its category's folder, not flagged; the customer is acknowledged once
        List<MailInFolder> filed = folder(inbound.folders().get("DEVIS"), "devis-" + m + "@example.fr");
        assertThat(filed).hasSize(1);
        assertThat(filed.get(0).flagged()).isFalse();
        assertThat(folder("INBOX", "devis-" + m + "@example.fr")).isEmpty();
        await().atMost(WAIT).until(() -> inboxOf(from, ticket.reference()).size() == 1);
    }

    @Test
    void anUrgentMailIsLinkedByThePhoneOfItsSignatureFlaggedAndClaireIsNotified() throws Exception {
        String m = marker();
        var random = ThreadLocalRandom.current();
        String phone = "04 50 " + random.nextInt(10, 99) + " " + random.nextInt(10, 99) + " " + random.nextInt(10, 99);
        String e164 = "+33" + phone.substring(1).replace(" ", "");
        long customer = customer("Résidence des Tilleuls " + m, null, e164);
        String from = "gardien-" + m + "@wanadoo.example";
        send(from, header(from, "Fuite d'eau importante " + m, "<fuite-" + m + "@wanadoo.example>")
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Bonjour, une grosse fuite d'eau au plafond du hall, l'eau coule partout et le sol est inondé.\r\n"
                + "Venez vite s'il vous plaît.\r\n\r\n--\r\nM. Perrin, gardien\r\nTél. " + phone + "\r\n");

        InboundMail row = processed("fuite-" + m + "@wanadoo.example");
        Ticket ticket = tickets.findById(row.ticketId()).orElseThrow();
        assertThat(ticket.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(ticket.customerId()).as("linked by the phone in the signature").isEqualTo(customer);

        List<MailInFolder> filed = folder(inbound.urgentFolder(), "fuite-" + m + "@wanadoo.example");
        assertThat(filed).hasSize(1);
        assertThat(filed.get(0).flagged()).as("urgent mails are flagged").isTrue();
        await().atMost(WAIT).until(() -> inboxOf(mail.assistantAddress(), account.password(), ticket.reference()).size() == 1);
        assertThat(inboxOf(mail.assistantAddress(), account.password(), ticket.reference()).get(0).subject())
                .contains("URGENT");
    }

    @Test
    void repliesJoinTheirTicketByReferenceByTheAcknowledgementAndByThreadIndex() throws Exception {
        String m = marker();
        String from = "paul-" + m + "@example.org";
        byte[] conversation = new byte[22];
        ThreadLocalRandom.current().nextBytes(conversation);
        send(from, header(from, "Radiateur qui ne chauffe plus " + m, "<first-" + m + "@example.org>")
                + "Thread-Index: " + Base64.getEncoder().encodeToString(conversation) + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Bonjour, le radiateur de la chambre reste froid depuis lundi, pouvez-vous passer ? Paul\r\n");
        InboundMail first = processed("first-" + m + "@example.org");
        assertThat(first.status()).isEqualTo("TICKET");
        Ticket ticket = tickets.findById(first.ticketId()).orElseThrow();
        await().atMost(WAIT).until(() -> inboxOf(from, ticket.reference()).size() == 1);
        String ackId = inboxOf(from, ticket.reference()).get(0).messageId();
        assertThat(hubIds.ticketOf(ackId)).contains(ticket.reference());

        // other senders and other subjects, so that only the rule under test can tie each reply to the ticket
        String byRef = "voisin-" + m + "@example.org";
        send(byRef, header(byRef, "TR: [" + ticket.reference() + "] question", "<byref-" + m + "@example.org>")
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nJe vous transfère la question de Paul.\r\n");
        String byAck = "paul.bureau-" + m + "@example.org";
        send(byAck, header(byAck, "Disponibilités", "<byack-" + m + "@example.org>")
                + "In-Reply-To: " + ackId + "\r\nReferences: <first-" + m + "@example.org> " + ackId + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nJe suis disponible jeudi matin.\r\n");
        byte[] reply = new byte[27];
        System.arraycopy(conversation, 0, reply, 0, 22);
        String byIndex = "assistante-" + m + "@example.org";
        send(byIndex, header(byIndex, "Code d'accès", "<byindex-" + m + "@example.org>")
                + "Thread-Index: " + Base64.getEncoder().encodeToString(reply) + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nLe code de la porte est 4512B.\r\n");

        for (String id : List.of("byref-", "byack-", "byindex-")) {
            InboundMail joined = processed(id + m + "@example.org");
            assertThat(joined.status()).as(id).isEqualTo("JOINED");
            assertThat(joined.ticketId()).as(id).isEqualTo(ticket.id());
        }
        assertThat(tickets.details(ticket.id()).orElseThrow().messages()).hasSize(4);
        assertThat(acknowledgementsTo(byAck)).as("a reply is never acknowledged").isZero();
        assertThat(acknowledgementsTo(byRef)).isZero();
        assertThat(acknowledgementsTo(from)).isEqualTo(1);
    }

    @Test
    void twoMailsOnOneNewMatterArrivingTogetherMakeOneTicket() throws Exception {
        // a customer sends a mail and, a moment later, a second one on the same matter: both are fetched in one
        // batch and taken by two consumers at once; the second must join the ticket the first opens
        String m = marker();
        String from = "double-envoi-" + m + "@example.fr";
        try (RawSmtp smtp = new RawSmtp(mail.host(), mail.smtpPort())) {
            for (String n : List.of("a", "b")) {
                smtp.send(from, List.of(mail.serviceAddress()), (header(from, "Fuite sous l'évier " + m,
                        "<together-" + n + "-" + m + "@example.fr>")
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + "Bonjour, il y a une fuite sous l'évier de la cuisine, pouvez-vous passer ? (" + n + ")\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        InboundMail a = processed("together-a-" + m + "@example.fr");
        InboundMail b = processed("together-b-" + m + "@example.fr");
        assertThat(List.of(a.status(), b.status())).containsExactlyInAnyOrder("TICKET", "JOINED");
        assertThat(a.ticketId()).isNotNull().isEqualTo(b.ticketId());
        assertThat(tickets.search(fr.relais.ticket.TicketFilter.any().contactEmail(from), 0, 10).total()).isEqualTo(1);
        assertThat(acknowledgementsTo(from)).as("one acknowledgement for the matter").isEqualTo(1);
    }

    @Test
    void aMailProcessedAfterAReplyToItJoinsTheReplysTicket() throws Exception {
        // the customer writes, copying a neighbour; the neighbour's reply-all (another sender, no Outlook
        // Thread-Index) is processed first; the customer's mail, processed next, joins the reply's ticket
        String m = marker();
        String customer = "client-" + m + "@example.fr";
        String neighbour = "voisin-" + m + "@example.fr";
        String original = "original-" + m + "@example.fr";
        send(neighbour, header(neighbour, "RE: Fuite dans la cage d'escalier " + m, "<reply-" + m + "@example.fr>")
                + "In-Reply-To: <" + original + ">\r\nReferences: <" + original + ">\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Je confirme, l'eau coule aussi chez moi au deuxième étage.\r\n");
        InboundMail reply = processed("reply-" + m + "@example.fr");
        assertThat(reply.status()).isEqualTo("TICKET");

        send(customer, header(customer, "Fuite dans la cage d'escalier " + m, "<" + original + ">")
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Bonjour, il y a une fuite d'eau dans la cage d'escalier, pouvez-vous venir ?\r\n");
        InboundMail first = processed(original);
        assertThat(first.status()).isEqualTo("JOINED");
        assertThat(first.ticketId()).isEqualTo(reply.ticketId());
        assertThat(first.classificationExplanation()).contains("answered-by");
        assertThat(tickets.details(reply.ticketId()).orElseThrow().messages()).hasSize(2);
        assertThat(tickets.search(fr.relais.ticket.TicketFilter.any().contactEmail(customer), 0, 10).total()).isZero();
    }

    @Test
    void aNonTicketMailIsRecordedAndFindableWithoutTicketNorAcknowledgement() throws Exception {
        String m = marker();
        String from = "newsletter-" + m + "@promo.example";
        send(from, header(from, "Nos offres de fin d'année " + m, "<news-" + m + "@promo.example>")
                + "List-Unsubscribe: <mailto:unsubscribe@promo.example>\r\nPrecedence: bulk\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Découvrez nos promotions de fin d'année sur les thermostats connectés. -20 % jusqu'au 31.\r\n");

        InboundMail row = processed("news-" + m + "@promo.example");
        assertThat(row.status()).isEqualTo("NON_TICKET");
        assertThat(row.ticketId()).isNull();
        assertThat(row.category()).isEqualTo("NON_TICKET");
        JsonNode found = json.readTree(api().get(url("/api/mails?status=NON_TICKET&q=" + m)).body());
        assertThat(found.path("items")).hasSize(1);
        assertThat(found.path("items").get(0).path("fromAddress").asText()).isEqualTo(from);
        assertThat(api().get(url("/api/mails/" + row.id() + "/raw")).body()).contains("news-" + m + "@promo.example");
        assertThat(tickets.search(fr.relais.ticket.TicketFilter.any().contactEmail(from), 0, 10).total()).isZero();
        assertThat(acknowledgementsTo(from)).isZero();
        assertThat(folder(inbound.folders().get("NON_TICKET"), "news-" + m + "@promo.example")).hasSize(1);
    }

    @Test
    void anUnparseableMailBecomesAnUnreadableTicketWithItsRawSourceAttached() throws Exception {
        String m = marker();
        String from = "jean.martin-" + m + "@example.fr";
        send(from, header(from, "Multipart vide de sens " + m, "<broken-" + m + "@example.fr>")
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
                + "Ce texte n'a aucun séparateur MIME, seulement du texte.\r\n");

        InboundMail row = processed("broken-" + m + "@example.fr");
        assertThat(row.status()).isEqualTo("UNREADABLE");
        TicketDetails details = tickets.details(row.ticketId()).orElseThrow();
        assertThat(details.ticket().category()).isEqualTo(TicketCategory.ILLISIBLE);
        assertThat(details.ticket().description()).contains("n'a pas pu être lu");
        assertThat(details.attachments()).hasSize(1);
        TicketAttachment source = details.attachments().get(0);
        assertThat(source.storedPath()).endsWith("/message-source.eml").startsWith("tickets/" + details.ticket().reference());
        byte[] stored = mails.raw(row.id()).orElseThrow();
        assertThat(Files.readAllBytes(share.root().resolve(source.storedPath()))).isEqualTo(stored);
        assertThat(new String(stored, StandardCharsets.UTF_8)).contains("aucun séparateur MIME");
        assertThat(folder(inbound.folders().get("ILLISIBLE"), "broken-" + m + "@example.fr")).hasSize(1);
    }

    @Test
    void theSameMailDeliveredTwiceMakesOneTicket() throws Exception {
        String m = marker();
        String from = "double-" + m + "@example.fr";
        String raw = header(from, "Rendez-vous entretien chaudière " + m, "<twice-" + m + "@example.fr>")
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Bonjour, pouvez-vous me proposer un rendez-vous pour l'entretien annuel ? Merci.\r\n";
        send(from, raw);
        InboundMail row = processed("twice-" + m + "@example.fr");
        send(from, raw);
        // the second copy is fetched (the poller's mark moves past it) but is the same mail: nothing more happens
        long secondCopy = uidOf("twice-" + m + "@example.fr");
        await().atMost(WAIT).until(() -> new JdbcTemplate(dataSource).queryForList(
                "SELECT highest_uid FROM imap_uid_mark WHERE folder = 'INBOX'", Long.class).stream().anyMatch(u -> u >= secondCopy));
        assertThat(folder("INBOX", "twice-" + m + "@example.fr")).hasSize(1)
                .allSatisfy(copy -> assertThat(copy.seen()).as("the hub leaves the read state alone").isFalse());
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM inbound_mail WHERE message_id = ?",
                Integer.class, "twice-" + m + "@example.fr")).isEqualTo(1);
        assertThat(tickets.search(fr.relais.ticket.TicketFilter.any().contactEmail(from), 0, 10).total()).isEqualTo(1);
        assertThat(acknowledgementsTo(from)).isEqualTo(1);
        assertThat(row.status()).isEqualTo("TICKET");
    }

    @Test
    void aProcessingFailureLeavesTheMailStoredAndItIsTriedAgain() throws Exception {
        String m = marker();
        String from = "retry-" + m + "@example.fr";
        Connection blocker = holdTicketNumbers();
        try {
            send(from, header(from, "Chauffe-eau en panne " + m, "<retry-" + m + "@example.fr>")
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\nLe chauffe-eau ne chauffe plus, pouvez-vous venir ?\r\n");
            InboundMail failedOnce = await().atMost(WAIT).until(() -> mails.findBySource("imap", "retry-" + m + "@example.fr")
                    .filter(r -> r.lastError() != null).orElse(null), r -> r != null);
            assertThat(failedOnce.status()).as("stored, waiting for another try").isEqualTo("RECEIVED");
            assertThat(failedOnce.lastError()).contains("processing failed (attempt 1 of 3)");
        } finally {
            release(blocker);
        }
        InboundMail row = processed("retry-" + m + "@example.fr");
        assertThat(row.status()).isEqualTo("TICKET");
        assertThat(row.attempts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aMailThatKeepsFailingEndsFailedVisibleWithItsReasonAndIsNotQueuedAgain() throws Exception {
        String m = marker();
        String from = "poison-" + m + "@example.fr";
        String id = "poison-" + m + "@example.fr";
        InboundMail failed;
        Connection blocker = holdTicketNumbers();
        try {
            send(from, header(from, "Devis climatisation " + m, "<" + id + ">")
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\nBonjour, je voudrais un devis pour une climatisation.\r\n");
            failed = await().atMost(WAIT).until(() -> mails.findBySource("imap", id)
                    .filter(r -> r.status().equals("FAILED")).orElse(null), r -> r != null);
        } finally {
            release(blocker);
        }
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.ticketId()).isNull();
        JsonNode listed = json.readTree(api().get(url("/api/mails?status=FAILED&from=" + from)).body()).path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("lastError").asText()).contains("processing failed (attempt 3 of 3)");
        Instant later = Instant.now().plus(Duration.ofDays(1));
        assertThat(mails.takeStale(later, Instant.now(), 10_000)).as("never queued again by itself").doesNotContain(failed.id());
        Thread.sleep(1500);
        assertThat(mails.find(failed.id()).orElseThrow().attempts()).as("no further try").isEqualTo(3);

        // a person asks for it again, once the cause is gone
        assertThat(api().post(url("/api/mails/" + failed.id() + "/retry"), "application/json", "").statusCode()).isEqualTo(200);
        InboundMail row = processed(id);
        assertThat(row.status()).isEqualTo("TICKET");
        assertThat(api().post(url("/api/mails/" + failed.id() + "/retry"), "application/json", "").statusCode()).isEqualTo(409);
    }

    // ------------------------------------------------------------------ helpers

    private static String marker() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private String header(String from, String subject, String messageId) {
        return "From: " + from + "\r\nTo: " + mail.serviceAddress() + "\r\nSubject: "
                + jakartaEncode(subject) + "\r\nMessage-ID: " + messageId + "\r\nDate: Thu, 03 Dec 2026 09:00:00 +0100\r\n";
    }

    private static String jakartaEncode(String subject) {
        try {
            return jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "Q");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String attachment(String name, String type, String content) {
        return "--b1\r\nContent-Type: " + type + "\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    private void send(String from, String raw) throws Exception {
        try (RawSmtp smtp = new RawSmtp(mail.host(), mail.smtpPort())) {
            smtp.send(from, List.of(mail.serviceAddress()), raw.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The stored mail with this Message-ID once it is processed and filed in the mailbox (or FAILED). */
    private InboundMail processed(String messageId) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(
                () -> mails.findBySource("imap", messageId).filter(r -> r.filedAt() != null || r.status().equals("FAILED"))
                        .orElse(null), r -> r != null);
    }

    private long customer(String name, String email, String phoneE164) {
        Timestamp now = Timestamp.from(Instant.now());
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO customer (display_name, name_normalized, email, email_normalized, phone_e164, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", name, name.toLowerCase(), email, email, phoneE164, now, now);
        return jdbc.queryForObject("SELECT MAX(id) FROM customer WHERE display_name = ?", Long.class, name);
    }

    private void link(long customer, String system, String code) {
        new JdbcTemplate(dataSource).update("INSERT INTO customer_link (customer_id, source_system, system_id, linked_at,"
                + " link_method) VALUES (?, ?, ?, ?, 'MANUAL')", customer, system, code, Timestamp.from(Instant.now()));
    }

    private int acknowledgementsTo(String address) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM outbound_mail WHERE kind = 'ACK'"
                + " AND recipient = ?", Integer.class, address);
    }

    /**
     * Holds the row lock of this year's ticket number counter in an open transaction: every ticket opening waits
     * for it and fails on the database's lock timeout, a real failure in the middle of processing.
     */
    private Connection holdTicketNumbers() throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            int year = java.time.Year.now(java.time.ZoneId.of("Europe/Paris")).getValue();
            if (s.executeUpdate("UPDATE ticket_reference_counter SET last_number = last_number WHERE ref_year = " + year) == 0) {
                s.executeUpdate("INSERT INTO ticket_reference_counter (ref_year, last_number) VALUES (" + year + ", 0)");
            }
        }
        return c;
    }

    /** Releases the lock: the waiting transaction rolls back, the connection goes back to the pool. */
    private static void release(Connection blocker) throws Exception {
        try {
            blocker.rollback();
        } finally {
            blocker.close();
        }
    }

    private Http api() {
        return Http.basic(ADMIN, PASSWORD);
    }

    record MailInFolder(String messageId, String subject, boolean seen, boolean flagged) {
    }

    /** Mails of the shared mailbox's folder (configured name, '/' as separator) with this Message-ID. */
    private List<MailInFolder> folder(String configured, String messageId) throws Exception {
        return ImapFolders.read(mail.host(), mail.imapPort(), account.username(), account.password(), configured,
                Folder.READ_ONLY, List.of(), f -> {
                    List<MailInFolder> found = new ArrayList<>();
                    for (Message message : f.getMessages()) {
                        String[] ids = message.getHeader("Message-ID");
                        if (ids != null && ids[0].contains(messageId)) {
                            found.add(inFolder(message));
                        }
                    }
                    return found;
                });
    }

    /** The UID of the mail with this Message-ID in the shared mailbox's inbox. */
    private long uidOf(String messageId) throws Exception {
        return ImapFolders.read(mail.host(), mail.imapPort(), account.username(), account.password(), "INBOX",
                Folder.READ_ONLY, -1L, f -> {
                    for (Message message : f.getMessages()) {
                        String[] ids = message.getHeader("Message-ID");
                        if (ids != null && ids[0].contains(messageId)) {
                            return ((jakarta.mail.UIDFolder) f).getUID(message);
                        }
                    }
                    throw new AssertionError(messageId + " is not in the inbox");
                });
    }

    private List<MailInFolder> inboxOf(String address, String marker) throws Exception {
        return inboxOf(address, address, marker);
    }

    /** Mails of another mailbox of the embedded server whose subject holds the marker. */
    private List<MailInFolder> inboxOf(String address, String password, String marker) throws Exception {
        return ImapFolders.read(mail.host(), mail.imapPort(), address, password, "INBOX", Folder.READ_ONLY, List.of(), f -> {
            List<MailInFolder> found = new ArrayList<>();
            for (Message message : f.getMessages()) {
                if (Optional.ofNullable(message.getSubject()).orElse("").contains(marker)) {
                    found.add(inFolder(message));
                }
            }
            return found;
        });
    }

    private static MailInFolder inFolder(Message message) throws Exception {
        String[] ids = message.getHeader("Message-ID");
        return new MailInFolder(ids == null ? null : ids[0], message.getSubject(), message.isSet(Flags.Flag.SEEN),
                message.isSet(Flags.Flag.FLAGGED));
    }
}
