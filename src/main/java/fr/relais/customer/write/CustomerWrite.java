package fr.relais.customer.write;

import java.util.Map;
import java.util.Objects;

/**
 * One write the customer sync asks of a system (contract between the sync and the writers).
 *
 * @param kind          CREATE a new customer record, or UPDATE some fields of an existing one
 * @param targetId      the record's id in the target system (Sage CT_Num, ERP customer code); for a CREATE
 *                      the id the hub chose (Sage) or null when the system numbers it (ERP)
 * @param fields        canonical field name → full value (name, address1, address2, postcode, city, country,
 *                      phone, mobile, email, siret); the writer shortens to its system's column lengths
 * @param correlationId the hub's id of this write (idempotency key on the other side, audit log)
 */
public record CustomerWrite(Kind kind, String targetId, Map<String, String> fields, String correlationId) {

    public enum Kind { CREATE, UPDATE }

    public CustomerWrite {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(correlationId);
        fields = Map.copyOf(fields);
    }
}
