package fr.relais.customer.sync;

import fr.relais.customer.match.CustomerRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One customer row of the ERP or Sage, through its mapping: canonical field → value as typed (never null).
 *
 * @param system     where it comes from
 * @param key        its key there (ERP code, Sage CT_Num)
 * @param fields     canonical values, in the mapping's order
 * @param modifiedAt its last-modified value in the source database's time (null when unknown)
 * @param marker     Sage's cbMarq, or null
 * @param dormant    true for a dormant Sage account (CT_Sommeil = 1)
 */
public record SourceRecord(SyncSystem system, String key, Map<String, String> fields, LocalDateTime modifiedAt,
                           Long marker, boolean dormant) {

    public SourceRecord {
        Map<String, String> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, v == null ? "" : v.strip()));
        fields = java.util.Collections.unmodifiableMap(copy);
        key = key == null ? "" : key.strip();
    }

    public String get(String field) {
        return fields.getOrDefault(field, "");
    }

    /** The content hash kept in sync_seen: the canonical values and the dormant flag. */
    public String hash() {
        return hash(fields, dormant);
    }

    static String hash(Map<String, String> fields, boolean dormant) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            new java.util.TreeMap<>(fields).forEach((k, v) -> {
                d.update(k.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(v.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 1);
            });
            d.update(dormant ? (byte) 'D' : (byte) 'A');
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record as the matching engine reads it (one address line, the numbers together). */
    public CustomerRecord toCustomerRecord() {
        return toCustomerRecord(system + ":" + key, fields);
    }

    static CustomerRecord toCustomerRecord(String id, Map<String, String> f) {
        String address = join(" ", f.getOrDefault("address1", ""), f.getOrDefault("address2", ""));
        String phones = join(" / ", f.getOrDefault("phone", ""), f.getOrDefault("mobile", ""));
        return new CustomerRecord(id, f.getOrDefault("name", ""), address, f.getOrDefault("postcode", ""),
                f.getOrDefault("city", ""), phones, f.getOrDefault("email", ""), f.getOrDefault("siret", ""));
    }

    private static String join(String sep, String a, String b) {
        a = a == null ? "" : a.strip();
        b = b == null ? "" : b.strip();
        return a.isEmpty() ? b : b.isEmpty() ? a : a + sep + b;
    }
}
