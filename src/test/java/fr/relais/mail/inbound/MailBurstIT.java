package fr.relais.mail.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.relais.mail.bench.RawSmtp;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import fr.relais.support.PackagedHub;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs on the packaged target/relais.jar (Failsafe, {@code mvn verify}), like CrashRestartIT. The mail server is
 * a GreenMail in this test's JVM (the hub's embedded one would die with the hub and take the unread mails
 * along). 1,000 mails are sent over SMTP to the shared mailbox (one in ten a newsletter, one in ten a reply to an
 * earlier mail); the hub is killed (SIGKILL) while it works through them, started again on the same data folder,
 * and stopped cleanly at the end. Then the hub's store is read directly: every mail is exactly one stored mail
 * ending as one ticket, one message joined to a ticket or one NON_TICKET record; none lost, none duplicated;
 * and no customer got a second acknowledgement.
 */
class MailBurstIT {

    private static final int MAILS = 1000;
    private static final String SERVICE = "contact@relais.local";
    private static final String CLAIRE = "claire@relais.local";
    private static final String MAIL_PASSWORD = "burst-mailbox-password";

    private final ObjectMapper json = new ObjectMapper();
    private final Path dataDir = Path.of("target", "mail-burst-" + System.currentTimeMillis()).toAbsolutePath();
    private final int httpPort = HubTestSupport.freePort();
    private final int smtpPort = HubTestSupport.freePort();
    private final int imapPort = HubTestSupport.freePort();
    private GreenMail mailServer;
    private Process hub;

