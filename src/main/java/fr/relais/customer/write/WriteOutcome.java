package fr.relais.customer.write;

import java.util.Map;

/**
 * What the target system answered.
 *
 * @param status       ACCEPTED (written), REFUSED (the system said no: a ticket with the reason, never retried),
 *                     UNAVAILABLE (could not reach it: retried later, nothing half-written),
 *                     QUEUED (handed over, e.g. an import file dropped; the result shows up on the next poll)
 * @param targetId     the record's id in the target system once known
 * @param reason       why, for REFUSED and UNAVAILABLE
 * @param writtenValues canonical field → the value as actually written (shortened), for the audit log
 */
public record WriteOutcome(Status status, String targetId, String reason, Map<String, String> writtenValues) {

    public enum Status { ACCEPTED, QUEUED, REFUSED, UNAVAILABLE }

    public WriteOutcome {
        writtenValues = writtenValues == null ? Map.of() : Map.copyOf(writtenValues);
    }
}
