package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule for a person who moved and kept no identifier: the same surname and full given name, carried by no
 * one else in either system (the surname by at most a few), goes to REVIEW (never LINK); shipped on
 * ({@code unique-name-address-kept} 0), off with 1.
 */
class UniqueNameMoveTest {

    private static final CustomerMatcher TURNED_OFF = new CustomerMatcher(MatchingConfig.defaults()
            .with(Map.of("weights.unique-name-address-kept", 1.0)));
    private static final CustomerMatcher OPTED_IN = CustomerMatcher.withDefaults();

    private static CustomerRecord r(String id, String name, String address, String postcode, String city, String phone) {
        return new CustomerRecord(id, name, address, postcode, city, phone, "", "");
    }

    private static final CustomerRecord ERP = r("E1", "MME TRAUVAROLLET JOSEPHINE", "12 AVENUE JEAN JAURÈS", "74940",
            "ANNECY-LE-VIEUX", "0688000459");
    private static final CustomerRecord SAGE = r("S1", "Joséphine Trauvarollet", "1 Av. du Vieux Moulin", "74500",
            "Évian-les-Bains", "04 50 07 93 60");

    @Test
    void turnedOffTheNameAloneLinksNothing() {
        assertThat(TURNED_OFF.matchSystems(List.of(ERP), List.of(SAGE)).pairs()).isEmpty();
    }

    @Test
    void optedInAUniqueFullNameAtAnotherAddressGoesToReviewWithItsReason() {
        List<PairMatch> pairs = OPTED_IN.matchSystems(List.of(ERP), List.of(SAGE)).pairs();
        assertThat(pairs).singleElement().satisfies(p -> {
            assertThat(p.decision()).isEqualTo(Decision.REVIEW);
            assertThat(p.veto()).as("never linked automatically").isTrue();
        });
        var result = OPTED_IN.matchSystems(List.of(ERP), List.of(SAGE));
        MatchExplanation e = OPTED_IN.explain(result.erp().get(0), result.sage().get(0), result.counts());
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved-unique-name");
        assertThat(e.text()).contains("homonyme");
    }

    @Test
    void optedInANameCarriedByTwoCustomersIsNoEvidence() {
        var sage = List.of(SAGE, r("S2", "TRAUVAROLLET Joséphine", "7 rue du Lac", "74000", "Annecy", ""));
        assertThat(OPTED_IN.matchSystems(List.of(ERP), sage).pairs()).isEmpty();
    }

    @Test
    void optedInACommonSurnameIsNoEvidence() {
        // three other Trauvarollet in Sage: the surname is not rare enough for the full name to say "same person"
        var sage = new ArrayList<>(List.of(SAGE, r("S2", "TRAUVAROLLET Marc", "7 rue du Lac", "74000", "Annecy", ""),
                r("S3", "TRAUVAROLLET Luc", "9 rue du Lac", "74000", "Annecy", ""),
                r("S4", "TRAUVAROLLET Anne", "2 place de la Gare", "74100", "Annemasse", "")));
        assertThat(OPTED_IN.matchSystems(List.of(ERP), sage).pairs()).isEmpty();
    }

    @Test
    void optedInASurnameAFewCustomersCarryStillCounts() {
        // one other Trauvarollet: a rare surname still, and the full name is carried once
        var sage = new ArrayList<>(List.of(SAGE, r("S2", "TRAUVAROLLET Marc", "7 rue du Lac", "74000", "Annecy", "")));
        assertThat(OPTED_IN.matchSystems(List.of(ERP), sage).pairs()).singleElement()
                .satisfies(p -> assertThat(p.b().id()).isEqualTo("S1"));
    }

    @Test
    void twoOwnMobilesThatDifferSayTwoPeople() {
        // a mobile follows its owner: a namesake with another mobile of their own is not a move
        var erp = List.of(r("E1", "MME TRAUVAROLLET JOSEPHINE", "12 AVENUE JEAN JAURÈS", "74940", "ANNECY-LE-VIEUX",
                "0688000459"));
        var sage = List.of(r("S1", "Joséphine Trauvarollet", "1 Av. du Vieux Moulin", "74500", "Évian-les-Bains",
                "06 55 66 77 88"));
        assertThat(OPTED_IN.matchSystems(erp, sage).pairs()).isEmpty();
    }

    @Test
    void optedInAnInitialIsNotAFullName() {
        var sage = List.of(r("S1", "J. Trauvarollet", "1 Av. du Vieux Moulin", "74500", "Évian-les-Bains", ""));
        assertThat(OPTED_IN.matchSystems(List.of(ERP), sage).pairs()).isEmpty();
    }

