package fr.relais.customer.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * French abbreviations of names, street types and towns (resource {@code abbreviations.txt} beside this class),
 * matched as whole words whatever the case and the accents.
 */
public final class Abbreviations {

    public static final String RESOURCE = "abbreviations.txt";

    /** One rule: the long form as written, its folded form (lower case, no accent) and the short form. */
    public record Rule(String longForm, String folded, String shortForm) {
    }

    private final Map<String, List<Rule>> sections;

    public Abbreviations(Map<String, List<Rule>> sections) {
        this.sections = Map.copyOf(sections);
    }

    /** The rules shipped with the hub. */
    public static Abbreviations french() {
        try (InputStream in = Abbreviations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Abbreviations parse(String text) {
        Map<String, List<Rule>> sections = new LinkedHashMap<>();
        String section = "";
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not an abbreviation rule (long form = short form): " + line);
            }
            String longForm = line.substring(0, eq).strip();
            String shortForm = line.substring(eq + 1).strip();
            sections.computeIfAbsent(section, k -> new ArrayList<>()).add(new Rule(longForm, fold(longForm), shortForm));
        }
        return new Abbreviations(sections);
    }

    public List<Rule> rules(String section) {
        return sections.getOrDefault(section, List.of());
    }

    /**
     * Replaces every whole-word occurrence of the rule's long form in the value, or answers the value itself.
     */
    public static String apply(Rule rule, String value) {
        String folded = fold(value);
        StringBuilder out = null;
        int from = 0;
        int last = 0;
        while (true) {
            int at = folded.indexOf(rule.folded(), from);
            if (at < 0) {
                break;
            }
            int end = at + rule.folded().length();
            if (isBoundary(value, at - 1) && isBoundary(value, end)) {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(value, last, at).append(rule.shortForm());
                last = end;
            }
            from = end;
        }
        if (out == null) {
            return value;
        }
        return out.append(value, last, value.length()).toString();
    }

    private static boolean isBoundary(String value, int index) {
        return index < 0 || index >= value.length() || !Character.isLetterOrDigit(value.charAt(index));
    }

    /** Lower case without accents, one character for one (so that positions match the original). */
    public static String fold(String value) {
        StringBuilder folded = new StringBuilder(value.length());
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c < 128) {
                folded.append(Character.toLowerCase(c));
            } else {
                String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                folded.append(Character.toLowerCase(decomposed.charAt(0)));
            }
        }
        return folded.toString();
    }
}
