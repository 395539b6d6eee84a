package fr.relais.mail.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.StaffActions;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static fr.relais.mail.graph.GraphFake.initialDelta;
import static fr.relais.mail.graph.GraphFake.message;
import static fr.relais.mail.graph.GraphFake.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole hub with relais.mail.transport=graph against the Graph fake: its own context (own data folder,
 * own ports), so that it never meets the shared hub of {@link HubTestSupport}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(GraphTransportHubTest.PipelineStandIns.class)
@DirtiesContext
class GraphTransportHubTest {

    static final GraphFake FAKE = new GraphFake().start();
    static final Path DATA_DIR = tempDir();

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    Mailbox mailbox;
    @Autowired
    Recording.Receiver receiver;
    @Autowired
    Recording.Staff staff;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        FAKE.token("token-1");
        FAKE.server.stubFor(initialDelta("inbox").willReturn(okJson(page(List.of(message("hub-m1", "a@example.fr"),
                message("hub-m2", "b@example.fr", "Relais · Traité")), null, FAKE.deltaLink("inbox", "d1")))));
        FAKE.server.stubFor(GraphFake.deltaWithDeltaToken("inbox", "d1").willReturn(okJson(page(List.of(), null, FAKE.deltaLink("inbox", "d1")))));
        FAKE.raw("hub-m1", GraphFake.mime("hub-m1"));
        FAKE.raw("hub-m2", GraphFake.mime("hub-m2"));
        FAKE.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(GraphFake.USER + "/mailFolders/inbox/childFolders"))
                .willReturn(okJson("{\"value\":[]}")));
        // Sent Items keep failing: the sent route errors, the outlook health goes DOWN with the reason
        FAKE.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(GraphFake.deltaPath("sentitems")))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"sent items unavailable\"}}")));

        registry.add("relais.data-dir", DATA_DIR::toString);
        registry.add("relais.security.admin-password", () -> HubTestSupport.PASSWORD);
        registry.add("relais.mail.smtp-port", HubTestSupport::freePort);
        registry.add("relais.mail.imap-port", HubTestSupport::freePort);
        registry.add("relais.mail.transport", () -> "graph");
        registry.add("relais.outlook.tenant-id", () -> GraphFake.TENANT);
        registry.add("relais.outlook.client-id", () -> "client-1");
        registry.add("relais.outlook.client-secret", () -> "secret-1");
        registry.add("relais.outlook.mailbox", () -> GraphFake.MAILBOX);
        registry.add("relais.outlook.base-url", FAKE::graphUrl);
        registry.add("relais.outlook.authority", FAKE::root);
        registry.add("relais.outlook.poll-interval", () -> "500ms");
        registry.add("relais.outlook.max-retries", () -> 1);
        registry.add("relais.outlook.retry-backoff", () -> "10ms");
    }

    @AfterAll
    static void stopFake() {
        FAKE.stop();
    }

    @Test
    void theHubReadsTheMailboxThroughGraph() throws Exception {
        assertThat(mailbox).isInstanceOf(GraphMailbox.class);
        assertThat(camel.getRouteController().getRouteStatus("mail-graph-inbox")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRouteController().getRouteStatus("mail-graph-sent")).isEqualTo(ServiceStatus.Started);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(receiver.ids()).containsExactly("hub-m1", "hub-m2");
            assertThat(staff.done).containsExactly("graph|hub-m2|outlook");
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var response = Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD).get("http://localhost:" + port + "/actuator/health");
            JsonNode outlook = new ObjectMapper().readTree(response.body()).path("components").path("outlook");
            assertThat(outlook.path("status").asText()).isEqualTo("DOWN");
            assertThat(outlook.path("details").path("polls").path("sentitems").path("error").asText()).contains("500", "sent items unavailable");
            assertThat(outlook.path("details").path("polls").path("inbox").path("ok").asBoolean()).isTrue();
        });
        // the failing poll did not stop its route: it is tried again at each tick, and each failure is counted
        assertThat(camel.getRouteController().getRouteStatus("mail-graph-sent")).isEqualTo(ServiceStatus.Started);
        var sentRoute = camel.getCamelContextExtension().getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute("mail-graph-sent");
        await().atMost(Duration.ofSeconds(10)).until(() -> sentRoute.getFailuresHandled() >= 2);
        assertThat(camel.getCamelContextExtension().getContextPlugin(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute("mail-graph-inbox").getFailuresHandled()).isZero();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class PipelineStandIns {
        @Bean
        @Primary
        Recording.Receiver recordingReceiver() {
            return new Recording.Receiver();
        }

        @Bean
        @Primary
        Recording.Staff recordingStaff() {
            return new Recording.Staff();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("relais-graph-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
