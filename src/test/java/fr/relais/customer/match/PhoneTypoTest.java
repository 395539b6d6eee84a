package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A phone number typed with a slip (one digit wrong, two neighbouring digits swapped) is the same number typed by
 * hand: some evidence for the pair, and no proof that two mobiles belong to two people.
 */
class PhoneTypoTest {

    private final CustomerMatcher matcher = CustomerMatcher.withDefaults();

    private static CustomerRecord r(String id, String name, String address, String postcode, String city,
                                    String phone) {
        return new CustomerRecord(id, name, address, postcode, city, phone, "", "");
    }

    private static PhoneNormalizer.Phone phone(String raw) {
        return PhoneNormalizer.normalize(raw).get(0);
    }

    @Test
    void oneDigitWrongOrTwoSwappedIsASlipButTwoDigitsWrongIsAnotherNumber() {
        assertThat(PairScorer.phonesClose(phone("07 82 47 67 38"), phone("+33 (0)7 82 47 76 38"))).isTrue();
        assertThat(PairScorer.phonesClose(phone("06 59 80 75 79"), phone("06 59 80 75 71"))).isTrue();
        assertThat(PairScorer.phonesClose(phone("06 59 80 75 79"), phone("06 59 80 11 79"))).isFalse();
        assertThat(PairScorer.phonesClose(phone("06 59 80 75 79"), phone("06 59 80 75 79"))).as("equal").isFalse();
        // a mobile and a landline are two numbers, whatever their digits
        assertThat(PairScorer.phonesClose(phone("06 50 12 34 56"), phone("04 50 12 34 56"))).isFalse();
    }

    @Test
    void aSwappedPairOfDigitsCountsForThePairWithItsReason() {
        var erp = List.of(r("E1", "MONSIEUR MEVINARD DENIS", "107T CHEMIN DU MOUTHOLLET", "74410", "SAINT-JORIOZ",
                "07 82 47 67 38"));
        var sage = List.of(r("S1", "Denis MEVINARD", "107 ter ch. du Mouthollet", "74410", "Saint-Jorioz",
                "+33 (0)7 82 47 76 38"));
        var result = matcher.matchSystems(erp, sage);
        MatchExplanation e = matcher.explain(result.erp().get(0), result.sage().get(0), result.counts());
        FieldComparison phone = e.field("phone").orElseThrow();
        assertThat(phone.outcome()).isEqualTo(FieldComparison.Outcome.CLOSE);
        assertThat(phone.note()).isEqualTo("typo");
        assertThat(phone.points()).isPositive();
        assertThat(e.text()).contains("faute de frappe");
        // the same pair with a mobile of another person scores lower
        var other = List.of(r("S1", "Denis MEVINARD", "107 ter ch. du Mouthollet", "74410", "Saint-Jorioz",
                "+33 (0)6 11 22 33 44"));
        var apart = matcher.matchSystems(erp, other);
        assertThat(matcher.explain(apart.erp().get(0), apart.sage().get(0), apart.counts()).points())
                .isLessThan(e.points());
    }

    @Test
    void twoMobilesASlipApartDoNotSayTwoPeople() {
        // the only Denis Mevinard of each system, at another address in the town: with two different mobiles of
        // their own, two people; with the same mobile typed with two digits swapped, a move worth a look
        var erp = List.of(r("E1", "MONSIEUR MEVINARD DENIS", "107T CHEMIN DU MOUTHOLLET", "74410", "SAINT-JORIOZ",
                "07 82 47 67 38"));
        var slip = List.of(r("S1", "Denis MEVINARD", "40 Quai des Cetillons", "74410", "Saint-Jorioz",
                "+33 (0)7 82 47 76 38"));
        var two = List.of(r("S1", "Denis MEVINARD", "40 Quai des Cetillons", "74410", "Saint-Jorioz",
                "+33 (0)6 11 22 33 44"));
        assertThat(PairScorer.mobilesConflict(CustomerNormalizer.normalize(erp.get(0)),
                CustomerNormalizer.normalize(slip.get(0)))).isFalse();
        assertThat(matcher.matchSystems(erp, slip).pairs()).singleElement()
                .satisfies(p -> assertThat(p.decision()).isEqualTo(Decision.REVIEW));
        assertThat(matcher.matchSystems(erp, two).pairs()).isEmpty();
    }
}
