package fr.relais.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for tests: anonymous, with Basic credentials, or as a browser with cookies. */
public final class Http {

    private final HttpClient client;
    private final String authorization;
    private final CookieManager cookies;

    private Http(String authorization, CookieManager cookies) {
        this.authorization = authorization;
        this.cookies = cookies;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        this.client = builder.build();
    }

    public static Http anonymous() {
        return new Http(null, null);
    }

    public static Http basic(String user, String password) {
        return new Http("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), null);
    }

    /** A client that keeps cookies, like a browser. */
    public static Http browser() {
        CookieManager manager = new CookieManager();
        manager.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
        return new Http(null, manager);
    }

    public CookieManager cookies() {
        return cookies;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(c -> c.getValue()).reduce((a, b) -> b).orElse(null);
    }

    public HttpResponse<String> get(String url, String... headers) {
        return send(request(url, headers).GET().build());
    }

    public HttpResponse<String> post(String url, String contentType, String body, String... headers) {
        return send(request(url, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> patch(String url, String contentType, String body, String... headers) {
        return send(request(url, headers).header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> delete(String url, String... headers) {
        return send(request(url, headers).DELETE().build());
    }

    private HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
