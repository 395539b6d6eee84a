package fr.relais.ticket.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import fr.relais.support.PackagedHub;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs after the build packaged target/relais.jar (Failsafe, {@code mvn verify}). Kills the hub's process (SIGKILL, no shutdown hook) while ticket requests are in flight, starts it again
 * on the same data folder, and checks that every request became exactly one ticket: none lost (the broker's
 * persistent journal keeps unacknowledged messages), none duplicated (the request key is stored in the same
 * transaction as its ticket).
 */
class CrashRestartIT {

    private static final int REQUESTS = 600;
    private final ObjectMapper json = new ObjectMapper();

    /** Kept under target/ so that the hub's logs can be read after a failure. */
    private final Path dataDir = Path.of("target", "crash-restart-" + System.currentTimeMillis()).toAbsolutePath();

    private Process hub;
    private final int httpPort = HubTestSupport.freePort();
    private final int brokerPort = HubTestSupport.freePort();
    private final int smtpPort = HubTestSupport.freePort();
    private final int imapPort = HubTestSupport.freePort();

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null && hub.isAlive()) {
            hub.destroyForcibly().waitFor();
        }
    }

    private Process startHub(String logName) throws Exception {
        return PackagedHub.start(dataDir, httpPort, logName, List.of(
                "--relais.broker.acceptor-port=" + brokerPort,
                "--relais.mail.smtp-port=" + smtpPort,
                "--relais.mail.imap-port=" + imapPort,
                "--relais.tickets.inbound-consumers=4"));
    }

    @Test
    void aHubKilledMidFlightLosesAndDuplicatesNothing() throws Exception {
        Files.createDirectories(dataDir);
        hub = startHub("first.log");
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (Connection connection = broker.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("relais.tickets.inbound"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < REQUESTS; i++) {
                producer.send(session.createTextMessage("{\"key\":\"crash-" + i + "\",\"category\":\"SAV\",\"urgency\":\"NORMAL\","
                        + "\"origin\":\"TECHNICIAN\",\"contact\":{\"name\":\"Technicien " + i + "\"},"
                        + "\"subject\":\"request crash-" + i + "\"}"));
                if (i % 100 == 99) {
                    session.commit();
                }
            }
            session.commit();
        }
        broker.close();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> total() >= 60);
        hub.destroyForcibly().waitFor();
        long atKill = lastTotal;
        assertThat(atKill).as("killed mid-flight").isLessThan(REQUESTS);

        hub = startHub("second.log");
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> total() >= REQUESTS);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("after the restart only " + lastTotal + " of " + REQUESTS + " requests became tickets ("
                    + atKill + " at the kill); dead letters: "
                    + Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD).get(url("/api/dead-letters")).body()
                    + "; logs in " + dataDir, e);
        }
        Thread.sleep(2000);

        Set<String> subjects = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode result = json.readTree(Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD)
                    .get(url("/api/tickets?origin=TECHNICIAN&size=100&page=" + page)).body());
            for (JsonNode ticket : result.path("items")) {
                all.add(ticket.path("subject").asText());
                subjects.add(ticket.path("subject").asText());
            }
            if (result.path("items").size() < 100) {
                break;
            }
        }
        assertThat(all).as("one ticket per request, none duplicated").hasSize(REQUESTS);
        assertThat(subjects).hasSize(REQUESTS);
        JsonNode deadLetters = json.readTree(Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD).get(url("/api/dead-letters")).body());
        assertThat(deadLetters).as("nothing dead-lettered").isEmpty();
    }

    private long lastTotal = -1;

    private long total() throws Exception {
        JsonNode page = json.readTree(Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD)
                .get(url("/api/tickets?origin=TECHNICIAN&size=1")).body());
        lastTotal = page.path("total").asLong();
        return lastTotal;
    }

    private String url(String path) {
        return "http://localhost:" + httpPort + path;
    }

    private String tail(String logName) {
        return PackagedHub.tail(dataDir, logName);
    }
}
