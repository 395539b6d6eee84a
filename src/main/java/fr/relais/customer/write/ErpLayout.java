package fr.relais.customer.write;

import fr.relais.erp.SqlName;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of an ERP import file or staging table and what each holds: a canonical field ({@code name},
 * {@code address1}, ...) or one of the write's own values ({@code @operation} CREATE/UPDATE, {@code @targetId} the
 * ERP customer code for an update, {@code @correlationId} the hub's id of the write, {@code @writtenAt}).
 * Configured as {@code COLUMN:source,COLUMN:source,...}.
 */
public record ErpLayout(List<Column> columns) {

    public static final Set<String> FIELDS = Set.of("name", "address1", "address2", "postcode", "city", "country",
            "phone", "mobile", "email", "siret");
    public static final Set<String> SPECIAL = Set.of("@operation", "@targetId", "@correlationId", "@writtenAt");

    public record Column(String name, String source) {
    }

    public ErpLayout {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("the ERP layout has no column");
        }
        for (Column c : columns) {
            if (!c.name().matches(SqlName.PATTERN) || c.name().contains(".")) {
                throw new IllegalArgumentException("ERP column name must be letters, digits and underscores: " + c.name());
            }
            if (!FIELDS.contains(c.source()) && !SPECIAL.contains(c.source())) {
                throw new IllegalArgumentException("unknown source " + c.source() + " for ERP column " + c.name()
                        + "; known: " + FIELDS + " and " + SPECIAL);
            }
        }
    }

    /** {@code CLI_NOM:name, CLI_ADRESSE1:address1, ...} */
    public static ErpLayout parse(String spec) {
        List<Column> columns = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("ERP layout entry must be COLUMN:source, got " + part.strip());
            }
            columns.add(new Column(part.substring(0, colon).strip(), part.substring(colon + 1).strip()));
        }
        return new ErpLayout(columns);
    }

    /** The column holding the write's correlation id, or null. */
    public String correlationColumn() {
        return columns.stream().filter(c -> c.source().equals("@correlationId")).map(Column::name).findFirst().orElse(null);
    }

    /** canonical field → length, from the lengths of this layout's columns. */
    public Map<String, Integer> fieldLengths(ColumnLengths lengths) {
        Map<String, Integer> byField = new LinkedHashMap<>();
        for (Column c : columns) {
            Integer length = lengths.of(c.name());
            if (FIELDS.contains(c.source()) && length != null) {
                byField.put(c.source(), length);
            }
        }
        return byField;
    }

    /** The values of one row, in column order. */
    public List<Object> row(CustomerWrite write, Map<String, String> values, LocalDateTime now) {
        List<Object> row = new ArrayList<>();
        for (Column c : columns) {
            row.add(switch (c.source()) {
                case "@operation" -> write.kind().name();
                case "@targetId" -> write.targetId();
                case "@correlationId" -> write.correlationId();
                case "@writtenAt" -> now;
                default -> values.get(c.source());
            });
        }
        return row;
    }
}
