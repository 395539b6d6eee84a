package fr.relais.mail.graph;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import fr.relais.mail.transport.MailboxActions;
import fr.relais.mail.transport.OutgoingMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** Filing (categories, flag, move) and sending through the Graph fake. */
class GraphMailboxTest extends GraphTestBase {

    private static final String MESSAGE = GraphFake.USER + "/messages/m1";

    @Test
    void filingSetsCategoriesAndFlagThenMovesToTheCategoryFolderCreatedOnce() {
        // "Relais/SAV": Relais exists under the Inbox, SAV does not yet
        fake.server.stubFor(get(urlPathMatching(GraphFake.USER + "/mailFolders/inbox/childFolders"))
                .willReturn(okJson("{\"value\":[{\"id\":\"folder-relais\",\"displayName\":\"Relais\"}]}")));
        fake.server.stubFor(get(urlPathMatching(GraphFake.USER + "/mailFolders/folder-relais/childFolders"))
                .willReturn(okJson("{\"value\":[]}")));
        fake.server.stubFor(post(urlPathMatching(GraphFake.USER + "/mailFolders/folder-relais/childFolders"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"folder-sav\",\"displayName\":\"SAV\"}")));
        fake.server.stubFor(patch(urlPathMatching(MESSAGE)).willReturn(okJson("{\"id\":\"m1\"}")));
        fake.server.stubFor(post(urlPathMatching(MESSAGE + "/move")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"m1\"}")));
        MailboxActions actions = new MailboxActions(List.of("Relais · SAV", "Relais · URGENT"), SAV_FOLDER, true);

        mailbox.file("m1", actions);
        mailbox.file("m1", actions);
        build(); // a restart: the folder's id comes from the store
        mailbox.file("m1", actions);

        List<LoggedRequest> patches = fake.server.findAll(patchRequestedFor(urlPathMatching(MESSAGE)));
        assertThat(patches).hasSize(3);
        assertThat(equalToJson("{\"categories\":[\"Relais · SAV\",\"Relais · URGENT\"],\"flag\":{\"flagStatus\":\"flagged\"}}", true, true)
                .match(patches.get(0).getBodyAsString()).isExactMatch()).as(patches.get(0).getBodyAsString()).isTrue();
        List<LoggedRequest> creations = fake.server.findAll(postRequestedFor(urlPathMatching(GraphFake.USER + "/mailFolders/.*/childFolders")));
        assertThat(creations).as("the folder is created once, inside Relais").hasSize(1);
        assertThat(creations.get(0).getUrl()).contains("/mailFolders/folder-relais/childFolders");
        assertThat(creations.get(0).getBodyAsString()).contains("\"displayName\":\"SAV\"");
        assertThat(fake.server.findAll(getRequestedFor(urlPathMatching(GraphFake.USER + "/mailFolders/.*/childFolders")))).hasSize(2);
        List<LoggedRequest> moves = fake.server.findAll(postRequestedFor(urlPathMatching(MESSAGE + "/move")));
        assertThat(moves).hasSize(3).allSatisfy(m -> assertThat(
                // the SDK spells the action parameter DestinationId
                equalToJson("{\"DestinationId\":\"folder-sav\"}").match(m.getBodyAsString()).isExactMatch()).isTrue());
        assertThat(fake.server.findAll(patchRequestedFor(urlPathMatching(MESSAGE)).withHeader("Prefer", equalTo("IdType=\"ImmutableId\""))))
                .hasSize(3);
        assertThat(new GraphFolders(graph, properties, dataSource, java.time.Clock.systemUTC()).known())
                .containsExactly(java.util.Map.entry("Relais/SAV", "folder-sav"));
    }

    @Test
    void aNormalMailWithoutFolderIsOnlyCategorised() {
        fake.server.stubFor(patch(urlPathMatching(MESSAGE)).willReturn(okJson("{\"id\":\"m1\"}")));

        mailbox.file("m1", new MailboxActions(List.of("Relais · Devis"), null, false));

        LoggedRequest patch = fake.server.findAll(patchRequestedFor(urlPathMatching(MESSAGE))).get(0);
        assertThat(equalToJson("{\"categories\":[\"Relais · Devis\"]}", false, true).match(patch.getBodyAsString()).isExactMatch())
                .as(patch.getBodyAsString()).isTrue();
        assertThat(fake.server.findAll(postRequestedFor(urlPathMatching(MESSAGE + "/move")))).isEmpty();
    }

    @Test
    void sendMailPostsTheMimeWithTheHubsMessageIdAndThreadHeaders() throws Exception {
        fake.server.stubFor(post(urlPathMatching(GraphFake.USER + "/sendMail")).willReturn(aResponse().withStatus(202)));

        mailbox.send(new OutgoingMail("contact@relais.fr", List.of("client@example.fr"), "Votre demande T-2026-0042 — reçue",
                "Bonjour,\nnous avons bien reçu votre demande.", "<p>Bonjour,</p>", "T-2026-0042.sig@relais.fr",
                "abc@mail.example", List.of("abc@mail.example"), Map.of("Auto-Submitted", "auto-replied")));

        LoggedRequest request = fake.server.findAll(postRequestedFor(urlPathMatching(GraphFake.USER + "/sendMail"))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("text/plain");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer token-1");
        MimeMessage sent = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(Base64.getDecoder().decode(request.getBodyAsString().trim())));
        assertThat(sent.getMessageID()).isEqualTo("<T-2026-0042.sig@relais.fr>");
        assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<abc@mail.example>");
        assertThat(sent.getHeader("References", null)).isEqualTo("<abc@mail.example>");
        assertThat(sent.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(sent.getSubject()).isEqualTo("Votre demande T-2026-0042 — reçue");
        assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("client@example.fr");
        assertThat(sent.getContentType()).startsWith("multipart/alternative");
    }
}
