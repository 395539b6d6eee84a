package fr.relais.customer.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The naive rule the engine is compared with: link two records when their folded names (sorted
 * tokens, accents and case ignored) and postcodes are equal, or when their phones are equal in E.164.
 */
public final class NaiveBaseline {

    private NaiveBaseline() {
    }

    public static List<MatchQuality.Row> match(List<CustomerRecord> erp, List<CustomerRecord> sage) {
        Map<String, List<String>> sageKeys = new HashMap<>();
        for (CustomerRecord s : sage) {
            for (String k : keys(s)) {
                sageKeys.computeIfAbsent(k, x -> new ArrayList<>(1)).add(s.id());
            }
        }
        List<MatchQuality.Row> rows = new ArrayList<>();
        for (CustomerRecord e : erp) {
            Set<String> found = new LinkedHashSet<>();
            for (String k : keys(e)) {
                found.addAll(sageKeys.getOrDefault(k, List.of()));
            }
            for (String s : found) {
                rows.add(new MatchQuality.Row(e.id(), s, Decision.LINK));
            }
        }
        return rows;
    }

    private static List<String> keys(CustomerRecord r) {
        List<String> keys = new ArrayList<>(2);
        String name = String.join(" ", TextFolding.tokens(r.name()).stream().sorted().toList());
        String pc = r.postcode().replaceAll("\\s", "");
        if (!name.isEmpty() && !pc.isEmpty()) {
            keys.add("N|" + name + "|" + pc);
        }
        String phone = PhoneNormalizer.toE164(r.phone());
        if (phone != null) {
            keys.add("T|" + phone);
        }
        return keys;
    }
}
