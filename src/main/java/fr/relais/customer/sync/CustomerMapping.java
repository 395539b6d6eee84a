package fr.relais.customer.sync;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One system's columns → the canonical customer fields ({@code mappings/erp-customer.yaml},
 * {@code mappings/sage-customer.yaml}). A renamed column is a change of the file, not of the Java.
 *
 * @param system       the system
 * @param table        the table read
 * @param key          the key column
 * @param lastModified the last-modified column (high-water mark)
 * @param marker       a row counter kept with the hash (Sage's cbMarq), or null
 * @param filterColumn a column that must equal {@code filterValue} (Sage: CT_Type = 0), or null
 * @param filterValue  the value of the filter
 * @param dormant      the dormant flag column (Sage: CT_Sommeil), or null
 * @param fields       canonical field → its column and whether it is shared, in file order
 */
public record CustomerMapping(SyncSystem system, String table, String key, String lastModified, String marker,
                              String filterColumn, Integer filterValue, String dormant, Map<String, Field> fields) {

    /** Every canonical customer field, in the order reports show them. */
    public static final List<String> CANONICAL_FIELDS = List.of("name", "address1", "address2", "postcode", "city",
            "country", "phone", "mobile", "email", "siret");

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /** Where one canonical field comes from. */
    public record Field(String column, boolean shared) {
    }

    public CustomerMapping {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The mapping shipped in the jar for a system ({@code mappings/erp-customer.yaml} or {@code sage-customer.yaml}). */
    public static CustomerMapping defaults(SyncSystem system) {
        String resource = resource(system);
        try (InputStream in = CustomerMapping.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mapping file of one's own. */
    public static CustomerMapping load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    public static String resource(SyncSystem system) {
        return system == SyncSystem.ERP ? "mappings/erp-customer.yaml" : "mappings/sage-customer.yaml";
    }

    @SuppressWarnings("unchecked")
    static CustomerMapping parse(InputStream in, String where) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(where + ": not a mapping file");
        }
        SyncSystem system;
        try {
            system = SyncSystem.valueOf(String.valueOf(root.get("system")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": system must be ERP or SAGE, not '" + root.get("system") + "'");
        }
        Set<String> known = Set.of("system", "table", "key", "last-modified", "marker", "filter", "dormant", "fields");
        for (Object k : root.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(where + ": unknown entry '" + k + "' (known: " + known + ")");
            }
        }
        String table = name(root.get("table"), where, "table", true);
        String key = name(root.get("key"), where, "key", true);
        String lastModified = name(root.get("last-modified"), where, "last-modified", true);
        String marker = name(root.get("marker"), where, "marker", false);
        String dormant = name(root.get("dormant"), where, "dormant", false);
        String filterColumn = null;
        Integer filterValue = null;
        if (root.get("filter") instanceof Map<?, ?> f) {
            filterColumn = name(f.get("column"), where, "filter.column", true);
            if (!(f.get("value") instanceof Integer v)) {
                throw new IllegalArgumentException(where + ": filter.value must be a whole number");
            }
            filterValue = v;
        }
        if (!(root.get("fields") instanceof Map<?, ?> rawFields) || rawFields.isEmpty()) {
            throw new IllegalArgumentException(where + ": fields is required");
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (var e : ((Map<Object, Object>) rawFields).entrySet()) {
            String field = String.valueOf(e.getKey());
            if (!CANONICAL_FIELDS.contains(field)) {
                throw new IllegalArgumentException(where + ": fields." + field + " is not a canonical field "
                        + CANONICAL_FIELDS);
            }
            if (!(e.getValue() instanceof Map<?, ?> spec)) {
                throw new IllegalArgumentException(where + ": fields." + field + " must be { column: ..., shared: ... }");
            }
            String column = name(spec.get("column"), where, "fields." + field + ".column", true);
            Object shared = spec.get("shared");
            if (!(shared instanceof Boolean s)) {
                throw new IllegalArgumentException(where + ": fields." + field + ".shared must be true or false");
            }
            fields.put(field, new Field(column, s));
        }
        if (!fields.containsKey("name")) {
            throw new IllegalArgumentException(where + ": fields.name is required");
        }
        return new CustomerMapping(system, table, key, lastModified, marker, filterColumn, filterValue, dormant, fields);
    }

    private static String name(Object value, String where, String entry, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(where + ": " + entry + " is required");
            }
            return null;
        }
        String s = String.valueOf(value).strip();
        if (!SQL_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException(where + ": " + entry + " '" + s
                    + "' is not an SQL name (letters, digits, _; optionally schema.name)");
        }
        return s;
    }

    /** True when the field is propagated from this system. */
    public boolean shared(String field) {
        Field f = fields.get(field);
        return f != null && f.shared();
    }

    /** Canonical values of a row given as column → value (columns as in this mapping); empty for null. */
    public Map<String, String> toCanonical(Map<String, Object> row) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : fields.entrySet()) {
            Object v = row.get(e.getValue().column());
            out.put(e.getKey(), v == null ? "" : String.valueOf(v).strip());
        }
        return out;
    }

    /** Every column read, key first. */
    public List<String> columns() {
        List<String> c = new java.util.ArrayList<>();
        c.add(key);
        c.add(lastModified);
        if (marker != null) {
            c.add(marker);
        }
        if (dormant != null) {
            c.add(dormant);
        }
        fields.values().forEach(f -> c.add(f.column()));
        return c.stream().distinct().toList();
    }
}
