package fr.relais.customer.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fits a customer's canonical fields into a target's column lengths, by rule: abbreviations first (legal forms,
 * street types, Saint → St), only while the value is too long; then a cut at a word boundary. An address line 1
 * that is still too long overflows into address line 2 when that one is empty. Values that cannot be shortened
 * without becoming false (email, phone, postcode, SIRET) are reported as problems: the write is then refused.
 * The full values stay in the hub's customer table. Address line 2 takes an overflow only when the write gives
 * it empty (the Sage writers give every field of a creation; an update that does not touch it leaves it alone).
 */
public final class Shortener {

    /** Fields that are cut at a word boundary when too long, with their abbreviation section. */
    private static final Map<String, String> TEXT_SECTIONS = Map.of(
            "name", "name", "address1", "address", "address2", "address", "city", "city", "country", "");

    /** Fields that are never cut. */
    public static final Set<String> UNCUTTABLE = Set.of("email", "phone", "mobile", "postcode", "siret");

    private final Abbreviations abbreviations;

    public Shortener(Abbreviations abbreviations) {
        this.abbreviations = abbreviations;
    }

    public static Shortener french() {
        return new Shortener(Abbreviations.french());
    }

    /**
     * @param values      canonical field → value as written (shortened), in the order of the input
     * @param shortened   the fields whose written value differs from the full value
     * @param problems    field → why it cannot be written (too long and not shortenable)
     */
    public record Shortened(Map<String, String> values, Set<String> shortened, Map<String, String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * @param fields     canonical field → full value (null values are left out)
     * @param maxLengths canonical field → the target column's length; a field not in it is not limited
     */
    public Shortened shorten(Map<String, String> fields, Map<String, Integer> maxLengths) {
        Map<String, String> values = new LinkedHashMap<>();
        for (var e : fields.entrySet()) {
            if (e.getValue() != null) {
                values.put(e.getKey(), collapse(e.getValue()));
            }
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (var e : new ArrayList<>(values.entrySet())) {
            String field = e.getKey();
            String value = e.getValue();
            Integer max = maxLengths.get(field);
            if (max == null || value.length() <= max) {
                continue;
            }
            if (field.equals("address1")) {
                shortenAddress(values, maxLengths);
            } else if (TEXT_SECTIONS.containsKey(field)) {
                values.put(field, fit(value, max, TEXT_SECTIONS.get(field)));
            } else if (UNCUTTABLE.contains(field)) {
                problems.put(field, value.length() + " > " + max);
            } else {
                values.put(field, cutAtWord(value, max));
            }
        }
        Set<String> shortened = new java.util.LinkedHashSet<>();
        for (var e : values.entrySet()) {
            String full = fields.get(e.getKey());
            if (full == null || !collapse(full).equals(e.getValue())) {
                shortened.add(e.getKey());
            }
        }
        return new Shortened(values, shortened, problems);
    }

    private void shortenAddress(Map<String, String> values, Map<String, Integer> maxLengths) {
        int max = maxLengths.get("address1");
        String address = abbreviate(values.get("address1"), max, "address");
        if (address.length() <= max) {
            values.put("address1", address);
            return;
        }
        Integer max2 = maxLengths.get("address2");
        String second = values.get("address2");
        if (second != null && second.isBlank()) { // given and empty: free (a field absent from an update is not)
            int cut = cutIndex(address, max);
            String head = trimEnd(address.substring(0, cut));
            String rest = trimStart(address.substring(cut));
            values.put("address1", head);
            values.put("address2", max2 == null ? rest : fit(rest, max2, "address"));
        } else {
            values.put("address1", cutAtWord(address, max));
        }
    }

    /** Abbreviations of the section while too long, then a cut at a word boundary. */
    public String fit(String value, int max, String section) {
        String v = abbreviate(collapse(value), max, section);
        return v.length() <= max ? v : cutAtWord(v, max);
    }

    private String abbreviate(String value, int max, String section) {
        String v = value;
        for (Abbreviations.Rule rule : abbreviations.rules(section)) {
            if (v.length() <= max) {
                break;
            }
            v = Abbreviations.apply(rule, v);
        }
        return v;
    }

    /** The longest start of the value that fits and ends at a word boundary (a hard cut for one long word). */
    public static String cutAtWord(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        String head = trimEnd(value.substring(0, cutIndex(value, max)));
        // a cut value does not end on a dangling little word ("... de Lattre de")
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        for (String word : DANGLING) {
            if (lower.endsWith(" " + word) && head.length() - word.length() - 1 > max / 2) {
                return trimEnd(head.substring(0, head.length() - word.length() - 1));
            }
        }
        return head;
    }

    private static final java.util.List<String> DANGLING = java.util.List.of("de", "du", "des", "d'", "la", "le", "les",
            "l'", "et", "à", "au", "aux", "en", "sur", "sous", "-");

    private static int cutIndex(String value, int max) {
        if (value.length() <= max) {
            return value.length();
        }
        if (!Character.isLetterOrDigit(value.charAt(max))) {
            return max; // the next character already ends a word
        }
        for (int k = max; k > max / 2; k--) {
            char c = value.charAt(k - 1);
            if (c == ' ' || c == ',' || c == '-' || c == '/' || c == '(' || c == ';') {
                return k - 1;
            }
        }
        return max;
    }

    private static String trimEnd(String value) {
        int end = value.length();
        while (end > 0 && " ,;-/(".indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return value.substring(0, end);
    }

    private static String trimStart(String value) {
        int start = 0;
        while (start < value.length() && " ,;-/)".indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        return value.substring(start);
    }

    static String collapse(String value) {
        return value.replaceAll("[\\s\\u00A0]+", " ").strip();
    }
}
