package fr.relais.mail.classify;

import java.util.List;
import java.util.Map;

/**
 * The plain keyword classifier the model is measured against: the category whose words of
 * {@code baseline} in {@code mappings/classification.yaml} occur most often in the subject and body wins
 * (ties: file order; no word: SAV); URGENT when any urgency word occurs. No headers, no stripping.
 */
public final class KeywordBaseline {

    private final Map<Category, List<String>> words;
    private final List<String> urgentWords;

    public KeywordBaseline(ClassificationRules rules) {
        this.words = rules.baselineWords();
        this.urgentWords = rules.baselineUrgentWords();
    }

    public Classification classify(MailText mail) {
        String text = TextNormalizer.normalize(mail.subject() + "\n" + mail.body());
        Category best = Category.SAV;
        int bestCount = 0;
        for (Map.Entry<Category, List<String>> e : orderedWords()) {
            int count = 0;
            for (String word : e.getValue()) {
                for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length())) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = e.getKey();
                bestCount = count;
            }
        }
        boolean urgent = urgentWords.stream().anyMatch(text::contains);
        return new Classification(best, urgent ? Urgency.URGENT : Urgency.NORMAL, bestCount == 0 ? 0 : 1,
                new Classification.Explanation(List.of("baseline"), List.of(), List.of(), 0));
    }

    private List<Map.Entry<Category, List<String>>> orderedWords() {
        return List.copyOf(words.entrySet());
    }
}
