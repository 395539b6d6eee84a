package fr.relais.customer.match;

/**
 * SIRET (14 digits) and SIREN (its first 9 digits) as typed, with or without spaces, checked with the
 * Luhn key (and La Poste's exception: SIREN 356000000, where the digit sum is a multiple of 5).
 */
public final class CompanyIds {

    private static final String LA_POSTE = "356000000";

    /**
     * What a siret field holds.
     *
     * @param siret the 14 valid digits, or null
     * @param siren the 9 valid digits (from the SIRET or typed alone), or null
     * @param invalidDigits digits that fail the checksum (kept as weak evidence), or null
     */
    public record Ids(String siret, String siren, String invalidDigits) {
        public boolean isEmpty() {
            return siret == null && siren == null && invalidDigits == null;
        }
    }

    private CompanyIds() {
    }

    public static Ids parse(String raw) {
        if (raw == null) {
            return new Ids(null, null, null);
        }
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            } else if (Character.isLetter(c)) {
                return new Ids(null, null, raw.isBlank() ? null : raw.strip());
            }
        }
        String digits = d.toString();
        if (digits.isEmpty()) {
            return new Ids(null, null, null);
        }
        if (digits.length() == 14 && isValidSiret(digits)) {
            return new Ids(digits, digits.substring(0, 9), null);
        }
        if (digits.length() == 9 && isValidSiren(digits)) {
            return new Ids(null, digits, null);
        }
        return new Ids(null, null, digits);
    }

    public static boolean isValidSiren(String digits) {
        return digits != null && digits.length() == 9 && digits.chars().allMatch(Character::isDigit) && luhn(digits);
    }

    public static boolean isValidSiret(String digits) {
        if (digits == null || digits.length() != 14 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (digits.startsWith(LA_POSTE) && digits.chars().map(c -> c - '0').sum() % 5 == 0) {
            return true;
        }
        return luhn(digits);
    }

    /** Luhn checksum over a string of digits (rightmost digit is the key). */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int v = digits.charAt(i) - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
