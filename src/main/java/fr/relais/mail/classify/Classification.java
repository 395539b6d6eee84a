package fr.relais.mail.classify;

import java.util.List;

/**
 * The classifier's answer for one mail.
 *
 * @param category    the one category of the mail
 * @param urgency     URGENT or NORMAL
 * @param confidence  the probability of the category in [0, 1] (1 when a header rule decided)
 * @param explanation why: the rules that fired and the strongest features behind the decision
 */
public record Classification(Category category, Urgency urgency, double confidence, Explanation explanation) {

    /**
     * Why a mail got its category and urgency.
     *
     * @param rules           ids of the rules that fired (header, supplier, urgency, safeguards), in order
     * @param categoryFeatures the features present in the mail that weigh most for the chosen category
     * @param urgencyFeatures  the features that weigh most towards URGENT when the urgency model counted
     * @param urgencyProbability the learned urgency model's probability of URGENT
     */
    public record Explanation(List<String> rules, List<Contribution> categoryFeatures,
                              List<Contribution> urgencyFeatures, double urgencyProbability) {

        public Explanation {
            rules = List.copyOf(rules);
            categoryFeatures = List.copyOf(categoryFeatures);
            urgencyFeatures = List.copyOf(urgencyFeatures);
        }

        /** A short text for the ticket, e.g. {@code rules: urgency:gas-smell; words: gaz(+1.92), odeur(+1.10)}. */
        public String summary() {
            StringBuilder text = new StringBuilder();
            if (!rules.isEmpty()) {
                text.append("rules: ").append(String.join(", ", rules));
            }
            if (!categoryFeatures.isEmpty()) {
                if (!text.isEmpty()) {
                    text.append("; ");
                }
                text.append("words: ");
                text.append(String.join(", ", categoryFeatures.stream().map(Contribution::toString).toList()));
            }
            if (!urgencyFeatures.isEmpty()) {
                text.append("; urgency words: ");
                text.append(String.join(", ", urgencyFeatures.stream().map(Contribution::toString).toList()));
            }
            text.append(String.format(java.util.Locale.ROOT, "; p(urgent)=%.2f", urgencyProbability));
            return text.toString();
        }
    }

    /**
     * One feature's weight in a decision.
     *
     * @param feature readable name, e.g. {@code subject:devis}, {@code body:fuite eau}, {@code chars:chaud}
     * @param weight  its contribution to the score of the decision (weight times value)
     */
    public record Contribution(String feature, double weight) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s(%+.2f)", feature, weight);
        }
    }

    /** The short text explanation. */
    public String explanationText() {
        return explanation.summary();
    }
}
