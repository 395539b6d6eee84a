package fr.relais.customer.write;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;

/**
 * Makes a value writable in a file's charset (Sage's import files are windows-1252): a character the charset
 * lacks is replaced by its letter without the accent or stroke when that one exists (ő → o, Ł → L); otherwise the value
 * cannot be written and {@link #firstUnwritable} names the character.
 */
final class TextEncoding {

    /** Letters with a stroke have no decomposition: their plain letter. */
    private static final java.util.Map<String, String> STROKES = java.util.Map.of("Ł", "L", "ł", "l", "Đ", "D", "đ", "d",
            "Ħ", "H", "ħ", "h", "ı", "i", "Ŧ", "T", "ŧ", "t");

    private TextEncoding() {
    }

    /** The value with unwritable accented letters folded; unchanged characters otherwise. */
    static String fold(String value, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        if (encoder.canEncode(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (encoder.canEncode(c)) {
                out.append(c);
            } else {
                String base = STROKES.getOrDefault(c, Normalizer.normalize(c, Normalizer.Form.NFD).replaceAll("\\p{M}", ""));
                out.append(!base.isEmpty() && encoder.canEncode(base) ? base : c);
            }
        });
        return out.toString();
    }

    /** The first character the charset cannot write, or null. */
    static String firstUnwritable(String value, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        return value.codePoints().mapToObj(cp -> new String(Character.toChars(cp)))
                .filter(c -> !encoder.canEncode(c)).findFirst().orElse(null);
    }
}
