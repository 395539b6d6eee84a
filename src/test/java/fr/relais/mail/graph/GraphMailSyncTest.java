package fr.relais.mail.graph;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import fr.relais.mail.transport.ReceivedMail;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static fr.relais.mail.graph.GraphFake.deltaWithDeltaToken;
import static fr.relais.mail.graph.GraphFake.deltaWithSkipToken;
import static fr.relais.mail.graph.GraphFake.initialDelta;
import static fr.relais.mail.graph.GraphFake.message;
import static fr.relais.mail.graph.GraphFake.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Delta sync of the Inbox against the Graph fake: pages, resume, failures, retries, tokens. */
class GraphMailSyncTest extends GraphTestBase {

    private static final String INBOX = "inbox";

    /** Page 1 (m1) → nextLink p2; page 2 (m2) → deltaLink d1. */
    private void twoPages() {
        fake.server.stubFor(initialDelta(INBOX).willReturn(okJson(page(List.of(message("m1", "a@example.fr")),
                fake.nextLink(INBOX, "p2"), null))));
        fake.server.stubFor(deltaWithSkipToken(INBOX, "p2").willReturn(okJson(page(List.of(message("m2", "b@example.fr")),
                null, fake.deltaLink(INBOX, "d1")))));
        fake.raw("m1", GraphFake.mime("m1"));
        fake.raw("m2", GraphFake.mime("m2"));
    }

