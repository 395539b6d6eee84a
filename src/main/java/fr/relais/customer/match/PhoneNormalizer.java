package fr.relais.customer.match;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.ArrayList;
import java.util.List;

/**
 * Phone numbers to E.164 with libphonenumber, French by default: {@code 06 12 34 56 78},
 * {@code 06.12.34.56.78}, {@code +33 6 12 34 56 78}, {@code +33 (0)6 12...}, {@code 0033 6 12...} all
 * give {@code +33612345678}. A field holding several numbers ("04 50 .. / 06 ..") gives each.
 */
public final class PhoneNormalizer {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[/;,|]|\\bou\\b");

    /** A normalised number and whether it is a mobile (landlines are often shared by a household). */
    public record Phone(String e164, boolean mobile) {
    }

    private PhoneNormalizer() {
    }

    /** The valid numbers of a field, in order; empty when none is valid. */
    public static List<Phone> normalize(String raw) {
        List<Phone> out = new ArrayList<>(1);
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String part : SEPARATORS.split(raw)) {
            Phone p = parse(part);
            if (p != null && out.stream().noneMatch(q -> q.e164().equals(p.e164()))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The E.164 form of the first valid number of a field, or null. */
    public static String toE164(String raw) {
        List<Phone> p = normalize(raw);
        return p.isEmpty() ? null : p.get(0).e164();
    }

    private static Phone parse(String part) {
        String s = part.replace("(0)", "").strip();
        if (s.chars().filter(Character::isDigit).count() < 9) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(s, "FR");
            // the type is UNKNOWN exactly when the number is not valid (isValidNumber would match the same
            // patterns a second time)
            PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(n);
            if (type == PhoneNumberUtil.PhoneNumberType.UNKNOWN) {
                return null;
            }
            boolean mobile = type == PhoneNumberUtil.PhoneNumberType.MOBILE;
            return new Phone(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164), mobile);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
