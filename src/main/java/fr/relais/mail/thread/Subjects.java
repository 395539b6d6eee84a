package fr.relais.mail.thread;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Subjects as the threading rules compare them: reply and forward prefixes removed, folded, in words. */
public final class Subjects {

    public static final Pattern REFERENCE = Pattern.compile("\\bREL-(\\d{4})-(\\d{6,})\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*((re|r|tr|fw|fwd|aw|wg|sv|vs|rif|ref|réf)\\s*(\\[\\d+\\])?\\s*:|\\[[^\\]]{0,40}\\])\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final double SIMILAR = 0.6;

    private Subjects() {
    }

    /** The first ticket reference in a subject, upper-cased, or null. */
    public static String reference(String subject) {
        if (subject == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(subject);
        return m.find() ? ("REL-" + m.group(1) + "-" + m.group(2)).toUpperCase(Locale.ROOT) : null;
    }

    /** The subject without reply/forward prefixes and tags, lower case, no accents, single spaces. */
    public static String normalize(String subject) {
        if (subject == null) {
            return "";
        }
        String s = subject;
        for (int i = 0; i < 10; i++) {
            String stripped = PREFIX.matcher(s).replaceFirst("");
            if (stripped.equals(s)) {
                break;
            }
            s = stripped;
        }
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /**
     * True when two subjects speak of the same matter: equal once normalised, or sharing most of their
     * words (Jaccard ≥ 0.6 over words of 3 letters or more). Empty subjects are never similar.
     */
    public static boolean similar(String a, String b) {
        String na = normalize(a);
        String nb = normalize(b);
        if (na.isEmpty() || nb.isEmpty()) {
            return false;
        }
        if (na.equals(nb)) {
            return true;
        }
        Set<String> wa = words(na);
        Set<String> wb = words(nb);
        if (wa.isEmpty() || wb.isEmpty()) {
            return false;
        }
        Set<String> inter = new HashSet<>(wa);
        inter.retainAll(wb);
        Set<String> union = new HashSet<>(wa);
        union.addAll(wb);
        return (double) inter.size() / union.size() >= SIMILAR;
    }

    private static Set<String> words(String normalized) {
        Set<String> words = new HashSet<>(Arrays.asList(normalized.split(" ")));
        words.removeIf(w -> w.length() < 3);
        return words;
    }
}
