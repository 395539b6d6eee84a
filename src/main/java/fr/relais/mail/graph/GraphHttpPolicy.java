package fr.relais.mail.graph;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What every call to Microsoft Graph goes through (an OkHttp interceptor under the Graph SDK):
 * <ul>
 * <li>the bearer token of {@link GraphAccessTokens}; on 401 the token is dropped, a new one fetched and
 * the call repeated once;</li>
 * <li>{@code Prefer: IdType="ImmutableId"}, so that message ids survive moves between folders;</li>
 * <li>429 and 503 with {@code Retry-After}: the wait is honoured when it is at most max-retry-wait
 * (a longer one fails the call at once: the next poll comes later anyway);</li>
 * <li>other 5xx and I/O errors: retried with exponential back-off (retry-backoff, doubled each time, at
 * most max-retry-wait);</li>
 * <li>at most max-retries retries; then the last answer goes back to the SDK, which raises it.</li>
 * </ul>
 * The SDK's own RetryHandler is left out (see {@link GraphClients}): one retry policy, bounded, in one place.
 */
public class GraphHttpPolicy implements Interceptor {

    static final String IMMUTABLE_IDS = "IdType=\"ImmutableId\"";
    private static final Logger LOG = LoggerFactory.getLogger(GraphHttpPolicy.class);

    /** Waits between attempts; replaced in tests so that they do not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final GraphAccessTokens tokens;
    private final int maxRetries;
    private final Duration backoff;
    private final Duration maxWait;
    private final Sleeper sleeper;

    public GraphHttpPolicy(GraphAccessTokens tokens, OutlookProperties properties, Sleeper sleeper) {
        this.tokens = tokens;
        this.maxRetries = properties.maxRetries();
        this.backoff = properties.retryBackoff();
        this.maxWait = properties.maxRetryWait();
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request original = replayable(chain.request());
        boolean tokenRenewed = false;
        int retries = 0;
        while (true) {
            String token = tokens.token();
            Request request = prepare(original, token);
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (retries >= maxRetries) {
                    throw e;
                }
                retries++;
                Duration wait = backoff(retries);
                LOG.warn("Graph {} {}: {}; retry {}/{} in {}", original.method(), path(original), e.getMessage(),
                        retries, maxRetries, wait);
                pause(wait);
                continue;
            }
            int status = response.code();
            if (status == 401 && !tokenRenewed) {
                LOG.info("Graph {} {}: 401, asking for a new token", original.method(), path(original));
                response.close();
                tokens.invalidate(token);
                tokenRenewed = true;
                continue;
            }
            if (status != 429 && status < 500) {
                return status >= 400 ? structured(response) : response;
            }
            if (retries >= maxRetries) {
                LOG.warn("Graph {} {}: {} after {} retries, giving up", original.method(), path(original), status, retries);
                return structured(response);
            }
            Duration retryAfter = retryAfter(response.header("Retry-After"));
            Duration wait = retryAfter != null ? retryAfter : backoff(retries + 1);
            if (wait.compareTo(maxWait) > 0) {
                LOG.warn("Graph {} {}: {} asks to wait {}, more than relais.outlook.max-retry-wait ({}): giving up for now",
                        original.method(), path(original), status, wait, maxWait);
                return structured(response);
            }
            retries++;
            LOG.warn("Graph {} {}: {}; retry {}/{} in {}", original.method(), path(original), status, retries, maxRetries, wait);
            response.close();
            pause(wait);
        }
    }

    /**
     * An error answer that is not JSON (a proxy's HTML page, an empty body) would reach the SDK as "text does
     * not support structured data", losing the status: it is turned into a Graph error body that names it.
     */
    static Response structured(Response response) throws IOException {
        okhttp3.MediaType type = response.body() == null ? null : response.body().contentType();
        if (type != null && "json".equalsIgnoreCase(type.subtype())) {
            return response;
        }
        String text = response.body() == null ? "" : response.body().string();
        String message = (response.code() + " " + response.message() + " " + text.strip()).strip();
        if (message.length() > 300) {
            message = message.substring(0, 300);
        }
        String json = "{\"error\":{\"code\":\"Http" + response.code() + "\",\"message\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(message) + "}}";
        return response.newBuilder()
                .body(okhttp3.ResponseBody.create(json, okhttp3.MediaType.get("application/json")))
                .header("Content-Type", "application/json").build();
    }

    /** The SDK streams request bodies once; a retry must send the same bytes again. */
    private static Request replayable(Request request) throws IOException {
        RequestBody body = request.body();
        if (body == null) {
            return request;
        }
        Buffer buffer = new Buffer();
        body.writeTo(buffer);
        return request.newBuilder().method(request.method(), RequestBody.create(buffer.readByteArray(), body.contentType())).build();
    }

    private static Request prepare(Request original, String token) {
        String prefer = original.header("Prefer");
        Request.Builder builder = original.newBuilder().header("Authorization", "Bearer " + token);
        if (prefer == null || prefer.isBlank()) {
            builder.header("Prefer", IMMUTABLE_IDS);
        } else if (!prefer.contains("IdType")) {
            builder.header("Prefer", prefer + ", " + IMMUTABLE_IDS);
        }
        return builder.build();
    }

    private Duration backoff(int retry) {
        Duration wait = backoff.multipliedBy(1L << Math.min(retry - 1, 16));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private void pause(Duration wait) throws IOException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry a Graph call", e);
        }
    }

    private static String path(Request request) {
        return request.url().encodedPath();
    }
}