    @Test
    void twoDeltaPagesThenADeltaLink() {
        twoPages();

        List<GraphMailSync.Round> rounds = sync.pollInbox();

        assertThat(receiver.ids()).containsExactly("m1", "m2");
        ReceivedMail first = receiver.mails.get(0);
        assertThat(first.transport()).isEqualTo("graph");
        assertThat(first.direction()).isEqualTo(ReceivedMail.Direction.INBOUND);
        assertThat(new String(first.raw(), StandardCharsets.UTF_8)).isEqualTo(GraphFake.mime("m1"));
        assertThat(rounds.get(0).pages()).isEqualTo(2);
        assertThat(rounds.get(0).received()).isEqualTo(2);
        assertThat(deltas.load(GraphFake.MAILBOX, INBOX)).get()
                .isEqualTo(new GraphDeltaStore.Link(fake.deltaLink(INBOX, "d1"), "delta"));
        // the first request asks only for recent mail and the fields used
        LoggedRequest initial = fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.deltaPath(INBOX)))).get(0);
        assertThat(initial.queryParameter("$filter").firstValue()).startsWith("receivedDateTime ge ");
        assertThat(initial.queryParameter("$select").firstValue()).contains("id", "categories", "internetMessageId");
        assertThat(initial.getHeader("Prefer")).contains("odata.maxpagesize=2").contains("IdType=\"ImmutableId\"");
        // every call to Graph carries the token and asks for immutable ids
        List<LoggedRequest> graphCalls = fake.server.findAll(anyRequestedFor(urlPathMatching("/v1.0/.*")));
        assertThat(graphCalls).as("two pages, two contents").hasSize(4).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer token-1");
            assertThat(r.getHeader("Prefer")).contains("IdType=\"ImmutableId\"");
        });
        assertThat(status.healthy()).isTrue();
    }

    @Test
    void aRestartResumesFromTheSavedDeltaLink() {
        twoPages();
        sync.pollInbox();
        fake.server.stubFor(deltaWithDeltaToken(INBOX, "d1").willReturn(okJson(page(List.of(message("m3", "c@example.fr")),
                null, fake.deltaLink(INBOX, "d2")))));
        fake.raw("m3", GraphFake.mime("m3"));

        build(); // new client, new beans, same database: a restarted hub
        sync.pollInbox();

        assertThat(receiver.ids()).containsExactly("m1", "m2", "m3");
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.deltaPath(INBOX)))
                .withQueryParam("$deltatoken", equalTo("d1")))).hasSize(1);
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.deltaPath(INBOX)))
                .withQueryParam("$filter", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))))
                .as("the initial sync ran only once").hasSize(1);
        assertThat(deltas.load(GraphFake.MAILBOX, INBOX).orElseThrow().url()).isEqualTo(fake.deltaLink(INBOX, "d2"));
    }

    @Test
    void updatesOfStoredMailsAndRemovalsAreNotFetchedAgain() {
        twoPages();
        sync.pollInbox();
        // the hub filed m1 (categories changed: an update), m2 left the inbox (moved: @removed)
        fake.server.stubFor(deltaWithDeltaToken(INBOX, "d1").willReturn(okJson(page(
                List.of(message("m1", "a@example.fr", "Relais · SAV"), GraphFake.removed("m2")), null, fake.deltaLink(INBOX, "d2")))));

        List<GraphMailSync.Round> rounds = sync.pollInbox();

        assertThat(receiver.mails).hasSize(2);
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.USER + "/messages/m1/\\$value")))).hasSize(1);
        assertThat(rounds.get(0).duplicates()).isEqualTo(1);
        assertThat(rounds.get(0).skipped()).isEqualTo(1);
    }

    @Test
    void aPermanent500FailsThePollVisiblyAndAdvancesNothing() {
        fake.server.stubFor(initialDelta(INBOX).willReturn(okJson(page(List.of(message("m1", "a@example.fr"),
                message("m2", "b@example.fr")), null, fake.deltaLink(INBOX, "d1")))));
        fake.raw("m1", GraphFake.mime("m1"));
        fake.server.stubFor(get(urlPathMatching(GraphFake.USER + "/messages/m2/\\$value")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}")));
        OutlookHealthIndicator health = new OutlookHealthIndicator(status, properties);

        assertThatThrownBy(() -> sync.pollInbox()).isInstanceOf(com.microsoft.kiota.ApiException.class);

        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.USER + "/messages/m2/\\$value"))))
                .as("first call and 3 retries").hasSize(4);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(receiver.ids()).containsExactly("m1");
        assertThat(deltas.load(GraphFake.MAILBOX, INBOX)).as("the deltaLink did not move past m2").isEmpty();
        assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(health.health().getDetails().toString()).contains("inbox").contains("500");

        // Graph comes back: the next poll reads the page again; m1 is not fetched twice, m2 arrives
        fake.raw("m2", GraphFake.mime("m2"));
        sync.pollInbox();

        assertThat(receiver.ids()).containsExactly("m1", "m2");
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.USER + "/messages/m1/\\$value")))).hasSize(1);
        assertThat(deltas.load(GraphFake.MAILBOX, INBOX).orElseThrow().url()).isEqualTo(fake.deltaLink(INBOX, "d1"));
        assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void aFailingStoreStopsThePollBeforeTheLinkMoves() {
        twoPages();
        receiver.failing = true;

        assertThatThrownBy(() -> sync.pollInbox()).hasMessageContaining("store unavailable");

        assertThat(deltas.load(GraphFake.MAILBOX, INBOX)).isEmpty();
        receiver.failing = false;
        sync.pollInbox();
        assertThat(receiver.ids()).containsExactly("m1", "m2");
    }

    @Test
    void aFailureOnTheSecondPageResumesFromTheFirstPagesNextLink() {
        twoPages();
        fake.server.stubFor(deltaWithSkipToken(INBOX, "p2").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> sync.pollInbox()).isInstanceOf(com.microsoft.kiota.ApiException.class);
        assertThat(deltas.load(GraphFake.MAILBOX, INBOX)).get()
                .isEqualTo(new GraphDeltaStore.Link(fake.nextLink(INBOX, "p2"), "next"));

        twoPages();
        sync.pollInbox();
        assertThat(receiver.ids()).containsExactly("m1", "m2");
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.deltaPath(INBOX)))
                .withQueryParam("$filter", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))))
                .as("resumed from the nextLink, not from scratch").hasSize(1);
    }

    @Test
    void anErrorPageThatIsNotJsonKeepsItsStatus() {
        fake.server.stubFor(initialDelta(INBOX).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway</body></html>")));

        assertThatThrownBy(() -> sync.pollInbox()).isInstanceOfSatisfying(com.microsoft.kiota.ApiException.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(502);
            assertThat(e.getMessage()).contains("Bad gateway");
        });
        assertThat(status.polls().get("inbox").error()).startsWith("HTTP 502");
    }

    @Test
    void throttledWithRetryAfterThenServed() {
        fake.server.stubFor(initialDelta(INBOX).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"ApplicationThrottled\",\"message\":\"too many requests\"}}"))
                .willSetStateTo("served"));
        fake.server.stubFor(initialDelta(INBOX).inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(okJson(page(List.of(message("m1", "a@example.fr")), null, fake.deltaLink(INBOX, "d1")))));
        fake.raw("m1", GraphFake.mime("m1"));

        sync.pollInbox();

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(receiver.ids()).containsExactly("m1");
    }

    @Test
    void aRetryAfterLongerThanTheBoundFailsAtOnce() {
        fake.server.stubFor(initialDelta(INBOX).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

        assertThatThrownBy(() -> sync.pollInbox()).isInstanceOf(com.microsoft.kiota.ApiException.class);

        assertThat(sleeper.waits).isEmpty();
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.deltaPath(INBOX))))).hasSize(1);
        assertThat(status.polls().get("inbox").error()).contains("429");
    }

    @Test
    void unavailableTwiceThenServed() {
        fake.server.stubFor(initialDelta(INBOX).inScenario("503").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
        fake.server.stubFor(initialDelta(INBOX).inScenario("503").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        fake.server.stubFor(initialDelta(INBOX).inScenario("503").whenScenarioStateIs("up")
                .willReturn(okJson(page(List.of(message("m1", "a@example.fr")), null, fake.deltaLink(INBOX, "d1")))));
        fake.raw("m1", GraphFake.mime("m1"));

        sync.pollInbox();

        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(receiver.ids()).containsExactly("m1");
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.deltaPath(INBOX))))).hasSize(3);
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallRepeated() {
        fake.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/" + GraphFake.TENANT + "/oauth2/v2.0/token"))
                .inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"expires_in\":3599,\"access_token\":\"token-old\"}")).willSetStateTo("renewed"));
        fake.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/" + GraphFake.TENANT + "/oauth2/v2.0/token"))
                .inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"expires_in\":3599,\"access_token\":\"token-new\"}")));
        fake.server.stubFor(initialDelta(INBOX).withHeader("Authorization", equalTo("Bearer token-old"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Lifetime validation failed, the token is expired.\"}}")));
        fake.server.stubFor(initialDelta(INBOX).withHeader("Authorization", equalTo("Bearer token-new"))
                .willReturn(okJson(page(List.of(message("m1", "a@example.fr")), null, fake.deltaLink(INBOX, "d1")))));
        fake.raw("m1", GraphFake.mime("m1"));

        sync.pollInbox();

        assertThat(receiver.ids()).containsExactly("m1");
        List<LoggedRequest> tokenRequests = fake.server.findAll(postRequestedFor(urlPathEqualTo("/" + GraphFake.TENANT + "/oauth2/v2.0/token")));
        assertThat(tokenRequests).hasSize(2);
        assertThat(tokenRequests.get(0).getBodyAsString()).contains("grant_type=client_credentials", "client_id=client-1",
                "scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aRefusedSecretFailsThePollWithTheReasonButNotTheSecret() {
        fake.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/" + GraphFake.TENANT + "/oauth2/v2.0/token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}")));

        assertThatThrownBy(() -> sync.pollInbox()).isInstanceOf(GraphUnavailableException.class)
                .hasMessageContaining("invalid_client").hasMessageContaining("AADSTS7000215")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-1"));
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching("/v1.0/.*")))).isEmpty();
        assertThat(status.polls().get("inbox").error()).contains("invalid_client");
    }

    @Test
    void aLostDeltaStateStartsTheFolderAgain() {
        twoPages();
        sync.pollInbox();
        fake.server.stubFor(deltaWithDeltaToken(INBOX, "d1").willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"SyncStateNotFound\",\"message\":\"sync state not found\"}}")));
        fake.server.stubFor(initialDelta(INBOX).willReturn(okJson(page(List.of(message("m1", "a@example.fr"),
                message("m4", "d@example.fr")), null, fake.deltaLink(INBOX, "d9")))));
        fake.raw("m4", GraphFake.mime("m4"));

        sync.pollInbox();

        assertThat(receiver.ids()).containsExactly("m1", "m2", "m4");
        assertThat(deltas.load(GraphFake.MAILBOX, INBOX).orElseThrow().url()).isEqualTo(fake.deltaLink(INBOX, "d9"));
    }
}
