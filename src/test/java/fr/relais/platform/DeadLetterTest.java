package fr.relais.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.support.FlakyService;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.time.Duration;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The error-handling convention, end to end: retries, the dead-letter queue with the reason, and replay. */
class DeadLetterTest extends HubTestSupport {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    ProducerTemplate producer;

    @Autowired
    FlakyService flaky;

    @Autowired
    CamelContext camel;

    private JsonNode deadLetterWithBody(String body) throws Exception {
        JsonNode letters = json.readTree(Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters")).body());
        for (JsonNode letter : letters) {
            if (letter.path("body").asText().equals(body)) {
                return letter;
            }
        }
        return null;
    }

    @Test
    void aFailingMessageIsRetriedThenDeadLetteredWithItsReasonAndCanBeReplayed() throws Exception {
        String body = "request-" + UUID.randomUUID();
        flaky.failing.set(true);
        int attemptsBefore = flaky.attempts.get();
        producer.sendBody("jms:queue:relais.test.flaky", body);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterWithBody(body) != null);
        JsonNode letter = deadLetterWithBody(body);
        assertThat(letter.path("routeId").asText()).isEqualTo("test-flaky");
        assertThat(letter.path("reason").asText()).contains("downstream system unreachable (test)");
        assertThat(letter.path("endpoint").asText()).contains("relais.test.flaky");
        assertThat(letter.path("failedAt").asText()).isNotBlank();
        assertThat(flaky.attempts.get() - attemptsBefore).as("first try and 2 redeliveries").isEqualTo(3);
        assertThat(flaky.handled).doesNotContain(body);

        flaky.failing.set(false);
        String id = URLEncoder.encode(letter.path("id").asText(), UTF_8);
        assertThat(Http.basic(ADMIN, PASSWORD).post(url("/api/dead-letters/" + id + "/replay"), "application/json", "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.handled.contains(body));
        assertThat(deadLetterWithBody(body)).as("a replayed letter leaves the queue").isNull();
        assertThat(Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters/" + id)).statusCode()).isEqualTo(404);
    }

    @Test
    void aFailingPollIsLoggedCountedAndTriedAtTheNextTickButNeverDeadLettered() throws Exception {
        int lettersBefore = json.readTree(Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters")).body()).size();
        flaky.tickFailing.set(true);
        int ticksBefore = flaky.ticks.get();
        camel.getRouteController().startRoute("test-tick");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> flaky.ticks.get() - ticksBefore >= 5);
            var route = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class).getManagedRoute("test-tick");
            assertThat(route.getFailuresHandled()).as("each failed tick counted as handled, visible in Hawtio").isGreaterThanOrEqualTo(4);
            assertThat(route.getRedeliveries()).as("no redelivery: the next tick is the retry").isZero();

            flaky.tickFailing.set(false);
            int recovered = flaky.ticks.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> flaky.ticks.get() - recovered >= 3);
        } finally {
            camel.getRouteController().stopRoute("test-tick");
            flaky.tickFailing.set(false);
        }
        assertThat(json.readTree(Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters")).body()).size())
                .as("failed ticks never reach the dead-letter queue").isEqualTo(lettersBefore);
    }

    @Test
    void badInputIsNotRetriedAndSaysWhatIsWrong() throws Exception {
        String body = "invalid-" + UUID.randomUUID();
        int attemptsBefore = flaky.attempts.get();
        producer.sendBody("jms:queue:relais.test.flaky", body);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterWithBody(body) != null);
        JsonNode letter = deadLetterWithBody(body);
        assertThat(letter.path("reason").asText()).contains("is not a valid request").contains(body);
        assertThat(letter.path("errorType").asText()).isEqualTo(InvalidInputException.class.getName());
        assertThat(flaky.attempts.get() - attemptsBefore).as("no redelivery for bad input").isEqualTo(1);

        // the same list as IT sees it in Hawtio's JMX tab (operation list of relais:type=DeadLetters)
        String jmxList = Http.basic(ADMIN, PASSWORD).get(url("/actuator/jolokia/exec/relais:type=DeadLetters/list()")).body();
        assertThat(jmxList).contains(letter.path("id").asText()).contains("is not a valid request");

        String id = URLEncoder.encode(letter.path("id").asText(), UTF_8);
        assertThat(Http.basic(ADMIN, PASSWORD).delete(url("/api/dead-letters/" + id)).statusCode()).isEqualTo(204);
        assertThat(deadLetterWithBody(body)).isNull();
    }

    @Test
    void aMalformedIdIsRefused() {
        assertThat(Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters/" + URLEncoder.encode("x' OR '1'='1", UTF_8))).statusCode()).isEqualTo(400);
    }
}
