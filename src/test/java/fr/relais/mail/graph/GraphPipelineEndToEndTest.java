package fr.relais.mail.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import fr.relais.mail.transport.Mailbox;
import fr.relais.support.Http;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import fr.relais.mail.inbound.InboundMail;
import fr.relais.mail.inbound.InboundMails;
import fr.relais.support.HubTestSupport;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.TicketStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static fr.relais.mail.graph.GraphFake.deltaWithDeltaToken;
import static fr.relais.mail.graph.GraphFake.initialDelta;
import static fr.relais.mail.graph.GraphFake.message;
import static fr.relais.mail.graph.GraphFake.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole hub with relais.mail.transport=graph and the real mail pipeline: a mail in the fake Exchange inbox
 * becomes a ticket, the original is filed (categories, flag, folder) through Graph, a failing Sent Items poll is
 * visible (route error, outlook health DOWN with the reason) and recovers, Claire's reply from Sent Items joins
 * the ticket, and the done category set in Outlook resolves it. Own context (own ports and data folder), so it
 * never meets the shared hub of {@link HubTestSupport}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GraphPipelineEndToEndTest {

    static final GraphFake FAKE = new GraphFake().start();
    static final Path DATA_DIR = tempDir();
    static final String ID = "AAMkAGI2TG93AAA-e2e-1";

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    Mailbox mailbox;
    @Autowired
    InboundMails mails;
    @Autowired
    TicketService tickets;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        FAKE.token("token-1");
        FAKE.server.stubFor(initialDelta("inbox").willReturn(okJson(page(List.of(message(ID, "client@example.fr")),
                null, FAKE.deltaLink("inbox", "d1")))));
        FAKE.server.stubFor(deltaWithDeltaToken("inbox", "d1").willReturn(okJson(page(List.of(), null, FAKE.deltaLink("inbox", "d1")))));
        // Sent Items fail at first: the sent route errors, the outlook health goes DOWN with the reason
        FAKE.server.stubFor(initialDelta("sentitems").willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"sent items unavailable\"}}")));
        FAKE.raw(ID, "From: Mme Durand <client@example.fr>\r\nTo: contact@relais.fr\r\nSubject: Plus de chauffage\r\n"
                + "Message-ID: <e2e-1@mail.example>\r\nDate: Thu, 03 Dec 2026 08:00:00 +0100\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Bonjour, notre chaudière est en panne, plus de chauffage ni d'eau chaude depuis ce matin.\r\n"
                + "Pouvez-vous envoyer un technicien ? Mme Durand, 12 rue des Alpes, Annecy. 06 12 34 56 78\r\n");
        FAKE.server.stubFor(get(urlPathMatching(GraphFake.USER + "/mailFolders/.+/childFolders")).willReturn(okJson("{\"value\":[]}")));
        FAKE.server.stubFor(post(urlPathMatching(GraphFake.USER + "/mailFolders/.+/childFolders"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"folder-new\",\"displayName\":\"x\"}")));
        FAKE.server.stubFor(initialDelta("folder-new").willReturn(okJson(page(List.of(), null, FAKE.deltaLink("folder-new", "f1")))));
        FAKE.server.stubFor(deltaWithDeltaToken("folder-new", "f1").willReturn(okJson(page(List.of(), null, FAKE.deltaLink("folder-new", "f1")))));
        FAKE.server.stubFor(patch(urlPathMatching(GraphFake.USER + "/messages/" + ID)).willReturn(okJson("{\"id\":\"" + ID + "\"}")));
        FAKE.server.stubFor(post(urlPathMatching(GraphFake.USER + "/messages/" + ID + "/move")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + ID + "\"}")));
        FAKE.server.stubFor(post(urlPathMatching(GraphFake.USER + "/sendMail")).willReturn(aResponse().withStatus(202)));

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
    void aMailInExchangeBecomesATicketIsFiledJoinedByClairesReplyAndResolvedByTheDoneCategory() throws IOException {
        InboundMail stored = await().atMost(Duration.ofSeconds(60)).until(
                () -> mails.findBySource("graph", ID).filter(m -> m.ticketId() != null && m.filedAt() != null).orElse(null),
                m -> m != null);
        assertThat(mailbox).isInstanceOf(GraphMailbox.class);
        assertThat(camel.getRouteController().getRouteStatus("mail-imap").isStarted())
                .as("IMAP polling follows the transport: stopped with graph, nothing set for it").isFalse();
        Ticket ticket = tickets.findById(stored.ticketId()).orElseThrow();
        assertThat(stored.direction()).isEqualTo("INBOUND");
        assertThat(ticket.status()).isNotIn(TicketStatus.RESOLVED, TicketStatus.CLOSED);

        List<LoggedRequest> patches = FAKE.server.findAll(patchRequestedFor(urlPathMatching(GraphFake.USER + "/messages/" + ID)));
        assertThat(patches).isNotEmpty();
        assertThat(patches.get(0).getBodyAsString()).contains("\"categories\":[\"Relais · ");
        assertThat(FAKE.server.findAll(postRequestedFor(urlPathMatching(GraphFake.USER + "/messages/" + ID + "/move")))).isNotEmpty();

        // the failing Sent Items poll is visible, keeps its route started, and does not hold the inbox back
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode outlook = outlookHealth();
            assertThat(outlook.path("status").asText()).isEqualTo("DOWN");
            assertThat(outlook.path("details").path("polls").path("sentitems").path("error").asText()).contains("500", "sent items unavailable");
            assertThat(outlook.path("details").path("polls").path("inbox").path("ok").asBoolean()).isTrue();
        });
        assertThat(camel.getRouteController().getRouteStatus("mail-graph-sent")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("mail-graph-sent").getFailuresHandled()).isPositive();
        assertThat(camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("mail-graph-inbox").getFailuresHandled()).isZero();

        // Sent Items come back with Claire's reply from Outlook: it joins the ticket as an outgoing message
        String reply = "AAMkAGI2TG93AAA-sent-1";
        FAKE.raw(reply, "From: Relais <contact@relais.fr>\r\nTo: client@example.fr\r\nSubject: RE: Plus de chauffage ["
                + ticket.reference() + "]\r\nMessage-ID: <reply-1@relais.fr>\r\nIn-Reply-To: <e2e-1@mail.example>\r\n"
                + "References: <e2e-1@mail.example>\r\nDate: Thu, 03 Dec 2026 09:00:00 +0100\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nBonjour, un technicien passe cet après-midi. Claire\r\n");
        FAKE.server.stubFor(initialDelta("sentitems").willReturn(okJson(page(
                List.of(GraphFake.sentMessage(reply, "contact@relais.fr", "reply-1@relais.fr")), null, FAKE.deltaLink("sentitems", "s2")))));
        FAKE.server.stubFor(deltaWithDeltaToken("sentitems", "s2").willReturn(okJson(page(List.of(), null, FAKE.deltaLink("sentitems", "s2")))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tickets.messages(ticket.id()))
                .anySatisfy(m -> {
                    assertThat(m.direction()).isEqualTo(fr.relais.ticket.MessageDirection.OUT);
                    assertThat(m.bodyText()).contains("un technicien passe cet après-midi");
                }));
        assertThat(mails.findBySource("graph", reply).orElseThrow().direction()).isEqualTo("STAFF_REPLY");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outlookHealth().path("status").asText()).isEqualTo("UP"));
        var components = new ObjectMapper().readTree(Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD)
                .get("http://localhost:" + port + "/actuator/health").body()).path("components");
        assertThat(components.has("mail")).as("no IMAP health check with the Graph transport").isFalse();

        // Claire sets the done category in Outlook: the next delta reports the change
        FAKE.server.stubFor(deltaWithDeltaToken("inbox", "d1").willReturn(okJson(page(
                List.of(message(ID, "client@example.fr", "Relais · SAV", "Relais · Traité")), null, FAKE.deltaLink("inbox", "d2")))));
        FAKE.server.stubFor(deltaWithDeltaToken("inbox", "d2").willReturn(okJson(page(List.of(), null, FAKE.deltaLink("inbox", "d2")))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(tickets.findById(ticket.id()).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED));
    }

    private JsonNode outlookHealth() throws IOException {
        var response = Http.basic(HubTestSupport.ADMIN, HubTestSupport.PASSWORD).get("http://localhost:" + port + "/actuator/health");
        return new ObjectMapper().readTree(response.body()).path("components").path("outlook");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("relais-graph-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
