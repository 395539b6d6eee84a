package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoring stops early when a pair cannot reach the threshold (address before names, names exact only from
 * the lowest threshold up): the scores that matter must be those of the full explanation.
 */
class EarlyStopTest {

    @Test
    void earlyStoppedScoresAgreeWithTheFullExplanation() {
        CustomerMatcher matcher = CustomerMatcher.withDefaults();
        CustomerDataGenerator.Dataset d = CustomerDataGenerator.generate(1000, 21L, GeneratorProfile.SAVOIE);
        CustomerIndex erp = matcher.index(d.erp());
        CustomerIndex sage = matcher.index(d.sage());
        PairScorer.IdentifierCounts counts = CustomerMatcher.counts(erp, sage);
        double review = matcher.config().reviewThreshold();
        double dupReview = matcher.config().duplicateReviewThreshold();
        int compared = 0;
        int kept = 0;
        for (int i = 0; i < erp.size(); i++) {
            NormalizedCustomer e = erp.get(i);
            for (int j : sage.candidates(e)) {
                NormalizedCustomer s = sage.get(j);
                MatchExplanation full = matcher.scorer().explain(e, s, counts);
                PairScorer.Score fast = matcher.scorer().score(e, s, counts);
                PairScorer.Score strict = matcher.scorer().score(e, s, counts, dupReview);
                compared++;
                if (full.score() >= review) {
                    kept++;
                    assertThat(fast.score()).as(e.id() + "/" + s.id()).isCloseTo(full.score(),
                            org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(fast.veto()).isEqualTo(full.veto());
                } else {
                    assertThat(fast.score()).as(e.id() + "/" + s.id()).isLessThan(review);
                }
                if (full.score() >= dupReview) {
                    assertThat(strict.score()).isCloseTo(full.score(), org.assertj.core.data.Offset.offset(1e-9));
                } else {
                    assertThat(strict.score()).isLessThan(dupReview);
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(kept).isGreaterThan(300);
    }
}