    @Test
    void inOneTownACommonSurnameStillCounts() {
        // four Trauvarollet in Sage, but the full name once in each system and both records in one town (another
        // street): a move within the town, or a namesake one system lacks
        var erp = List.of(r("E1", "MME TRAUVAROLLET JOSEPHINE", "12 AVENUE JEAN JAURÈS", "74940", "ANNECY-LE-VIEUX",
                "0688000459"));
        var sage = new ArrayList<>(List.of(r("S1", "Joséphine Trauvarollet", "3 chemin des Fins", "74940",
                        "Annecy-le-Vieux", "04 50 07 93 60"),
                r("S2", "TRAUVAROLLET Marc", "7 rue du Lac", "74000", "Annecy", ""),
                r("S3", "TRAUVAROLLET Luc", "9 rue du Lac", "74000", "Annecy", ""),
                r("S4", "TRAUVAROLLET Anne", "2 place de la Gare", "74100", "Annemasse", "")));
        var result = OPTED_IN.matchSystems(erp, sage);
        assertThat(result.pairs()).singleElement().satisfies(p -> {
            assertThat(p.b().id()).isEqualTo("S1");
            assertThat(p.decision()).isEqualTo(Decision.REVIEW);
            assertThat(p.veto()).as("never linked automatically").isTrue();
        });
        // the same in another town: the common surname makes a namesake likely
        sage.set(0, r("S1", "Joséphine Trauvarollet", "1 Av. du Vieux Moulin", "74500", "Évian-les-Bains",
                "04 50 07 93 60"));
        assertThat(OPTED_IN.matchSystems(erp, sage).pairs()).isEmpty();
        // and with the town settings off, one town is no exception (S1 is also the only Trauvarollet of the town:
        // the surname-in-town rule is turned off as well)
        var townOff = new CustomerMatcher(MatchingConfig.defaults()
                .with(Map.of("weights.unique-name-same-town-any-surname", 0.0, "weights.unique-surname-in-town", 0.0)));
        sage.set(0, r("S1", "Joséphine Trauvarollet", "3 chemin des Fins", "74940", "Annecy-le-Vieux",
                "04 50 07 93 60"));
        assertThat(townOff.matchSystems(erp, sage).pairs()).isEmpty();
    }

    @Test
    void aFullNameTheParserReadInTheOtherOrderIsStillTheSameName() {
        // "SERAPHIN" is not in the given-name list: in capitals, the ERP's words are read the other way round
        var erp = List.of(r("E1", "MONNELIER SERAPHIN", "69 PL DU 11 NOVEMBRE", "74000", "ANNECY", ""));
        var sage = List.of(r("S1", "M MONNELIER Séraphin", "41 Av. de Gonaud", "74000", "Annecy", "06 67 28 25 19"));
        assertThat(NameNormalizer.normalize(erp.get(0).name()).surname())
                .isNotEqualTo(NameNormalizer.normalize(sage.get(0).name()).surname());
        assertThat(OPTED_IN.matchSystems(erp, sage).pairs()).singleElement()
                .satisfies(p -> assertThat(p.decision()).isEqualTo(Decision.REVIEW));
    }

    @Test
    void aFullNameCommonInTheCountyButOnceInTheTownCounts() {
        // "Marius Fournier" three more times in Sage, in other towns: county-wide the full name says nothing, but
        // in Doussard one customer carries it in each system
        var erp = List.of(r("E1", "FOURNIER Marius", "8 Rte d'Albigny", "74210", "Doussard", "+33450534050"));
        var sage = new ArrayList<>(List.of(r("S1", "MARIUS FOURNIER", "2 AV DE L'ABBÉ BRUN", "74210", "DOUSSARD",
                        "+33670397649"),
                r("S2", "Marius Fournier", "7 rue du Lac", "74000", "Annecy", ""),
                r("S3", "Marius Fournier", "9 rue de la Gare", "74100", "Annemasse", ""),
                r("S4", "Marius Fournier", "2 place du Marché", "74500", "Évian-les-Bains", "")));
        var result = OPTED_IN.matchSystems(erp, sage);
        assertThat(result.pairs()).singleElement().satisfies(p -> {
            assertThat(p.b().id()).isEqualTo("S1");
            assertThat(p.decision()).isEqualTo(Decision.REVIEW);
        });
        // a second Marius Fournier in Doussard: a namesake in the town is likely
        sage.add(r("S5", "Marius Fournier", "40 route du Lac", "74210", "Doussard", ""));
        assertThat(OPTED_IN.matchSystems(erp, sage).pairs()).isEmpty();
    }

    @Test
    void aCompanyWithSitesElsewhereButOnceInTheTownCounts() {
        // "Cabinet Petit" has sites all over the county, but one only in Alby in each system: it moved in the town
        var erp = List.of(r("E1", "Cabinet Petit", "7 rte. Brooumellaz", "74540", "Alby-sur-Cheran", "0450042526"),
                r("E2", "CABINET PETIT (SA)", "113 ROUTE DE POCHAZ", "74140", "DOUVAINE", ""),
                r("E3", "E.U.R.L. CABINET PETIT", "94, QUAI DES ALPAGES", "74150", "RUMILLY", ""));
        var sage = new ArrayList<>(List.of(r("S1", "Cabinet Petit SAS", "68 chemin Pochey", "74540",
                        "Alby-sur-Cheran", "06.82.98.57.93"),
                r("S2", "CABINET PETIT", "71 R DU COLONEL RENARD", "74190", "PASSY", "")));
        var matcher = CustomerMatcher.withDefaults();
        var result = matcher.matchSystems(erp, sage);
        assertThat(result.pairs()).extracting(p -> p.a().id() + "/" + p.b().id() + " " + p.decision())
                .containsExactly("E1/S1 REVIEW");
        MatchExplanation e = matcher.explain(result.erp().get(0), result.sage().get(0), result.counts());
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved-unique-company");
        // two Cabinet Petit in Alby in one system (two sites): which one moved is not a question the name answers
        sage.add(r("S3", "Cabinet Petit", "4 place de l'Église", "74540", "Alby-sur-Cheran", ""));
        assertThat(matcher.matchSystems(erp, sage).pairs()).isEmpty();
    }

