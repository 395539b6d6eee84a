package fr.relais.customer.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes Sage 100 customer accounts through the HTTP bridge that runs beside Sage and calls Objets Métiers
 * (contract: {@code docs/sage-bridge-api.md}). One HTTP call per write, carrying the write's correlation id as
 * {@code Idempotency-Key}, so a retry after a timeout or a 503 can never create the account twice. Only
 * connection failures, timeouts, 429 and 5xx are retried, a bounded number of times; a 409/422/400/404 is a
 * refusal (REFUSED with Sage's reason), never retried.
 */
public final class SageBridgeWriter implements SageWriter {

    private static final Logger log = LoggerFactory.getLogger(SageBridgeWriter.class);

    public static final String API_KEY_HEADER = "X-Api-Key";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    /**
     * @param baseUrl        the bridge's root (…/ under which {@code v1/customers} lives); null or blank when not configured
     * @param apiKey         the API key sent in {@code X-Api-Key}
     * @param connectTimeout longest wait to open a connection
     * @param requestTimeout longest wait for one answer
     * @param maxAttempts    attempts of one write, retries included (1 = no retry)
     * @param retryDelay     wait before the first retry (doubled at each retry, at most 4 times this)
     */
    public record Settings(Supplier<String> baseUrl, Supplier<String> apiKey, Duration connectTimeout,
                           Duration requestTimeout, int maxAttempts, Duration retryDelay) {
    }

    private final Settings settings;
    private final Shortener shortener;
    private final Supplier<ColumnLengths> lengths;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    public SageBridgeWriter(Settings settings, Shortener shortener, Supplier<ColumnLengths> lengths) {
        this.settings = settings;
        this.shortener = shortener;
        this.lengths = lengths;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public WriteOutcome write(CustomerWrite write) {
        String target = write.targetId();
        if (target == null || target.isBlank()) {
            return refused(null, write.kind() == CustomerWrite.Kind.CREATE ? WriterMessages.format("no.account.number")
                    : WriterMessages.format("no.target.id", "Sage"));
        }
        String base = settings.baseUrl().get();
        if (base == null || base.isBlank()) {
            return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, target, WriterMessages.format("bridge.not.configured"), null);
        }
        ColumnLengths columnLengths = lengths.get();
        Shortener.Shortened shortened = shortener.shorten(SageFields.prepare(write), SageFields.fieldLengths(columnLengths));
        if (!shortened.ok()) {
            var problem = shortened.problems().entrySet().iterator().next();
            String column = SageFields.column(problem.getKey());
            return refused(target, WriterMessages.format("field.too.long", problem.getKey(), "Sage " + column,
                    shortened.values().get(problem.getKey()).length(), columnLengths.of(column)));
        }
        ObjectNode body = json.createObjectNode();
        if (write.kind() == CustomerWrite.Kind.CREATE) {
            body.put(SageFields.CT_NUM, target);
            body.put(SageFields.CT_TYPE, 0);
        }
        SageFields.toColumns(shortened.values()).forEach(body::put);
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header(API_KEY_HEADER, nullToEmpty(settings.apiKey().get()))
                .header(IDEMPOTENCY_HEADER, write.correlationId());
        String text = body.toString();
        if (write.kind() == CustomerWrite.Kind.CREATE) {
            request.uri(URI.create(root + "/v1/customers")).POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        } else {
            request.uri(URI.create(root + "/v1/customers/" + URLEncoder.encode(target, StandardCharsets.UTF_8)))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        return send(request.build(), target, shortened.values());
    }

    private WriteOutcome send(HttpRequest request, String target, Map<String, String> written) {
        int attempts = Math.max(1, settings.maxAttempts());
        Duration delay = settings.retryDelay();
        String lastProblem = "";
        boolean busy = false;
        int lastStatus = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    String number = text(parse(response.body()), SageFields.CT_NUM);
                    return new WriteOutcome(WriteOutcome.Status.ACCEPTED, number == null ? target : number, null, written);
                }
                JsonNode error = parse(response.body());
                String code = text(error, "code");
                String message = text(error, "message");
                String detail = message != null ? message : response.body();
                switch (status) {
                    case 409:
                        return refused(target, WriterMessages.format("bridge.refused.number", target, code, detail));
                    case 422:
                        return refused(target, WriterMessages.format("bridge.refused.sage", target, code, detail));
                    case 404:
                        return refused(target, WriterMessages.format("bridge.not.found", target));
                    case 400:
                        return refused(target, WriterMessages.format("bridge.refused.request", target, status, detail));
                    case 401:
                    case 403:
                        return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, target, WriterMessages.format("bridge.auth", status), null);
                    default:
                        if (status == 408 || status == 429 || status >= 500) {
                            busy = true;
                            lastStatus = status;
                            lastProblem = code == null ? detail : code + " " + detail;
                            Duration retryAfter = retryAfter(response);
                            if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
                                delay = min(retryAfter, settings.retryDelay().multipliedBy(4));
                            }
                        } else {
                            return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, target,
                                    WriterMessages.format("bridge.unexpected", status, detail), null);
                        }
                }
            } catch (HttpTimeoutException e) {
                busy = false;
                lastProblem = "timeout (" + settings.requestTimeout().toMillis() + " ms)";
            } catch (IOException e) {
                busy = false;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, target, WriterMessages.format("bridge.unreachable", attempt, "interrupted"), null);
            }
            log.debug("Sage bridge attempt {}/{} for {} failed: {}", attempt, attempts, target, lastProblem);
            if (attempt < attempts && !sleep(delay)) {
                attempts = attempt;
                break;
            }
            delay = min(delay.multipliedBy(2), settings.retryDelay().multipliedBy(4));
        }
        String reason = busy ? WriterMessages.format("bridge.busy", lastStatus, attempts, lastProblem)
                : WriterMessages.format("bridge.unreachable", attempts, lastProblem);
        log.warn("Sage bridge: write of {} not done: {}", target, reason);
        return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, target, reason, null);
    }

    private static WriteOutcome refused(String target, String reason) {
        return new WriteOutcome(WriteOutcome.Status.REFUSED, target, reason, null);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        return node.get(field).asText();
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
