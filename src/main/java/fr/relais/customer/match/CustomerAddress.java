package fr.relais.customer.match;

/**
 * A street address once normalised.
 *
 * @param number     house number with its bis/ter letter ("12", "12b"), or empty
 * @param streetType canonical street type ("rue", "avenue", "chemin"...), or empty
 * @param street     the street name tokens, particles and complements removed, joined with spaces
 * @param postcode   five digits, or empty
 * @param city       folded city, without CEDEX, "st" spelled "saint", or empty
 * @param cedex      true when the address or city carried CEDEX (a company mail address)
 */
public record CustomerAddress(String number, String streetType, String street, String postcode, String city,
                              boolean cedex) {

    public boolean hasStreet() {
        return !street.isEmpty();
    }
}