    @Test
    void aSurnameOneHouseholdCarriesInTheTownGoesToReview() {
        // no given name on one side, another address in Gaillard, nothing else in common: the only Grougaraz of
        // the town in each system, a move within the town (or another household that one system lacks)
        var erp = List.of(r("E1", "GROUGARAZ Marie-France", "2, Route de l'Abbé Brun", "74240", "Gaillard",
                "04 50 03 07 34"));
        var sage = new ArrayList<>(List.of(r("S1", "GROUGARAZ", "62, AVENUE DE L'ABBÉ DAVID", "74240", "GAILLARD",
                        "06.87.40.15.45"),
                r("S2", "GROUGARAZ Luc", "5 rue du Lac", "74000", "Annecy", "")));
        var result = OPTED_IN.matchSystems(erp, sage);
        assertThat(result.pairs()).singleElement().satisfies(p -> {
            assertThat(p.b().id()).isEqualTo("S1");
            assertThat(p.decision()).isEqualTo(Decision.REVIEW);
            assertThat(p.veto()).as("never linked automatically").isTrue();
        });
        MatchExplanation e = OPTED_IN.explain(result.erp().get(0), result.sage().get(0), result.counts());
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved-unique-surname-in-town");
        // turned off, the surname and the postcode are not enough
        var off = new CustomerMatcher(MatchingConfig.defaults().with(Map.of("weights.unique-surname-in-town", 0.0)));
        assertThat(off.matchSystems(erp, sage).pairs()).isEmpty();
        // a second Grougaraz household in Gaillard: the surname no longer points to one of them
        sage.add(r("S3", "GROUGARAZ Paul", "14 rue des Écoles", "74240", "Gaillard", ""));
        assertThat(OPTED_IN.matchSystems(erp, sage).pairs()).isEmpty();
        // given names in conflict: two people
        var other = List.of(r("S1", "GROUGARAZ Bernard", "62, AVENUE DE L'ABBÉ DAVID", "74240", "GAILLARD", ""));
        assertThat(OPTED_IN.matchSystems(erp, other).pairs()).isEmpty();
    }

    @Test
    void aCommonSurnameWithAGivenNameFewCarryStillCountsInABigEnoughFile() {
        // four Trauvarollet in Sage, each with another given name, among 64 persons: by chance, another
        // "Joséphine Trauvarollet" is expected 4 x 1 / 64 = 0.06 times (at most 0.1): the full name is rare
        var sage = new ArrayList<>(List.of(SAGE, r("S2", "TRAUVAROLLET Marc", "7 rue du Lac", "74000", "Annecy", ""),
                r("S3", "TRAUVAROLLET Luc", "9 rue du Lac", "74000", "Annecy", ""),
                r("S4", "TRAUVAROLLET Anne", "2 place de la Gare", "74100", "Annemasse", "")));
        String[] surnames = {"Bochaton", "Curtet", "Dunand", "Favre", "Gay", "Jacquier", "Mermoud", "Pollier",
                "Rey", "Vulliez"};
        String[] given = {"Alain", "Bruno", "Claude", "Denis", "Emile", "Fabien"};
        for (String surname : surnames) {
            for (String g : given) {
                sage.add(r("S-" + surname + g, g + " " + surname, "1 rue " + surname, "74370", "Pringy", ""));
            }
        }
        assertThat(OPTED_IN.matchSystems(List.of(ERP), sage).pairs()).singleElement().satisfies(p -> {
            assertThat(p.b().id()).isEqualTo("S1");
            assertThat(p.decision()).isEqualTo(Decision.REVIEW);
        });
        // the same file where "Joséphine" is a common given name (12 more of them): a namesake is likely
        for (int i = 0; i < 12; i++) {
            sage.add(r("S-J" + i, "Joséphine " + surnames[i % surnames.length] + "-" + i, "3 rue " + i, "74370",
                    "Pringy", ""));
        }
        assertThat(OPTED_IN.matchSystems(List.of(ERP), sage).pairs()).isEmpty();
        // and it is that count that keeps the pair apart: with a gate of 1 expected namesake, it is reviewed
        var looseGate = new CustomerMatcher(MatchingConfig.defaults()
                .with(Map.of("weights.unique-name-expected-namesakes", 1.0)));
        assertThat(looseGate.matchSystems(List.of(ERP), sage).pairs()).singleElement()
                .satisfies(p -> assertThat(p.b().id()).isEqualTo("S1"));
    }
}
