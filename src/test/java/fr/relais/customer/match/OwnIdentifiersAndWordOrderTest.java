package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules added with the long-tailed test data: a mailbox or a mobile held by one customer follows
 * them when they move, a company at another address goes to review, identifier holders (a customer typed
 * twice counts once), the same words in another order, and the town + address blocking key. Each with the
 * hard negative it must not break.
 */
class OwnIdentifiersAndWordOrderTest {

    private final CustomerMatcher matcher = CustomerMatcher.withDefaults();

    private static CustomerRecord r(String id, String name, String address, String postcode, String city, String phone,
                                    String email) {
        return new CustomerRecord(id, name, address, postcode, city, phone, email, "");
    }

    private List<PairMatch> match(List<CustomerRecord> erp, List<CustomerRecord> sage) {
        return matcher.matchSystems(erp, sage).pairs();
    }

    private static Decision only(List<PairMatch> pairs) {
        assertThat(pairs).hasSize(1);
        return pairs.get(0).decision();
    }

    @Test
    void thePersonalMailboxOfSomeoneWhoMovedLinks() {
        var erp = List.of(r("E1", "M. DENIS Apolline", "70 r du Peyrel", "74800", "La Roche-sur-Foron",
                "+33 (0)4 50 34 93 58", "DENIS.APOLLINE@SFR.FR"));
        var sage = List.of(r("S1", "Apolline DENIS", "27 Q. Gavard", "74210", "Faverges", "07 54 18 12 46",
                "denis.apolline@sfr.fr"));
        assertThat(only(match(erp, sage))).isEqualTo(Decision.LINK);
    }

