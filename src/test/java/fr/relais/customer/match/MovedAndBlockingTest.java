package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer who moved, and pairs that only the typo- and order-tolerant blocking keys bring together. */
class MovedAndBlockingTest {

    private final CustomerMatcher matcher = CustomerMatcher.withDefaults();

    private static CustomerRecord r(String id, String name, String address, String postcode, String city, String phone,
                                    String email) {
        return new CustomerRecord(id, name, address, postcode, city, phone, email, "");
    }

    private List<PairMatch> match(List<CustomerRecord> erp, List<CustomerRecord> sage) {
        return matcher.matchSystems(erp, sage).pairs();
    }

    @Test
    void samePersonWithTheSameMobileWhoMovedIsLinked() {
        var erp = List.of(r("E1", "Catherine Gollud", "8 av. du Salève", "74290", "Veyrier-du-Lac",
                "+33 6 51 13 44 23", ""));
        var sage = List.of(r("S1", "Catherine GOLLUD", "61 r du Maréchal Leclerc", "74000", "Annecy",
                "06 51 13 44 23", ""));
        assertThat(match(erp, sage)).singleElement()
                .satisfies(p -> assertThat(p.decision()).isEqualTo(Decision.LINK));
        MatchExplanation e = matcher.explain(CustomerNormalizer.normalize(erp.get(0)),
                CustomerNormalizer.normalize(sage.get(0)), PairScorer.IdentifierCounts.NONE);
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved");
        assertThat(e.text()).contains("déménagé");
    }

    @Test
    void aMobileSharedByTwoRecordsIsNoProofOfAMove() {
        // a household: the same number on two records of one system; the one elsewhere is not linked
        var sage = List.of(
                r("S1", "Catherine GOLLUD", "61 r du Maréchal Leclerc", "74000", "Annecy", "06 51 13 44 23", ""),
                r("S2", "Paul GOLLUD", "61 r du Maréchal Leclerc", "74000", "Annecy", "06 51 13 44 23", ""));
        var erp = List.of(r("E1", "Catherine Gollud", "8 av. du Salève", "74290", "Veyrier-du-Lac",
                "+33 6 51 13 44 23", ""));
        assertThat(match(erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
    }

    @Test
    void namesakeElsewhereWithoutSharedIdentifierIsNotLinked() {
        var erp = List.of(r("E1", "Martine FRASSAZ", "102 imp. des Aravis", "74930", "Reignier-Ésery",
                "06 11 22 33 44", ""));
        var sage = List.of(r("S1", "FRASSAZ Martine", "14 quai du Vieux Moulin", "74930", "Reignier-Ésery",
                "06 55 66 77 88", ""));
        assertThat(match(erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
    }

    @Test
    void aCompanyIsFoundByTheWordThatNamesItWhenItsTradeWordIsEverywhere() {
        // "cabinet" names too many companies for its blocks to be used (a cap of 3 here, 200 shipped); "Bernard"
        // finds the company that moved from Seynod to Annecy with nothing else in common
        CustomerIndex sage = new CustomerIndex(3);
        sage.add(CustomerNormalizer.normalize(r("S1", "SAS Cabinet Bernard", "24 chemin du Crettieux", "74000",
                "Annecy", "", "")));
        String[] others = {"Dubois", "Petit", "Curtier", "Fousolieux"};
        for (int i = 0; i < others.length; i++) {
            sage.add(CustomerNormalizer.normalize(r("S" + (i + 2), "Cabinet " + others[i], i + " rue du Lac", "74000",
                    "Annecy", "", "")));
        }
        NormalizedCustomer erp = CustomerNormalizer.normalize(r("E1", "Cabinet Bernard S.A.S.", "3 rue de la Gare",
                "74600", "Seynod", "04.50.59.50.57", ""));
        assertThat(sage.candidates(erp)).containsExactly(0);
    }

    @Test
    void surnameTypoWithoutStreetNumberIsFoundByTheGivenNameKey() {
        // GAVNT / GAVET: phonetic keys differ, one side has no street number
        var erp = List.of(r("E1", "GAVNT Agnes", "44 Route du Gal de Gaulle", "74290", "Menthon-St-Bernard",
                "04.50.33.48.25", ""));
        var sage = List.of(r("S1", "GAVET Agnes", "RTE du General de Gaulle", "74290", "Menthon Saint Bernard",
                "+33658187879", ""));
        assertThat(match(erp, sage)).singleElement().satisfies(p -> assertThat(p.b().id()).isEqualTo("S1"));
    }

    @Test
    void twoGivenNamesInEitherOrderAreFound() {
        // both words are given names: found through the given name in full with the ends of the other word
        var erp = List.of(r("E1", "ROBERT OLIVIER", "AVE DES CERISIERS", "74000", "ANNECY", "06.87.81.67.99", ""));
        var sage = List.of(r("S1", "Mr Olivier Robert", "78 av des Cerisiers", "74000", "Annecy", "04 50 33 39 11",
                ""));
        assertThat(match(erp, sage)).singleElement().satisfies(p -> assertThat(p.b().id()).isEqualTo("S1"));
    }

    @Test
    void aCompanyAtAnotherAddressIsAnotherSiteNotAMove() {
        var erp = List.of(new CustomerRecord("E1", "Cabinet Moreau", "45 pl. des Fontaines", "74210", "Faverges", "",
                "contact@cabinetmoreau.fr", ""));
        var sage = List.of(new CustomerRecord("S1", "Cabinet Moreau SA", "37 av. d'Albigny", "74000", "Annecy",
                "04 50 61 27 49", "contact@cabinetmoreau.fr", ""));
        assertThat(match(erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
    }

    @Test
    void theSameLettersSplitIntoWordsDifferentlyAreTheSameName() {
        var erp = List.of(r("E1", "MARTIN Marie Claude", "71 R. du Lac", "74290", "Talloires", "0667577903", ""));
        var sage = List.of(r("S1", "MARTIN MARIE CLAUDE", "71, R DU LAC", "74290", "TALLOIRES", "06-67-57-79-03",
                "mmartin@yahoo.fr"));
        assertThat(match(erp, sage)).singleElement()
                .satisfies(p -> assertThat(p.decision()).isEqualTo(Decision.LINK));
    }
}
