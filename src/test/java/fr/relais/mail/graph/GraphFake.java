package fr.relais.mail.graph;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * An HTTP fake of the Microsoft Graph endpoints the transport uses, and of the token endpoint, on a free
 * port. The mailbox's address may arrive percent-encoded in paths: paths are matched with patterns.
 */
final class GraphFake {

    static final String TENANT = "tenant-1";
    static final String MAILBOX = "contact@relais.fr";
    static final String USER = "/v1.0/users/[^/]+";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    GraphFake start() {
        server.start();
        return this;
    }

    void stop() {
        server.stop();
    }

    String root() {
        return "http://localhost:" + server.port();
    }

    String graphUrl() {
        return root() + "/v1.0";
    }

    /** The token endpoint always answers this token. */
    void token(String accessToken) {
        server.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + accessToken + "\"}")));
    }

    /** The path of a folder's delta. */
    static String deltaPath(String folder) {
        return USER + "/mailFolders/" + folder + "/messages/delta(\\(\\))?";
    }

    /** The first request of a sync (no token in the query). */
    static MappingBuilder initialDelta(String folder) {
        return get(urlPathMatching(deltaPath(folder))).withQueryParam("$skiptoken", absent()).withQueryParam("$deltatoken", absent());
    }

    static MappingBuilder deltaWithSkipToken(String folder, String token) {
        return get(urlPathMatching(deltaPath(folder))).withQueryParam("$skiptoken", equalTo(token));
    }

    static MappingBuilder deltaWithDeltaToken(String folder, String token) {
        return get(urlPathMatching(deltaPath(folder))).withQueryParam("$deltatoken", equalTo(token));
    }

    String nextLink(String folder, String token) {
        return graphUrl() + "/users/" + MAILBOX + "/mailFolders/" + folder + "/messages/delta?$skiptoken=" + token;
    }

    String deltaLink(String folder, String token) {
        return graphUrl() + "/users/" + MAILBOX + "/mailFolders/" + folder + "/messages/delta?$deltatoken=" + token;
    }

    /** A delta page with these messages (JSON objects) and a nextLink or a deltaLink. */
    static String page(List<String> messages, String nextLink, String deltaLink) {
        StringBuilder json = new StringBuilder("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#Collection(message)\"");
        if (nextLink != null) {
            json.append(",\"@odata.nextLink\":\"").append(nextLink).append('"');
        }
        if (deltaLink != null) {
            json.append(",\"@odata.deltaLink\":\"").append(deltaLink).append('"');
        }
        json.append(",\"value\":[").append(String.join(",", messages)).append("]}");
        return json.toString();
    }

    static String message(String id, String from, String... categories) {
        return "{\"@odata.type\":\"#microsoft.graph.message\",\"id\":\"" + id + "\",\"isDraft\":false,"
                + "\"internetMessageId\":\"<" + id + "@mail.example>\","
                + "\"from\":{\"emailAddress\":{\"address\":\"" + from + "\"}},"
                + "\"sender\":{\"emailAddress\":{\"address\":\"" + from + "\"}},"
                + "\"categories\":[" + List.of(categories).stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",")) + "]}";
    }

    static String sentMessage(String id, String from, String internetMessageId) {
        return "{\"id\":\"" + id + "\",\"isDraft\":false,\"internetMessageId\":\"<" + internetMessageId + ">\","
                + "\"from\":{\"emailAddress\":{\"address\":\"" + from + "\"}},"
                + "\"sender\":{\"emailAddress\":{\"address\":\"" + from + "\"}},\"categories\":[]}";
    }

    static String removed(String id) {
        return "{\"id\":\"" + id + "\",\"@removed\":{\"reason\":\"deleted\"}}";
    }

    /** The raw MIME of a message, served at /messages/{id}/$value. */
    void raw(String id, String mime) {
        server.stubFor(get(urlPathMatching(USER + "/messages/" + id + "/\\$value"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
                        .withBody(mime.getBytes(StandardCharsets.UTF_8))));
    }

    static String mime(String id) {
        return "From: Client <client@example.fr>\r\nTo: contact@relais.fr\r\nSubject: Panne chaudière " + id
                + "\r\nMessage-ID: <" + id + "@mail.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Bonjour, plus de chauffage depuis ce matin.\r\n";
    }
}
