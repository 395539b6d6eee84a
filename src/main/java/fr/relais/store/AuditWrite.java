package fr.relais.store;

import java.util.Objects;

/**
 * One write the hub is about to make (or has just made) to another system, as recorded in the audit log.
 *
 * @param system        the system written to, e.g. {@code SAGE}, {@code ERP}, {@code OUTLOOK}, {@code SHARE}
 * @param recordType    the kind of record, e.g. {@code customer}, {@code quote}, {@code mail}
 * @param recordId      the record's id in that system (account number, file path, Graph id...)
 * @param field         the field written, or null when the whole record is created or deleted
 * @param before        the value before the write (null when none)
 * @param after         the value after the write (null when removed)
 * @param why           the reason, in words a person understands ("created from ERP customer C0042")
 * @param correlationId what ties this write to the rest of its flow (exchange id, sync run id...), nullable
 */
public record AuditWrite(String system, String recordType, String recordId, String field,
                         String before, String after, String why, String correlationId) {

    public AuditWrite {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(why, "why");
    }
}