    /**
     * Awaitility, minus its default of failing the wait on any thread's uncaught exception: GreenMail drops an
     * IMAP session when another session changes the same folder at that instant (the exception ends that
     * session's handler thread in this JVM) and the hub reconnects; what the test checks is the hub's store.
     */
    private static org.awaitility.core.ConditionFactory waitUntil() {
        return await().dontCatchUncaughtExceptions();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroyForcibly().waitFor();
        }
        if (mailServer != null) {
            mailServer.stop();
        }
    }

    @Test
    void aBurstOfMailsWithTheHubKilledMidwayEndsAsOneOutcomePerMail() throws Exception {
        Files.createDirectories(dataDir);
        mailServer = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mailServer.start();
        mailServer.setUser(SERVICE, SERVICE, MAIL_PASSWORD);
        mailServer.setUser(CLAIRE, CLAIRE, MAIL_PASSWORD);

        hub = startHub("first.log");
        long sendStart = System.nanoTime();
        try (RawSmtp smtp = new RawSmtp("127.0.0.1", smtpPort)) {
            for (int i = 0; i < MAILS; i++) {
                smtp.send(sender(i), List.of(SERVICE), mail(i));
            }
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;

        waitUntil().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> stored() >= 0 && finished() >= 250);
        hub.destroyForcibly().waitFor();
        long atKill = lastFinished;
        assertThat(atKill).as("killed in the middle of the burst (%s stored)", lastStored).isLessThan(MAILS);

        hub = startHub("second.log");
        try {
            waitUntil().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() -> finished() >= MAILS);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("after the restart only " + lastFinished + " of " + MAILS + " mails finished ("
                    + atKill + " stored at the kill); logs in " + dataDir, e);
        }
        // let the outbox send what it owes, then stop the hub cleanly so that its store can be opened here
        waitUntil().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> owed() == 0);
        hub.destroy();
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).as("the hub stops on SIGTERM").isTrue();

        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("relais"), "relais", "");
             Statement sql = db.createStatement()) {
            Map<String, Integer> statuses = new HashMap<>();
            Map<String, String> statusOf = new HashMap<>();
            Set<String> messageIds = new HashSet<>();
            Set<Long> ticketsOpened = new HashSet<>();
            int rows = 0;
            try (ResultSet rs = sql.executeQuery("SELECT message_id, status, ticket_id FROM inbound_mail")) {
                while (rs.next()) {
                    rows++;
                    messageIds.add(rs.getString(1));
                    statusOf.put(rs.getString(1), rs.getString(2));
                    statuses.merge(rs.getString(2), 1, Integer::sum);
                    if (rs.getString(2).equals("TICKET")) {
                        assertThat(ticketsOpened.add(rs.getLong(3))).as("one mail per ticket").isTrue();
                    }
                }
            }
            assertThat(rows).as("every mail stored once (%s finished, %s stored at the kill; sent in %.1f s)", atKill,
                            lastStored, sendSeconds)
                    .isEqualTo(MAILS);
            assertThat(messageIds).hasSize(MAILS);
            for (int i = 0; i < MAILS; i++) {
                assertThat(messageIds).contains(messageId(i));
            }
            assertThat(statuses.keySet()).as("each mail: ticket, joined or NON_TICKET; %s", statuses)
                    .isSubsetOf("TICKET", "JOINED", "NON_TICKET");
            for (int i = 0; i < MAILS; i++) {
                // a mail and the reply to it, in either order: one opens the ticket, the other joins it
                assertThat(statusOf.get(messageId(i))).as(messageId(i))
                        .isIn(i % 10 == 9 ? List.of("NON_TICKET") : i % 10 == 0 || i % 10 == 4
                                ? List.of("JOINED", "TICKET") : List.of("TICKET"));
                if (i % 10 == 4) {
                    assertThat(List.of(statusOf.get(messageId(i - 4)), statusOf.get(messageId(i))))
                            .as("one ticket for mail %s and its reply", i - 4).containsExactlyInAnyOrder("TICKET", "JOINED");
                }
            }
            assertThat(one(sql, "SELECT COUNT(*) FROM ticket WHERE origin = 'MAIL'"))
                    .as("no ticket without its mail, none twice").isEqualTo(statuses.getOrDefault("TICKET", 0));
            assertThat(one(sql, "SELECT COUNT(*) FROM ticket_message WHERE direction = 'IN'"))
                    .as("one message per ticket or joined mail")
                    .isEqualTo(statuses.getOrDefault("TICKET", 0) + statuses.getOrDefault("JOINED", 0));
            assertThat(one(sql, "SELECT COUNT(*) FROM (SELECT external_message_id FROM ticket_message"
                    + " GROUP BY external_message_id HAVING COUNT(*) > 1) d")).as("no mail twice on tickets").isZero();
            assertThat(one(sql, "SELECT COUNT(*) FROM outbound_mail WHERE kind = 'ACK' AND status IN ('OWED', 'SENDING')"))
                    .isZero();
        }

        // what the customers received: at most one acknowledgement each, none to a newsletter, none for a reply
        Map<String, Integer> acksPerCustomer = new HashMap<>();
        for (MimeMessage m : mailServer.getReceivedMessages()) {
            String[] autoSubmitted = m.getHeader("Auto-Submitted");
            if (autoSubmitted != null && autoSubmitted[0].equals("auto-replied")) {
                for (var to : m.getRecipients(Message.RecipientType.TO)) {
                    acksPerCustomer.merge(to.toString(), 1, Integer::sum);
                }
            }
        }
        assertThat(acksPerCustomer).as("acknowledged customers").isNotEmpty();
        assertThat(acksPerCustomer.values()).as("no second acknowledgement").allMatch(n -> n == 1);
        for (int i = 0; i < MAILS; i++) {
            if (i % 10 == 9) {
                assertThat(acksPerCustomer).as("newsletters are not acknowledged").doesNotContainKey(sender(i));
            }
        }
    }

    // ------------------------------------------------------------------ the burst

    /** Mail i: a newsletter when i % 10 == 9, a reply to mail i - 4 (same customer) when i % 10 == 4. */
    private static byte[] mail(int i) {
        boolean newsletter = i % 10 == 9;
        boolean reply = i % 10 == 4;
        String subject = newsletter ? "Nos offres du mois " + i
                : reply ? "RE: Chaudière en panne " + (i - 4) : "Chaudière en panne " + i;
        String body = newsletter ? "Découvrez nos promotions sur les thermostats connectés, -20 % ce mois-ci."
                : reply ? "Merci, le technicien peut passer jeudi matin, le code de la porte est 4512."
                : "Bonjour, notre chaudière est en panne depuis ce matin, plus d'eau chaude. Pouvez-vous passer ?";
        String raw = "From: Client " + i + " <" + sender(i) + ">\r\nTo: " + SERVICE + "\r\n"
                + "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
                + "?=\r\nMessage-ID: <" + messageId(i) + ">\r\nDate: Thu, 03 Dec 2026 09:00:00 +0100\r\n"
                + (reply ? "In-Reply-To: <" + messageId(i - 4) + ">\r\nReferences: <" + messageId(i - 4) + ">\r\n" : "")
                + (newsletter ? "List-Unsubscribe: <mailto:stop@promo.example>\r\nPrecedence: bulk\r\n" : "")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body + "\r\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    private static String sender(int i) {
        int customer = i % 10 == 4 ? i - 4 : i;
        return i % 10 == 9 ? "news" + i + "@promo.example" : "client" + customer + "@burst.example";
    }

    private static String messageId(int i) {
        return "burst-" + i + "@burst.example";
    }

    // ------------------------------------------------------------------ the hub

    private Process startHub(String logName) throws Exception {
        return PackagedHub.start(dataDir, httpPort, logName, List.of(
                "--relais.mail.embedded=false",
                "--relais.mail.host=127.0.0.1",
                "--relais.mail.smtp-port=" + smtpPort,
                "--relais.mail.imap-port=" + imapPort,
                "--relais.mail.password=" + MAIL_PASSWORD,
                "--relais.mail.signing-key=burst-test-signing-key-0123456789",
                // poll settings of this test: a short IMAP tick, quick re-queue of what the kill left behind
                "--relais.mail.imap.poll-delay=200",
                "--relais.mail.inbound.consumers=4",
                "--relais.mail.inbound.requeue-after=5s",
                "--relais.mail.inbound.requeue-period=2000",
                "--relais.mail.outbound.poll-interval=300"));
    }

    private long lastStored = -1;
    private long lastFinished = -1;

    private long stored() throws Exception {
        lastStored = total("/api/mails?size=1");
        return lastStored;
    }

    private long finished() throws Exception {
        lastFinished = total("/api/mails?size=1&status=TICKET") + total("/api/mails?size=1&status=JOINED")
                + total("/api/mails?size=1&status=NON_TICKET");
        return lastFinished;
    }

    private long owed() throws Exception {
        JsonNode page = json.readTree(Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD)
                .get(url("/api/outbox?status=OWED,SENDING")).body());
        return page.size();
    }

    private long total(String path) throws Exception {
        return json.readTree(Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD).get(url(path)).body())
                .path("total").asLong();
    }

    private static int one(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String url(String path) {
        return "http://localhost:" + httpPort + path;
    }

    private String tail(String logName) {
        return PackagedHub.tail(dataDir, logName);
    }
}
