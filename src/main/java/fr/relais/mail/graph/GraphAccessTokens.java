package fr.relais.mail.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Application tokens for Microsoft Graph by the OAuth 2.0 client-credentials grant: a POST to
 * {@code {authority}/{tenant}/oauth2/v2.0/token} with the app registration's id and secret, scope
 * {@code https://graph.microsoft.com/.default}. The token is kept until shortly before it expires;
 * {@link #invalidate} drops it (Graph answered 401), so that the next call asks for a new one.
 * <p>
 * A plain HTTP client rather than azure-identity/MSAL: the authority is a setting (tests point it at an
 * HTTP fake, MSAL insists on https and on instance discovery), and a token request is one form POST.
 */
public class GraphAccessTokens {

    static final String SCOPE = "https://graph.microsoft.com/.default";
    private static final Duration EARLY_RENEWAL = Duration.ofMinutes(5);

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public GraphAccessTokens(OutlookProperties properties, Clock clock) {
        this.tokenEndpoint = URI.create(properties.authority() + "/"
                + URLEncoder.encode(properties.tenantId(), StandardCharsets.UTF_8) + "/oauth2/v2.0/token");
        this.clientId = properties.clientId();
        this.clientSecret = properties.clientSecret();
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.clock = clock;
    }

    /** A valid access token, fetched when none is kept or the kept one expires soon. */
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the kept token (Graph refused it): the next {@link #token()} asks for a new one. */
    public synchronized void invalidate(String refused) {
        if (refused == null || refused.equals(token)) {
            token = null;
        }
    }

    private void fetch() {
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(SCOPE, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GraphUnavailableException("token endpoint " + tokenEndpoint + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphUnavailableException("interrupted while asking for a Graph token", e);
        }
        if (response.statusCode() != 200) {
            throw new GraphUnavailableException("token endpoint answered " + response.statusCode() + ": "
                    + errorOf(response.body()), null);
        }
        try {
            JsonNode body = json.readTree(response.body());
            String accessToken = body.path("access_token").asText(null);
            if (accessToken == null || accessToken.isBlank()) {
                throw new GraphUnavailableException("token endpoint answered without access_token", null);
            }
            long expiresIn = body.path("expires_in").asLong(3599);
            Instant now = clock.instant();
            Duration life = Duration.ofSeconds(expiresIn);
            renewAt = now.plus(life.compareTo(EARLY_RENEWAL.multipliedBy(2)) > 0 ? life.minus(EARLY_RENEWAL) : life.dividedBy(2));
            token = accessToken;
        } catch (IOException e) {
            throw new GraphUnavailableException("token endpoint answered unreadable JSON", e);
        }
    }

    /** The error code and description only: never echo anything that could hold a secret. */
    private String errorOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("error").asText("?") + " " + node.path("error_description").asText("").lines().findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "(no JSON error)";
        }
    }
}
