package fr.relais.store;

import java.time.Instant;

/** A row of the audit log, as read back. */
public record AuditEntry(long id, Instant at, String system, String recordType, String recordId, String field,
                         String before, String after, String why, String correlationId) {
}
