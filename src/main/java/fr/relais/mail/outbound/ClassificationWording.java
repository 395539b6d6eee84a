package fr.relais.mail.outbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the classifier's technical explanation stored on a ticket (e.g. {@code rules: urgency:gas-smell;
 * words: body:odeur gaz(+1.92), chars:gaz_(+0.40); urgency words: ...; p(urgent)=0.93}) into the short line
 * Claire reads in her notification: the rules that fired, by their French label from the templates'
 * labels (key {@code rule.<id>}, the id itself when a rule has no label yet), and the words of the mail that
 * weighed most. Character n-grams, number placeholders and weights are left out: they mean nothing to her.
 */
final class ClassificationWording {

    private static final Pattern WORD_FEATURE = Pattern.compile("(?:subject|body):([\\p{L}][\\p{L} '-]*)\\(");
    private static final Pattern PARAMETERISED = Pattern.compile("^(.*)\\((.*)\\)$");
    private static final int MAX_WORDS = 6;

    private ClassificationWording() {
    }

    /** The ids of the rules that fired, from the stored explanation's {@code rules:} section (empty when none). */
    static List<String> rulesOf(String explanation) {
        List<String> rules = new ArrayList<>();
        if (explanation == null) {
            return rules;
        }
        for (String section : explanation.split(";")) {
            String s = section.strip();
            if (s.startsWith("rules:")) {
                for (String rule : s.substring("rules:".length()).split(",")) {
                    if (!rule.isBlank()) {
                        rules.add(rule.strip());
                    }
                }
            }
        }
        return rules;
    }

    /** A rule id as Claire reads it; parameterised ids (reply-to-ticket-SAV, request-found(devis)) keep their parameter. */
    static String ruleLabel(String id, BiFunction<String, String, String> label) {
        String base = id;
        String parameter = null;
        Matcher call = PARAMETERISED.matcher(id);
        if (call.matches()) {
            base = call.group(1);
            parameter = call.group(2);
        } else if (id.startsWith("context:reply-to-ticket-")) {
            base = "context:reply-to-ticket";
            parameter = label.apply("category." + id.substring(base.length() + 1), id.substring(base.length() + 1));
        }
        String text = label.apply("rule." + base.replace(':', '.'), null);
        if (text == null) {
            return id;
        }
        return parameter == null ? text : text + " (" + parameter + ")";
    }

    /**
     * @param explanation the stored explanation (may be null)
     * @param label       (key, fallback) → the label of the mail templates
     * @return the French line, or null when there is nothing to say
     */
    static String of(String explanation, BiFunction<String, String, String> label) {
        if (explanation == null || explanation.isBlank()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        List<String> rules = rulesOf(explanation).stream().map(id -> ruleLabel(id, label)).toList();
        if (!rules.isEmpty()) {
            parts.add(label.apply("explanation.rules", "règles") + " : " + String.join(", ", rules));
        }
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD_FEATURE.matcher(explanation);
        while (m.find() && words.size() < MAX_WORDS) {
            words.add(m.group(1).strip().toLowerCase(Locale.FRENCH));
        }
        if (!words.isEmpty()) {
            parts.add(label.apply("explanation.words", "mots relevés") + " : "
                    + String.join(", ", words.stream().map(w -> "« " + w + " »").toList()));
        }
        return parts.isEmpty() ? null : String.join(" ; ", parts);
    }
}
