package fr.relais.customer.match;

import java.util.List;

/**
 * A customer name once normalised.
 *
 * @param company   true for a company (legal form or company word found)
 * @param legalForm the legal form found (sarl, sas, sci...), or empty
 * @param tokens    the significant tokens in typed order: no civility, no legal form, particles glued
 *                  to the next word ("le gall" gives "legall"), compound given names glued ("jeanpierre")
 * @param given     for a person, the given name (or initial), or empty
 * @param surname   for a person, the surname tokens glued together; for a company, the tokens joined
 *                  with spaces
 * @param suffix    generation mark of a person: "jr" (fils, junior) or "sr" (pere, senior), or empty
 * @param couple    "M. et Mme": a household rather than one person
 * @param joined    the tokens joined with spaces
 * @param sorted    the sorted tokens joined with spaces
 * @param glued     the tokens joined without spaces ("le gall" and "legall" alike)
 */
public record CustomerName(boolean company, String legalForm, List<String> tokens, String given,
                           String surname, String suffix, boolean couple, String joined, String sorted,
                           String glued) {

    public CustomerName(boolean company, String legalForm, List<String> tokens, String given, String surname,
                        String suffix, boolean couple) {
        this(company, legalForm, tokens, given, surname, suffix, couple, String.join(" ", tokens),
                String.join(" ", tokens.stream().sorted().toList()), String.join("", tokens));
    }

    /** Order-independent key: the sorted tokens joined with spaces. */
    public String sortedKey() {
        return sorted;
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }
}
