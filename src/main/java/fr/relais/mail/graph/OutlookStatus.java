package fr.relais.mail.graph;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The outcome of the last poll of each sync (inbox, sent items), read by the {@code outlook} health indicator. */
public class OutlookStatus {

    /** The last poll of one sync. */
    public record Poll(Instant at, boolean ok, String error, Instant lastSuccess, int consecutiveFailures) {
    }

    private final Map<String, Poll> polls = new ConcurrentHashMap<>();
    private final Clock clock;

    public OutlookStatus(Clock clock) {
        this.clock = clock;
    }

    public void succeeded(String sync) {
        Instant now = clock.instant();
        polls.put(sync, new Poll(now, true, null, now, 0));
    }

    public void failed(String sync, Throwable error) {
        Poll previous = polls.get(sync);
        polls.put(sync, new Poll(clock.instant(), false, describe(error),
                previous == null ? null : previous.lastSuccess(), previous == null ? 1 : previous.consecutiveFailures() + 1));
    }

    public Map<String, Poll> polls() {
        return new LinkedHashMap<>(new java.util.TreeMap<>(polls));
    }

    /** True when no sync's last poll failed. */
    public boolean healthy() {
        return polls.values().stream().allMatch(Poll::ok);
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        String http = error instanceof com.microsoft.kiota.ApiException api && api.getResponseStatusCode() > 0
                ? "HTTP " + api.getResponseStatusCode() + " " : "";
        return http + error.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
