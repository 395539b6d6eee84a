package fr.relais.customer.match;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Why the engine scored a pair as it did: every field comparison, the points, the score and whether
 * something vetoes a link. {@link #text()} gives the short French text a review ticket shows Claire;
 * its wording lives in {@code explanation.properties}.
 *
 * @param idA    id of the first record
 * @param idB    id of the second record
 * @param score  score in [0, 1]
 * @param points total points (log-odds, prior excluded)
 * @param veto   true when a comparison forbids a LINK
 * @param fields the comparisons, in a fixed order
 */
public record MatchExplanation(String idA, String idB, double score, double points, boolean veto,
                               List<FieldComparison> fields) {

    private static final Properties TEXT = load();

    /** The comparison of one field, if it was made. */
    public java.util.Optional<FieldComparison> field(String name) {
        return fields.stream().filter(f -> f.field().equals(name)).findFirst();
    }

    /** A short readable text in French: the fields that weighed, strongest first. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.FRANCE, TEXT.getProperty("header"), score));
        if (veto) {
            b.append(' ').append(TEXT.getProperty("veto"));
        }
        fields.stream()
                .filter(f -> f.outcome() != FieldComparison.Outcome.MISSING || f.field().equals("name"))
                .sorted((x, y) -> Double.compare(Math.abs(y.points()), Math.abs(x.points())))
                .forEach(f -> {
                    b.append("\n- ").append(TEXT.getProperty("field." + f.field(), f.field())).append(" : ")
                            .append(TEXT.getProperty("outcome." + f.outcome().name().toLowerCase(Locale.ROOT)));
                    if (!f.left().isEmpty() || !f.right().isEmpty()) {
                        b.append(" (« ").append(f.left()).append(" » / « ").append(f.right()).append(" »)");
                    }
                    if (!f.note().isEmpty()) {
                        String note = f.note();
                        String key = note.startsWith("shared-by-") ? "note.shared-by" : "note." + note;
                        String t = TEXT.getProperty(key);
                        if (t != null) {
                            b.append(", ").append(note.startsWith("shared-by-")
                                    ? String.format(t, note.substring("shared-by-".length())) : t);
                        }
                    }
                    b.append(String.format(Locale.ROOT, " [%+.1f]", f.points()));
                    if (f.veto()) {
                        b.append(' ').append(TEXT.getProperty("blocks"));
                    }
                });
        return b.toString();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = MatchExplanation.class.getResourceAsStream("explanation.properties")) {
            if (in == null) {
                throw new IllegalStateException("explanation.properties missing from the classpath");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
