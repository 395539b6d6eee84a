package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small quality floor on data the engine was not tuned on (the held-out generator profile: other
 * regions, names, streets and noise mix). The floors sit below the benchmark figures; the benchmark
 * (bench-matching) is where the real numbers are measured.
 */
class HeldOutQualityTest {

    private static MatchQuality quality(GeneratorProfile profile, int customers, long seed) {
        CustomerDataGenerator.Dataset d = CustomerDataGenerator.generate(customers, seed, profile);
        CustomerMatcher.SystemsMatch result = CustomerMatcher.withDefaults().matchSystems(d.erp(), d.sage());
        List<MatchQuality.Row> rows = new ArrayList<>();
        for (PairMatch p : result.pairs()) {
            rows.add(new MatchQuality.Row(p.a().id(), p.b().id(), p.decision()));
        }
        return MatchQuality.of(rows, d.erpTruth(), d.sageTruth());
    }

    @Test
    void heldOutProfileKeepsQualityFloors() {
        MatchQuality q = quality(GeneratorProfile.HELDOUT, 2500, 20261203L);
        assertThat(q.truePairs()).isGreaterThan(1000);
        assertThat(q.linkPrecision()).isGreaterThanOrEqualTo(0.99);
        assertThat(q.linkRecall()).isGreaterThanOrEqualTo(0.80);
        assertThat(q.linkOrReviewRecall()).isGreaterThanOrEqualTo(0.93);
        assertThat(q.reviewShare()).isLessThanOrEqualTo(0.08);
    }

    @Test
    void engineBeatsTheNaiveBaselineOnPrecisionAndRecall() {
        CustomerDataGenerator.Dataset d = CustomerDataGenerator.generate(1500, 99L, GeneratorProfile.HELDOUT);
        MatchQuality base = MatchQuality.of(NaiveBaseline.match(d.erp(), d.sage()), d.erpTruth(), d.sageTruth());
        MatchQuality engine = quality(GeneratorProfile.HELDOUT, 1500, 99L);
        assertThat(engine.linkPrecision()).isGreaterThan(base.linkPrecision());
        assertThat(engine.linkOrReviewRecall()).isGreaterThan(base.linkRecall());
    }

    @Test
    void generatorIsDeterministicAndItsTruthCoversEveryRecord() {
        var a = CustomerDataGenerator.generate(400, 5L, GeneratorProfile.SAVOIE);
        var b = CustomerDataGenerator.generate(400, 5L, GeneratorProfile.SAVOIE);
        assertThat(a.erp()).isEqualTo(b.erp());
        assertThat(a.sage()).isEqualTo(b.sage());
        assertThat(a.erpTruth().keySet()).containsExactlyInAnyOrderElementsOf(a.erp().stream().map(CustomerRecord::id).toList());
        long both = a.erpTruth().values().stream().distinct().filter(c -> a.sageTruth().containsValue(c)).count();
        long customers = java.util.stream.Stream.concat(a.erpTruth().values().stream(), a.sageTruth().values().stream())
                .distinct().count();
        // about 60 % of customers in both systems
        assertThat((double) both / customers).isBetween(0.5, 0.7);
        Map<String, Long> perCustomer = new java.util.HashMap<>();
        a.erpTruth().values().forEach(c -> perCustomer.merge(c, 1L, Long::sum));
        assertThat(perCustomer.values()).anyMatch(n -> n > 1); // duplicates inside one system exist
    }
}
