package fr.relais.mail.classify;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The editable part of the classifier, read from {@code mappings/classification.yaml}: header rules,
 * supplier domains, the NON_TICKET safeguard, urgency rules and the keyword baseline. Immutable and
 * thread-safe once loaded.
 */
public final class ClassificationRules {

    /** The classpath resource shipped in the jar. */
    public static final String RESOURCE = "mappings/classification.yaml";

    /** A header that decides a category with certainty. */
    public record HeaderRule(String id, String header, Pattern matches, Category category, boolean orSupplier) {
    }

    /** One group of alternatives of an urgency rule. */
    public record Group(List<Pattern> patterns, boolean negatable) {
    }

    /** An urgency rule: every group must match (not negated), and no "unless" pattern. */
    public record UrgencyRule(String id, List<Group> groups, List<Pattern> unless) {
    }

    private final List<HeaderRule> headerRules;
    private final Set<String> supplierDomains;
    private final double nonTicketMinConfidence;
    private final double listMinShare;
    private final double supplierPrior;
    private final List<Pattern> requestPatterns;
    private final Pattern negation;
    private final double modelThreshold;
    private final double ruleVeto;
    private final List<UrgencyRule> urgencyRules;
    private final List<String> baselineUrgentWords;
    private final Map<Category, List<String>> baselineWords;

    private ClassificationRules(Map<String, Object> yaml) {
        headerRules = new ArrayList<>();
        for (Map<String, Object> rule : maps(yaml.get("headerRules"))) {
            headerRules.add(new HeaderRule(str(rule, "id"), str(rule, "header").toLowerCase(Locale.ROOT),
                    Pattern.compile(str(rule, "matches"), Pattern.DOTALL),
                    Category.valueOf(str(rule, "category")), Boolean.TRUE.equals(rule.get("orSupplier"))));
        }
        supplierDomains = Set.copyOf(strings(yaml.get("supplierDomains")).stream()
                .map(d -> d.toLowerCase(Locale.ROOT).trim()).toList());
        Map<String, Object> nonTicket = map(yaml.get("nonTicket"));
        nonTicketMinConfidence = number(nonTicket.get("minConfidence"), 0.75);
        listMinShare = number(nonTicket.get("listMinShare"), 0.6);
        supplierPrior = number(nonTicket.get("supplierPrior"), 0.3);
        requestPatterns = strings(nonTicket.get("requestPatterns")).stream().map(ClassificationRules::compile).toList();
        Map<String, Object> urgency = map(yaml.get("urgency"));
        negation = compile(String.valueOf(urgency.getOrDefault("negation", "\\b(pas|aucune?|sans)\\b")));
        modelThreshold = number(urgency.get("modelThreshold"), 0.5);
        ruleVeto = number(urgency.get("ruleVeto"), 0.0);
        urgencyRules = new ArrayList<>();
        for (Map<String, Object> rule : maps(urgency.get("rules"))) {
            List<Group> groups = new ArrayList<>();
            for (Map<String, Object> group : maps(rule.get("groups"))) {
                groups.add(new Group(strings(group.get("patterns")).stream().map(ClassificationRules::compile).toList(),
                        !Boolean.FALSE.equals(group.get("negatable"))));
            }
            urgencyRules.add(new UrgencyRule(str(rule, "id"), groups,
                    strings(rule.get("unless")).stream().map(ClassificationRules::compile).toList()));
        }
        Map<String, Object> baseline = map(yaml.get("baseline"));
        baselineUrgentWords = strings(baseline.get("urgentWords")).stream().map(TextNormalizer::normalize).toList();
        baselineWords = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(baseline.get("categories")).entrySet()) {
            baselineWords.put(Category.valueOf(e.getKey()),
                    strings(e.getValue()).stream().map(TextNormalizer::normalize).toList());
        }
    }

    /** The rules shipped in the jar. */
    public static ClassificationRules load() {
        try (InputStream in = ClassificationRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rules from a file, or the shipped ones when {@code file} is null. */
    public static ClassificationRules load(Path file) {
        if (file == null) {
            return load();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rules from YAML text. */
    public static ClassificationRules parse(InputStream yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return new ClassificationRules(map(root));
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(TextNormalizer.normalizePattern(regex), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    // ---- header rules and context

    /** The first header rule that decides this mail, or null. */
    public HeaderRule headerDecision(MailText mail) {
        for (HeaderRule rule : headerRules) {
            List<String> values = rule.header().equals("from") && mail.headers().get("from") == null
                    ? List.of(mail.fromAddress()) : mail.headers().get(rule.header());
            if (values == null) {
                continue;
            }
            for (String value : values) {
                if (rule.matches().matcher(value).matches()) {
                    return rule;
                }
            }
        }
        return null;
    }

    /** Whether the sender's domain (or a parent domain) is a known supplier. */
    public boolean isSupplier(MailText mail) {
        String domain = mail.fromDomain();
        while (!domain.isEmpty()) {
            if (supplierDomains.contains(domain)) {
                return true;
            }
            int dot = domain.indexOf('.');
            domain = dot < 0 ? "" : domain.substring(dot + 1);
        }
        return false;
    }

    public double nonTicketMinConfidence() {
        return nonTicketMinConfidence;
    }

    public double listMinShare() {
        return listMinShare;
    }

    public double supplierPrior() {
        return supplierPrior;
    }

    /** The first request pattern found in a normalised text, or null. */
    public String findRequest(String normalizedText) {
        for (Pattern p : requestPatterns) {
            Matcher m = p.matcher(normalizedText);
            if (m.find()) {
                return m.group();
            }
        }
        return null;
    }

    // ---- urgency

    public double modelThreshold() {
        return modelThreshold;
    }

    public double ruleVeto() {
        return ruleVeto;
    }

    /** Ids of the urgency rules that fire on a normalised text. */
    public List<String> urgencyRulesFired(String normalizedText) {
        List<String> fired = new ArrayList<>();
        for (UrgencyRule rule : urgencyRules) {
            if (fires(rule, normalizedText)) {
                fired.add(rule.id());
            }
        }
        return fired;
    }

    private boolean fires(UrgencyRule rule, String text) {
        for (Pattern unless : rule.unless()) {
            if (unless.matcher(text).find()) {
                return false;
            }
        }
        for (Group group : rule.groups()) {
            if (!groupMatches(group, text)) {
                return false;
            }
        }
        return !rule.groups().isEmpty();
    }

    private boolean groupMatches(Group group, String text) {
        for (Pattern pattern : group.patterns()) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (!group.negatable() || !negated(text, m.start(), m.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A negation word in the same sentence, at most 40 characters before the match, or inside it. */
    private boolean negated(String text, int start, int end) {
        int from = Math.max(0, start - 40);
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') {
                from = i + 1;
                break;
            }
        }
        return negation.matcher(text.substring(from, end)).find();
    }

    // ---- baseline

    public List<String> baselineUrgentWords() {
        return baselineUrgentWords;
    }

    public Map<Category, List<String>> baselineWords() {
        return new EnumMap<>(baselineWords);
    }

    // ---- YAML helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> list) {
            for (Object item : list) {
                out.add(map(item));
            }
        }
        return out;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> list) {
            for (Object item : list) {
                out.add(String.valueOf(item));
            }
        }
        return out;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("classification rules: missing '" + key + "' in " + m);
        }
        return String.valueOf(v);
    }

    private static double number(Object o, double fallback) {
        return o instanceof Number n ? n.doubleValue() : fallback;
    }
}
