package fr.relais.mail.graph;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code outlook} in /actuator/health: DOWN, with the reason, while the last poll of the inbox or of Sent
 * Items failed (after its retries); UP again after the next successful poll. It reads the polls' outcome and
 * makes no call to Graph itself (a health probe must not spend the mailbox's throttling budget).
 */
public class OutlookHealthIndicator implements HealthIndicator {

    private final OutlookStatus status;
    private final OutlookProperties properties;

    public OutlookHealthIndicator(OutlookStatus status, OutlookProperties properties) {
        this.status = status;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder builder = status.healthy() ? Health.up() : Health.down();
        builder.withDetail("mailbox", properties.mailbox()).withDetail("graph", properties.baseUrl());
        Map<String, Object> polls = new LinkedHashMap<>();
        status.polls().forEach((sync, poll) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("at", poll.at().toString());
            detail.put("ok", poll.ok());
            if (!poll.ok()) {
                detail.put("error", poll.error());
                detail.put("consecutiveFailures", poll.consecutiveFailures());
            }
            if (poll.lastSuccess() != null) {
                detail.put("lastSuccess", poll.lastSuccess().toString());
            }
            polls.put(sync, detail);
        });
        if (polls.isEmpty()) {
            builder.withDetail("polls", "none yet");
        } else {
            builder.withDetail("polls", polls);
        }
        return builder.build();
    }
}
