package fr.relais.customer.match;

import org.apache.commons.codec.language.DoubleMetaphone;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises every field of a record: the one entry point of the normalisers. */
public final class CustomerNormalizer {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$");
    private static final Pattern BRACKETS = Pattern.compile("^[<(\\[]+|[>)\\]]+$");
    private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(() -> {
        DoubleMetaphone m = new DoubleMetaphone();
        m.setMaxCodeLen(6);
        return m;
    });

    private CustomerNormalizer() {
    }

    public static NormalizedCustomer normalize(CustomerRecord r) {
        CustomerName name = NameNormalizer.normalize(r.name());
        CustomerAddress address = AddressNormalizer.normalize(r.address(), r.postcode(), r.city());
        return new NormalizedCustomer(r, name, address, PhoneNormalizer.normalize(r.phone()),
                normalizeEmail(r.email()), CompanyIds.parse(r.siret()), nameKey(name));
    }

    /** Lower case, trimmed; "mailto:" and surrounding brackets removed; empty when not an address. */
    public static String normalizeEmail(String raw) {
        if (raw == null) {
            return "";
        }
        String e = raw.strip().toLowerCase(Locale.ROOT);
        if (e.startsWith("mailto:")) {
            e = e.substring(7);
        }
        e = BRACKETS.matcher(e).replaceAll("").strip();
        return EMAIL.matcher(e).matches() ? e : "";
    }

    /** Phonetic key (Double Metaphone over the folded text) of one name token. */
    static String phonetic(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        String cached = PHONETIC.get(token);
        if (cached != null) {
            return cached;
        }
        String k = METAPHONE.get().doubleMetaphone(token);
        String key = k == null || k.isEmpty() ? token : k;
        if (PHONETIC.size() >= PHONETIC_MAX) {
            PHONETIC.clear(); // a bounded memo: names repeat a lot, but a long-running hub sees new ones
        }
        PHONETIC.put(token, key);
        return key;
    }

    private static final int PHONETIC_MAX = 200_000;
    /** Phonetic keys already computed: the blocking keys of a record are built several times per run. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> PHONETIC =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String nameKey(CustomerName name) {
        if (name.isEmpty()) {
            return "";
        }
        if (name.company()) {
            String longest = "";
            for (String t : name.tokens()) {
                if (t.length() > longest.length()) {
                    longest = t;
                }
            }
            return phonetic(longest);
        }
        return phonetic(name.surname());
    }
}
