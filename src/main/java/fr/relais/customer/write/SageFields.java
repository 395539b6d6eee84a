package fr.relais.customer.write;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The F_COMPTET columns a customer write fills, their canonical field, and Sage 100's documented lengths
 * (the fallback when the database's catalogue cannot be read).
 */
public final class SageFields {

    public static final String TABLE = "F_COMPTET";
    public static final String CT_NUM = "CT_Num";
    public static final String CT_TYPE = "CT_Type";

    /** Sage column → canonical field, in the order of F_COMPTET. */
    public static final Map<String, String> COLUMN_TO_FIELD;

    /** Sage 100's documented lengths of the F_COMPTET columns the hub writes. */
    public static final Map<String, Integer> DOCUMENTED_LENGTHS;

    static {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("CT_Intitule", "name");
        columns.put("CT_Adresse", "address1");
        columns.put("CT_Complement", "address2");
        columns.put("CT_CodePostal", "postcode");
        columns.put("CT_Ville", "city");
        columns.put("CT_Pays", "country");
        columns.put("CT_Telephone", "phone");
        columns.put("CT_EMail", "email");
        columns.put("CT_Siret", "siret");
        COLUMN_TO_FIELD = java.util.Collections.unmodifiableMap(columns);
        Map<String, Integer> lengths = new LinkedHashMap<>();
        lengths.put(CT_NUM, 17);
        lengths.put("CT_Intitule", 69);
        lengths.put("CT_Adresse", 35);
        lengths.put("CT_Complement", 35);
        lengths.put("CT_CodePostal", 9);
        lengths.put("CT_Ville", 35);
        lengths.put("CT_Pays", 35);
        lengths.put("CT_Telephone", 21);
        lengths.put("CT_EMail", 69);
        lengths.put("CT_Siret", 15);
        DOCUMENTED_LENGTHS = java.util.Collections.unmodifiableMap(lengths);
    }

    private SageFields() {
    }

    /** The Sage column of a canonical field, or null when Sage has no column for it. */
    public static String column(String field) {
        for (var e : COLUMN_TO_FIELD.entrySet()) {
            if (e.getValue().equals(field)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** canonical field → length, from Sage column lengths. */
    public static Map<String, Integer> fieldLengths(ColumnLengths lengths) {
        Map<String, Integer> byField = new LinkedHashMap<>();
        COLUMN_TO_FIELD.forEach((column, field) -> {
            Integer length = lengths.of(column);
            if (length != null) {
                byField.put(field, length);
            }
        });
        return byField;
    }

    /**
     * The canonical fields of a write as Sage wants them: the mobile goes into CT_Telephone when there is no
     * landline (F_COMPTET has no mobile column; for an update only when the write empties the landline, never over
     * a landline Sage holds); a two-letter country code becomes the country's French name; a creation fills every
     * Sage column (so that an empty CT_Complement can take the end of a long address).
     */
    public static Map<String, String> prepare(CustomerWrite write) {
        Map<String, String> fields = write.fields();
        boolean create = write.kind() == CustomerWrite.Kind.CREATE;
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : fields.entrySet()) {
            if (e.getValue() != null && COLUMN_TO_FIELD.containsValue(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        String mobile = fields.get("mobile");
        boolean landlineFree = create ? isBlank(out.get("phone")) : out.containsKey("phone") && isBlank(out.get("phone"));
        if (mobile != null && !mobile.isBlank() && landlineFree) {
            out.put("phone", mobile);
        }
        if (create) {
            for (String field : COLUMN_TO_FIELD.values()) {
                out.putIfAbsent(field, "");
            }
        }
        String country = out.get("country");
        if (country != null && country.strip().length() == 2) {
            String code = country.strip().toUpperCase(Locale.ROOT);
            String name = new Locale("", code).getDisplayCountry(Locale.FRENCH);
            if (!name.isBlank() && !name.equalsIgnoreCase(code)) {
                out.put("country", name);
            }
        }
        return out;
    }

    /** canonical values → Sage columns (only the fields Sage has). */
    public static Map<String, String> toColumns(Map<String, String> values) {
        Map<String, String> columns = new LinkedHashMap<>();
        COLUMN_TO_FIELD.forEach((column, field) -> {
            if (values.containsKey(field)) {
                columns.put(column, values.get(field));
            }
        });
        return columns;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
