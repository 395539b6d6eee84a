package fr.relais.mail.graph;

import fr.relais.mail.transport.OutgoingMail;
import fr.relais.mail.transport.ReceivedMail;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static fr.relais.mail.graph.GraphFake.initialDelta;
import static fr.relais.mail.graph.GraphFake.message;
import static fr.relais.mail.graph.GraphFake.page;
import static fr.relais.mail.graph.GraphFake.sentMessage;
import static org.assertj.core.api.Assertions.assertThat;

/** Sent Items → staff replies; the done category → resolve. */
class GraphSentAndDoneTest extends GraphTestBase {

    @Test
    void claireRepliesFromSentItemsAreCapturedButNotTheHubsOwnMails() {
        properties = properties(List.of("claire@relais.fr"));
        build();
        // the hub sent an acknowledgement: Exchange keeps a copy in Sent Items
        fake.server.stubFor(post(urlPathMatching(GraphFake.USER + "/sendMail")).willReturn(aResponse().withStatus(202)));
        mailbox.send(new OutgoingMail("contact@relais.fr", List.of("client@example.fr"), "Votre demande T-1", "Bonjour",
                null, "T-1.abc@relais.fr", null, List.of(), Map.of()));
        fake.server.stubFor(initialDelta("sentitems").willReturn(okJson(page(List.of(
                sentMessage("s1", "claire@relais.fr", "reply-1@relais.fr"),
                sentMessage("s2", "contact@relais.fr", "T-1.abc@relais.fr"),
                sentMessage("s3", "stranger@example.fr", "other@example.fr"),
                sentMessage("s4", "contact@relais.fr", "reply-2@relais.fr")), null, fake.deltaLink("sentitems", "d1")))));
        fake.raw("s1", GraphFake.mime("s1"));
        fake.raw("s4", GraphFake.mime("s4"));

        List<GraphMailSync.Round> rounds = sync.pollSent();

        assertThat(receiver.ids()).containsExactly("s1", "s4");
        assertThat(receiver.mails).allSatisfy(m -> assertThat(m.direction()).isEqualTo(ReceivedMail.Direction.STAFF_REPLY));
        assertThat(rounds.get(0).skipped()).isEqualTo(2);
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.USER + "/messages/s2/\\$value")))).isEmpty();
        assertThat(deltas.load(GraphFake.MAILBOX, "sentitems").orElseThrow().url()).isEqualTo(fake.deltaLink("sentitems", "d1"));
    }

    @Test
    void theDoneCategoryResolvesInTheInboxAndInTheCategoryFolders() {
        fake.server.stubFor(initialDelta("inbox").willReturn(okJson(page(List.of(
                message("m1", "a@example.fr", "Relais · Traité"),
                message("m2", "b@example.fr", "Relais · SAV")), null, fake.deltaLink("inbox", "d1")))));
        fake.raw("m1", GraphFake.mime("m1"));
        fake.raw("m2", GraphFake.mime("m2"));
        // the hub filed a mail into Relais/SAV before: that folder is watched
        fake.server.stubFor(get(urlPathMatching(GraphFake.USER + "/mailFolders/inbox/childFolders"))
                .willReturn(okJson("{\"value\":[{\"id\":\"folder-relais\",\"displayName\":\"Relais\"}]}")));
        fake.server.stubFor(get(urlPathMatching(GraphFake.USER + "/mailFolders/folder-relais/childFolders"))
                .willReturn(okJson("{\"value\":[{\"id\":\"folder-sav\",\"displayName\":\"SAV\"}]}")));
        new GraphFolders(graph, properties, dataSource, java.time.Clock.systemUTC()).idOf("Relais / SAV");
        fake.server.stubFor(initialDelta("folder-sav").willReturn(okJson(page(List.of(
                message("m7", "c@example.fr", "Relais · SAV", "Relais · Traité"),
                message("m8", "d@example.fr", "Relais · SAV")), null, fake.deltaLink("folder-sav", "f1")))));

        sync.pollInbox();

        assertThat(receiver.ids()).containsExactly("m1", "m2");
        assertThat(staff.done).containsExactly("graph|m1|outlook", "graph|m7|outlook");
        assertThat(deltas.load(GraphFake.MAILBOX, "folder:Relais/SAV").orElseThrow().url())
                .isEqualTo(fake.deltaLink("folder-sav", "f1"));
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.USER + "/messages/m7/\\$value"))))
                .as("a filed mail is not fetched again").isEmpty();

        // Claire deletes the folder: it is no longer watched, and the inbox goes on
        fake.server.stubFor(GraphFake.deltaWithDeltaToken("folder-sav", "f1").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ErrorItemNotFound\",\"message\":\"The specified object was not found in the store.\"}}")));
        fake.server.stubFor(GraphFake.deltaWithDeltaToken("inbox", "d1").willReturn(okJson(page(List.of(), null, fake.deltaLink("inbox", "d1")))));

        sync.pollInbox();

        assertThat(status.healthy()).isTrue();
        assertThat(new GraphFolders(graph, properties, dataSource, java.time.Clock.systemUTC()).known()).isEmpty();
        assertThat(deltas.load(GraphFake.MAILBOX, "folder:Relais/SAV")).isEmpty();
    }
}