    @Test
    void aFamilyMailboxDoesNotMakeTwoRelativesOne() {
        // a shared family address: two people, other given names, other towns
        var erp = List.of(r("E1", "RODAND Pierre", "31 Imp. Gal de Gaulle", "74940", "Annecy-le-Vieux",
                "06 78 83 04 30", "famille.rodand@wanadoo.fr"));
        var sage = List.of(r("S1", "Sophie RODAND", "2, FBG BERTHET", "74330", "POISY", "04-50-43-67-59",
                "famille.rodand@wanadoo.fr"));
        assertThat(match(erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
    }

    @Test
    void anOwnMobileLinksAMoveEvenWithAnInitialOrNoGivenName() {
        var erp = List.of(
                r("E1", "M BROTERET SARAH", "5 R COLONEL PHILIPPE", "74370", "PRINGY", "0033 7 78 85 53 12", ""),
                r("E2", "BERNELEX LIONEL", "N°82 RTE ARISTIDE BRIAND", "74190", "PASSY", "+33 6 50 18 82 65", ""),
                r("E3", "ROBERT VÉONIQUE", "20 AVE NOUNAUDS", "74200", "THONON-LES-BAINS", "+33 (0)6 76 14 81 00", ""));
        var sage = List.of(
                r("S1", "S. BROTERET", "28 ALLEE DU VITTUD", "74700", "SALLANCHES", "07.78.85.53.12", ""),
                r("S2", "BERNELEX", "48 QUAI JEAN JAURÈS", "74000", "ANNECY", "06 50 18 82 65", ""),
                r("S3", "Mme Veronique Robert", "6 avenue des Mouthands", "74410", "St-Jorioz", "0676148100", ""));
        List<PairMatch> pairs = match(erp, sage);
        assertThat(pairs).hasSize(3).allMatch(p -> p.decision() == Decision.LINK)
                .allMatch(p -> p.a().id().substring(1).equals(p.b().id().substring(1)));
        MatchExplanation e = matcher.explain(CustomerNormalizer.normalize(erp.get(0)),
                CustomerNormalizer.normalize(sage.get(0)), PairScorer.IdentifierCounts.NONE);
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved");
    }

    @Test
    void aMobileDoesNotJoinTwoDifferentGivenNamesNorALandlineAHousehold() {
        // father and son: the son's mobile given by the father elsewhere; a landline and an initial (a household)
        var erp = List.of(
                r("E1", "Jean CURTET", "12 rue des Lilas", "74000", "Annecy", "06 12 34 56 78", ""),
                r("E2", "M. CURTILLOZ J.", "100 RUE ANDRE", "74330", "POISY", "04 50 03 21 74", ""));
        var sage = List.of(
                r("S1", "Pierre CURTET", "4 chemin des Prés", "74600", "Seynod", "+33 6 12 34 56 78", ""),
                r("S2", "CURTILLOZ JEAN-MARC", "N°61 FG DU MAUSSOZ", "74320", "SÉVRIER", "+33 (0)4 50 03 21 74", ""));
        assertThat(match(erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
    }

    @Test
    void aCompanyWithItsOwnNumberAtAnotherAddressGoesToReview() {
        var erp = List.of(new CustomerRecord("E1", "Peinture Gérard EURL", "41 av du Colonel Brun", "74290",
                "Menthon-Saint-Bernard", "04.50.24.89.60", "", "113762009 40758"));
        var sage = List.of(new CustomerRecord("S1", "Ets Peinture Gérard", "44 ROUTE JULES FERRY", "74100",
                "ANNEMASSE", "+33 (0)4 50 24 89 60", "", ""));
        assertThat(only(match(erp, sage))).isEqualTo(Decision.REVIEW);
        MatchExplanation e = matcher.explain(CustomerNormalizer.normalize(erp.get(0)),
                CustomerNormalizer.normalize(sage.get(0)), PairScorer.IdentifierCounts.NONE);
        assertThat(e.veto()).isTrue();
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved-or-site");
        assertThat(e.text()).contains("autre établissement");
    }

    @Test
    void aCustomerTypedTwiceHoldsTheirNumberOnceAHouseholdTwice() {
        CustomerIndex index = matcher.index(List.of(
                r("E1", "DUPONT Jean", "12 av. de Genève", "74000", "Annecy", "06 12 34 56 78", ""),
                r("E2", "Jean Dupont", "12 avenue de Genève", "74000", "Annecy", "0612345678", ""),
                r("E3", "Paul DUPONT", "12 avenue de Genève", "74000", "Annecy", "04 50 11 22 33", ""),
                r("E4", "Jean DUPONT", "12 avenue de Genève", "74000", "Annecy", "04 50 11 22 33", "")));
        assertThat(index.count("T|+33612345678")).isEqualTo(1);
        assertThat(index.count("T|+33450112233")).isEqualTo(2);
    }

    @Test
    void theSameWordsInAnotherOrderOrSplitAreOneName() {
        var erp = List.of(
                r("E1", "FEMEURIER Marie-France", "24, RUE des Berthels", "74600", "Seynod", "", ""),
                r("E2", "M. BERNARD JEAN PAUL", "94 RTE DE LA TOURNETTE", "74320", "SÉVRIER", "04.50.87.71.62", ""));
        var sage = List.of(
                r("S1", "MARIE FRANCE FEMEURIER", "24 R. DES BERTHELS", "74600", "SEYNOD", "", ""),
                r("S2", "Jean Paul BERNARD", "Apt 12, 94 Route de la Tournette", "74320", "Sévrier", "0450877162", ""));
        List<PairMatch> pairs = match(erp, sage);
        assertThat(pairs).hasSize(2).allMatch(p -> p.decision() == Decision.LINK)
                .allMatch(p -> p.a().id().substring(1).equals(p.b().id().substring(1)));
        CustomerName a = NameNormalizer.normalize("MARIE FRANCE FEMEURIER");
        assertThat(PairScorer.sameWords(a, NameNormalizer.normalize("FEMEURIER Marie-France"))).isTrue();
        // other words are other names: a son with a compound given name stays apart
        assertThat(PairScorer.sameWords(NameNormalizer.normalize("DUPONT Jean"),
                NameNormalizer.normalize("DUPONT Jean-Pierre"))).isFalse();
        assertThat(PairScorer.sameWords(NameNormalizer.normalize("Marie MARTIN"),
                NameNormalizer.normalize("MARTIN Martine"))).isFalse();
    }

    @Test
    void theSameAddressIsFoundInTheTownWhenThePostcodeIsMissing() {
        // no postcode on one side, a typo in the town and in the name: only the town + number + street key
        var erp = List.of(r("E1", "PHILIPPE CHANTAL", "63TER ALLEE DUCRET", "", "MENTHON-SAINT-BERNARD",
                "07 70 92 23 14", ""));
        var sage = List.of(r("S1", "Mr Chantal PHILIPPE", "63ter Allée Ducret", "74290", "Mentohn-Saint-Bernard",
                "04.50.67.73.33", ""));
        assertThat(only(match(erp, sage))).isEqualTo(Decision.LINK);
    }
}
