package fr.relais.mail.classify;

import fr.relais.mail.classify.Classification.Contribution;
import fr.relais.mail.classify.Classification.Explanation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Classifies a mail into one {@link Category} and one {@link Urgency}, with a confidence and an
 * explanation. Plain Java, no Camel, thread-safe once built.
 *
 * <p>Decision, in order: (1) headers that decide with certainty (auto-replies, bounces: NON_TICKET; list
 * and bulk mail: NON_TICKET or FOURNISSEUR, the model choosing between the two); (2) a known supplier
 * domain adds a prior to FOURNISSEUR; (3) the learned category model (logistic regression over French word n-grams, character n-grams, subject and header
 * features) on the subject and the new text (quoted history and signature removed), nudged by the
 * ticket a reply belongs to; (4) the NON_TICKET safeguard: a mail the model would throw away goes to the
 * best ticket category when the model is not confident or the text holds a request. Urgency: the rules
 * of {@code mappings/classification.yaml} (with negations), or the learned urgency model as a safety net.
 */
public final class MailClassifier {

    /** Optional context of a mail: the category of the ticket it replies to, when the flow knows it. */
    public record Context(Category ticketCategory) {
        public static final Context NONE = new Context(null);
    }

    /** Training settings (kept fixed: the same corpus gives the same model). */
    public record Settings(double categoryC, double urgencyC, double urgentClassWeight) {
        public static final Settings DEFAULT = new Settings(
                Double.parseDouble(System.getProperty("relais.classify.c", "8.0")),
                Double.parseDouble(System.getProperty("relais.classify.urgency-c", "8.0")),
                Double.parseDouble(System.getProperty("relais.classify.urgent-weight", "2.0")));
    }

    private static final int TOP_FEATURES = 6;
    private static final double CONTEXT_PRIOR = 0.3;

    private final ClassificationRules rules;
    private final FeatureExtractor features;
    private final LinearModel categoryModel;
    private final LinearModel urgencyModel;
    private final MailParser parser = new MailParser();
    private final int trainingSize;

    private MailClassifier(ClassificationRules rules, FeatureExtractor features, LinearModel categoryModel,
                           LinearModel urgencyModel, int trainingSize) {
        this.rules = rules;
        this.features = features;
        this.categoryModel = categoryModel;
        this.urgencyModel = urgencyModel;
        this.trainingSize = trainingSize;
    }

