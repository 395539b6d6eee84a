package fr.relais.customer.match;

/**
 * One line of an explanation: how one field of two records compared.
 *
 * @param field      "name", "given_name", "suffix", "address_number", "street", "postcode", "city",
 *                   "phone", "email", "siret"
 * @param outcome    how the values compared
 * @param left       the normalised value on the first record (empty when missing)
 * @param right      the normalised value on the second record
 * @param similarity a similarity in [0, 1] where one applies, else -1
 * @param points     what the comparison added to the score (log-odds points, negative against)
 * @param veto       true when this comparison forbids a LINK
 * @param note       a short code for a special case ("shared-by-3", "initial", "other-site"...), or empty
 */
public record FieldComparison(String field, Outcome outcome, String left, String right, double similarity,
                              double points, boolean veto, String note) {

    /** How two values compared. */
    public enum Outcome { AGREE, CLOSE, DISAGREE, MISSING }
}
