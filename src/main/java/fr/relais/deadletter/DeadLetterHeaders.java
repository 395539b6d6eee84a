package fr.relais.deadletter;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Instant;

/**
 * Stamps a failed message with why, where and when it failed, just before the error handler moves it
 * (its original body and headers) to the dead-letter queue. Called by the route configuration
 * {@code relais-errors} in routes/error-handling.yaml.
 */
public class DeadLetterHeaders implements Processor {

    public static final String REASON = "relaisFailureReason";
    public static final String ERROR_TYPE = "relaisFailureType";
    public static final String ROUTE = "relaisFailedRoute";
    public static final String ENDPOINT = "relaisFailedEndpoint";
    public static final String FAILED_AT = "relaisFailedAt";

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = exchange.getException();
        }
        var message = exchange.getMessage();
        message.setHeader(REASON, error == null ? "unknown" : describe(error));
        message.setHeader(ERROR_TYPE, error == null ? "unknown" : error.getClass().getName());
        message.setHeader(ROUTE, exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class));
        message.setHeader(ENDPOINT, exchange.getFromEndpoint() == null ? null : exchange.getFromEndpoint().getEndpointUri());
        message.setHeader(FAILED_AT, Instant.now().toString());
    }

    /** The message of the error and of its causes, so the reason names what and where. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 2000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
    }
}