    /** Trains on labelled corpus entries (in the given order) with the given rules. */
    public static MailClassifier train(List<Corpus.Entry> entries, ClassificationRules rules, Settings settings) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no training mail");
        }
        FeatureExtractor features = new FeatureExtractor();
        // Features in parallel (order kept), then the two models side by side: same result, shorter load.
        List<FeatureExtractor.Vector> vectors = java.util.stream.IntStream.range(0, entries.size()).parallel()
                .mapToObj(i -> {
                    MailText mail = entries.get(i).toMailText();
                    QuoteStripper.Stripped stripped = QuoteStripper.strip(mail.body());
                    return features.extract(mail, stripped.relevantText(), stripped.history());
                }).toList();
        int[] categories = new int[entries.size()];
        int[] urgencies = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            categories[i] = entries.get(i).category().ordinal();
            urgencies[i] = entries.get(i).urgency().ordinal();
        }
        double[] urgentWeights = new double[Urgency.values().length];
        Arrays.fill(urgentWeights, 1.0);
        urgentWeights[Urgency.URGENT.ordinal()] = settings.urgentClassWeight();
        java.util.concurrent.CompletableFuture<LinearModel> urgencyFuture = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> LinearModel.train(vectors, urgencies, Urgency.values().length, settings.urgencyC(), urgentWeights));
        LinearModel category = LinearModel.train(vectors, categories, Category.values().length, settings.categoryC(), null);
        LinearModel urgency = urgencyFuture.join();
        return new MailClassifier(rules, features, category, urgency, entries.size());
    }

    public static MailClassifier train(List<Corpus.Entry> entries, ClassificationRules rules) {
        return train(entries, rules, Settings.DEFAULT);
    }

    /**
     * The classifier trained on the training corpus: from {@code corpusTrainDir} when given
     * (e.g. {@code corpus/train}), else from the corpus shipped in the jar.
     */
    public static MailClassifier fromCorpus(Path corpusTrainDir, ClassificationRules rules) {
        List<Corpus.Entry> entries = corpusTrainDir == null
                ? Corpus.readClasspath(List.of("w1", "w2", "w3", "w4", "w5", "w6"))
                : Corpus.read(corpusTrainDir);
        return train(entries, rules);
    }

    /** The parser this classifier uses for raw mails (reusable by the mail flow). */
    public MailParser parser() {
        return parser;
    }

    public ClassificationRules rules() {
        return rules;
    }

    public int trainingSize() {
        return trainingSize;
    }

    /** Memory held by the two models' weights, in bytes. */
    public long modelBytes() {
        return categoryModel.weightBytes() + urgencyModel.weightBytes();
    }

    /** Parses and classifies a raw RFC 5322 mail. */
    public Classification classify(byte[] rawMail) {
        return classify(parser.parse(rawMail), Context.NONE);
    }

    public Classification classify(MailText mail) {
        return classify(mail, Context.NONE);
    }

    /** Classifies a parsed mail, with the context the flow knows (may be {@link Context#NONE}). */
    public Classification classify(MailText mail, Context context) {
        Objects.requireNonNull(mail);
        context = context == null ? Context.NONE : context;
        List<String> fired = new ArrayList<>();
        if (!mail.readable()) {
            fired.add("parse:unreadable-raw-text");
        }
        ClassificationRules.HeaderRule header = rules.headerDecision(mail);
        boolean supplier = rules.isSupplier(mail);
        if (header != null && !header.orSupplier()) {
            fired.add("header:" + header.id());
            return new Classification(header.category(), Urgency.NORMAL, 1.0, new Explanation(fired, List.of(), List.of(), 0));
        }

        QuoteStripper.Stripped stripped = QuoteStripper.strip(mail.body());
        String text = stripped.relevantText();
        FeatureExtractor.Vector vector = features.extract(mail, text, stripped.history());
        double[] p = categoryModel.probabilities(vector);
        if (supplier) {
            fired.add("context:supplier-domain");
            addPrior(p, Category.FOURNISSEUR, rules.supplierPrior());
        }
        java.util.function.Function<java.util.Set<Integer>, java.util.Map<Integer, String>> names =
                indices -> features.charGramNames(mail, text, indices);
        if (header != null) {
            // A list or bulk mail: never a customer request; a newsletter or a supplier's business mail.
            fired.add("header:" + header.id());
            double n = p[Category.NON_TICKET.ordinal()];
            double f = p[Category.FOURNISSEUR.ordinal()];
            double share = n + f == 0 ? 1 : n / (n + f);
            Category category = share >= rules.listMinShare() ? Category.NON_TICKET : Category.FOURNISSEUR;
            double confidence = category == Category.NON_TICKET ? share : 1 - share;
            return new Classification(category, Urgency.NORMAL, confidence, new Explanation(fired,
                    contributions(vector, categoryModel, category.ordinal(), TOP_FEATURES, names), List.of(), 0));
        }
        if (context.ticketCategory() != null) {
            fired.add("context:reply-to-ticket-" + context.ticketCategory());
            addPrior(p, context.ticketCategory(), CONTEXT_PRIOR);
        }
        int best = argmax(p, -1);
        Category category = Category.values()[best];
        double confidence = p[best];
        String normalized = TextNormalizer.normalize(mail.subject() + "\n" + text);

        // Urgency: explicit rules, with the learned model as a safety net.
        List<String> urgencyRules = rules.urgencyRulesFired(normalized);
        double pUrgent = urgencyModel.probabilities(vector)[Urgency.URGENT.ordinal()];
        boolean urgent;
        if (!urgencyRules.isEmpty()) {
            urgencyRules.forEach(r -> fired.add("urgency:" + r));
            urgent = pUrgent >= rules.ruleVeto();
            if (!urgent) {
                fired.add("urgency:overruled-by-model");
            }
        } else {
            urgent = pUrgent >= rules.modelThreshold();
            if (urgent) {
                fired.add("urgency:model");
            }
        }

        if (category == Category.NON_TICKET) {
            String request = rules.findRequest(TextNormalizer.normalize(text));
            String reason = urgent ? "safeguard:urgent-needs-ticket"
                    : !mail.readable() ? "safeguard:unreadable-needs-a-person"
                    : normalized.chars().noneMatch(Character::isLetter) ? "safeguard:nothing-to-read"
                    : request != null ? "safeguard:request-found(" + request + ")"
                    : confidence < rules.nonTicketMinConfidence() ? "safeguard:non-ticket-low-confidence" : null;
            if (reason != null) {
                fired.add(reason);
                best = argmax(p, Category.NON_TICKET.ordinal());
                category = Category.values()[best];
                confidence = p[best];
            }
        }

        List<Contribution> why = contributions(vector, categoryModel, category.ordinal(), TOP_FEATURES, names);
        List<Contribution> whyUrgent = urgent && urgencyRules.isEmpty()
                ? contributions(vector, urgencyModel, Urgency.URGENT.ordinal(), 4, names) : List.of();
        return new Classification(category, urgent ? Urgency.URGENT : Urgency.NORMAL, confidence,
                new Explanation(fired, why, whyUrgent, pUrgent));
    }

    private static void addPrior(double[] p, Category category, double prior) {
        p[category.ordinal()] += prior;
        double sum = Arrays.stream(p).sum();
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
    }

    private static int argmax(double[] p, int excluded) {
        int best = -1;
        for (int k = 0; k < p.length; k++) {
            if (k != excluded && (best < 0 || p[k] > p[best])) {
                best = k;
            }
        }
        return best;
    }

    private static List<Contribution> contributions(FeatureExtractor.Vector v, LinearModel model, int label, int top,
                                                    java.util.function.Function<java.util.Set<Integer>, java.util.Map<Integer, String>> unnamed) {
        List<double[]> all = new ArrayList<>();
        for (int j = 0; j < v.indices().length; j++) {
            if (v.indices()[j] > FeatureExtractor.DIMENSION) {
                continue;
            }
            double c = model.weight(v.indices()[j], label) * v.values()[j];
            if (c > 0) {
                all.add(new double[]{c, j});
            }
        }
        all.sort(Comparator.comparingDouble((double[] a) -> -a[0]).thenComparingDouble(a -> a[1]));
        List<double[]> chosen = all.subList(0, Math.min(top, all.size()));
        java.util.Set<Integer> missing = new java.util.HashSet<>();
        for (double[] a : chosen) {
            if (v.names()[(int) a[1]] == null) {
                missing.add(v.indices()[(int) a[1]]);
            }
        }
        java.util.Map<Integer, String> resolved = missing.isEmpty() ? java.util.Map.of() : unnamed.apply(missing);
        List<Contribution> out = new ArrayList<>();
        for (double[] a : chosen) {
            int j = (int) a[1];
            String name = v.names()[j] != null ? v.names()[j] : resolved.getOrDefault(v.indices()[j], "chars:?");
            out.add(new Contribution(name, a[0]));
        }
        return out;
    }
}
