package fr.relais.deadletter;

import java.time.Instant;
import java.util.Map;

/**
 * A message that a route gave up on, as kept in the dead-letter queue.
 *
 * @param id        the JMS message id in the dead-letter queue
 * @param endpoint  where the message came from, and where a replay sends it back
 * @param routeId   the route that failed
 * @param reason    the exception's message
 * @param errorType the exception's class
 * @param failedAt  when the route gave up
 * @param body      the original payload, as text
 * @param headers   the original headers
 */
public record DeadLetter(String id, String endpoint, String routeId, String reason, String errorType,
                         Instant failedAt, String body, Map<String, Object> headers) {
}
