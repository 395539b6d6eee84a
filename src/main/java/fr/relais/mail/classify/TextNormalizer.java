package fr.relais.mail.classify;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The normalisation the rules of {@code mappings/classification.yaml} are written against: accents
 * removed, lower case, typographic apostrophes and dashes made plain, doubled letters squeezed
 * ("innondé" and "inondé" both become "inonde") and blanks collapsed. Patterns get the same
 * treatment except lower-casing (they are matched case-insensitively).
 */
public final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern BLANKS = Pattern.compile("[ \\t\\u00a0\\u202f]+");

    private TextNormalizer() {
    }

    /** Normalises a text for rule matching. */
    public static String normalize(String text) {
        return squeeze(fold(text).toLowerCase(java.util.Locale.ROOT));
    }

    /** Normalises a rule pattern (accents removed, doubled letters squeezed; escapes untouched). */
    public static String normalizePattern(String pattern) {
        return squeeze(fold(pattern));
    }

    /** Removes accents and makes apostrophes, quotes and dashes plain; œ becomes oe. */
    public static String fold(String text) {
        String s = text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u00b4', '\'')
                .replace('\u2013', '-').replace('\u2014', '-').replace("œ", "oe").replace("Œ", "OE")
                .replace("æ", "ae");
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return BLANKS.matcher(s).replaceAll(" ");
    }

    private static String squeeze(String s) {
        StringBuilder out = new StringBuilder(s.length());
        char previous = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (letter && Character.toLowerCase(c) == Character.toLowerCase(previous)
                    && !(i >= 2 && s.charAt(i - 2) == '\\')) {
                continue;
            }
            out.append(c);
            previous = c;
        }
        return out.toString();
    }
}
