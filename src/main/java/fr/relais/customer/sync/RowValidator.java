package fr.relais.customer.sync;

import fr.relais.customer.match.CompanyIds;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses the rows that must not be written anywhere: no name, a postcode that is not 5 digits (France), a
 * SIRET or SIREN failing its Luhn key, an unknown country. The reasons are in French (Claire reads them on the
 * ticket and in the dry-run report). Plain Java.
 */
public final class RowValidator {

    /** Countries accepted, folded (no accents, lower case), names and ISO codes. */
    private static final Set<String> COUNTRIES = Set.of("", "france", "fr", "fra", "belgique", "be", "suisse", "ch",
            "luxembourg", "lu", "monaco", "mc", "allemagne", "de", "italie", "it", "espagne", "es", "royaume-uni",
            "royaume uni", "gb", "uk", "pays-bas", "nl", "portugal", "pt", "andorre", "ad", "autriche", "at");

    /** The reasons a row is refused; empty when it is fine. */
    public List<String> validate(SourceRecord row) {
        List<String> reasons = new ArrayList<>();
        if (row.get("name").isBlank()) {
            reasons.add("nom vide");
        }
        String country = fold(row.get("country"));
        boolean france = country.isEmpty() || country.equals("france") || country.equals("fr") || country.equals("fra");
        if (!COUNTRIES.contains(country)) {
            reasons.add("pays inconnu « " + row.get("country") + " »");
        }
        String postcode = row.get("postcode").replace(" ", "");
        if (france && !postcode.isEmpty() && !postcode.matches("\\d{5}")) {
            reasons.add("code postal « " + row.get("postcode") + " » : 5 chiffres attendus");
        }
        String siret = row.get("siret");
        if (!siret.isBlank()) {
            String digits = siret.replaceAll("[\\s.]", "");
            boolean ok = digits.matches("\\d{14}") ? CompanyIds.isValidSiret(digits)
                    : digits.matches("\\d{9}") && CompanyIds.isValidSiren(digits);
            if (!ok) {
                reasons.add("SIRET « " + siret + " » invalide (clé de contrôle fausse ou longueur)");
            }
        }
        return reasons;
    }

    static String fold(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).strip();
    }
}
