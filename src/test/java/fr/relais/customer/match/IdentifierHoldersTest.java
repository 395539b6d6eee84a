package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who holds a number: one person typed twice in one system (an old and a new address, with the same mobile) is
 * one holder, so the number keeps its weight; a father and his son, a couple and one of them, two brothers stay
 * several holders, and the name keys still count namesakes at other addresses.
 */
class IdentifierHoldersTest {

    private static CustomerRecord r(String id, String name, String address, String postcode, String city, String phone) {
        return new CustomerRecord(id, name, address, postcode, city, phone, "", "");
    }

    private static CustomerIndex index(CustomerRecord... records) {
        CustomerIndex index = new CustomerIndex(200);
        for (CustomerRecord c : records) {
            index.add(CustomerNormalizer.normalize(c));
        }
        return index;
    }

    @Test
    void onePersonAtAnOldAndANewAddressHoldsTheirMobileOnce() {
        CustomerIndex erp = index(
                r("E1", "M Maxime Brirevel", "83 r des Visauds", "74330", "Poisy", "+33 (0)6 54 35 42 47"),
                r("E2", "Monsieur BRIREVEL Maxime", "107 Avenue de Cocel", "74000", "Annecy", "0033 6 54 35 42 47"),
                // a slip in the surname, the same mobile: still that person
                r("E3", "BRIREVELL Maxime", "2 rue du Lac", "74000", "Annecy", "06 54 35 42 47"));
        assertThat(erp.count("T|+33654354247")).isEqualTo(1);
        // the full name, though, is counted by address: two records of that exact name at two addresses (the
        // third is spelled Brirevell), two holders
        assertThat(erp.count("M|brirevel|maxime")).isEqualTo(2);
    }

    @Test
    void relativesSharingANumberAreSeveralHolders() {
        CustomerIndex erp = index(
                r("E1", "DUPONT Jean", "4 rue des Lilas", "74000", "Annecy", "04 50 11 22 33"),
                r("E2", "DUPONT Jean fils", "9 rue du Pont", "74000", "Annecy", "04 50 11 22 33"),
                r("E3", "M. et Mme DUPONT", "4 rue des Lilas", "74000", "Annecy", "04 50 11 22 33"),
                r("E4", "DUPONT Julien", "12 rue du Stade", "74000", "Annecy", "04 50 11 22 33"),
                r("E5", "J. DUPONT", "14 rue du Stade", "74000", "Annecy", "04 50 11 22 33"));
        assertThat(erp.count("T|+33450112233")).isEqualTo(5);
    }

    @Test
    void aHolderOfAnotherNameDoesNotMakeTheNumberSharedForAPair() {
        // the Fossagons' landline is also on an unrelated household's record (a slip, a number given up and
        // reassigned): for a Fossagon pair it is held by one family; for the Veyrat household, too
        CustomerIndex erp = index(
                r("E1", "FOSSAGON A.", "12 R DES TENNIS", "74290", "MENTHON-SAINT-BERNARD", "+33 4 50 07 25 40"),
                r("E2", "M. et Mme Veyrat", "57 Route Trocoz", "74410", "Saint-Jorioz", "+33450072540"),
                r("E3", "FOSSAGON Alice", "3 rue du Lac", "74290", "Menthon-Saint-Bernard", "04 50 07 25 40"));
        CustomerName fossagon = NameNormalizer.normalize("Fossagon");
        assertThat(erp.count("T|+33450072540")).as("every holder").isEqualTo(3);
        // a Fossagon pair: the two Fossagon records (one household, two holders), not the Veyrats
        assertThat(erp.holders("T|+33450072540", fossagon, NameNormalizer.normalize("FOSSAGON A."))).isEqualTo(2);
        assertThat(erp.holders("T|+33450072540", NameNormalizer.normalize("Yvette VEYRAT"),
                NameNormalizer.normalize("M. et Mme Veyrat"))).isEqualTo(1);
    }

    @Test
    void aLandlineAlsoOnAnUnrelatedRecordStillFollowsTheHouseholdThatMoved() {
        List<CustomerRecord> erp = List.of(
                r("E1", "FOSSAGON A.", "12 R DES TENNIS", "74290", "MENTHON-SAINT-BERNARD", "+33 4 50 07 25 40"),
                r("E2", "M. et Mme Veyrat", "57 Route Trocoz", "74410", "Saint-Jorioz", "+33450072540"));
        List<CustomerRecord> sage = List.of(
                r("S1", "Fossagon", "1, Chemin du Colonel Noël", "74140", "Sciez", "+33450072540"));
        var matcher = CustomerMatcher.withDefaults();
        var result = matcher.matchSystems(erp, sage);
        assertThat(result.pairs()).extracting(p -> p.a().id() + "/" + p.b().id() + " " + p.decision())
                .containsExactly("E1/S1 REVIEW");
        MatchExplanation e = matcher.explain(result.erp().get(0), result.sage().get(0), result.counts());
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved-landline");
    }

    @Test
    void theSyncRegistryCountsHoldersTheSameWay() {
        // one incoming record against the registry (the customer sync's path), not two whole systems
        var matcher = CustomerMatcher.withDefaults();
        CustomerIndex registry = matcher.newIndex();
        registry.add(CustomerNormalizer.normalize(
                r("E1", "FOSSAGON A.", "12 R DES TENNIS", "74290", "MENTHON-SAINT-BERNARD", "+33 4 50 07 25 40")));
        registry.add(CustomerNormalizer.normalize(
                r("E2", "M. et Mme Veyrat", "57 Route Trocoz", "74410", "Saint-Jorioz", "+33450072540")));
        MatchOutcome outcome = matcher.match(
                r("S1", "Fossagon", "1, Chemin du Colonel Noël", "74140", "Sciez", "+33450072540"), registry);
        assertThat(outcome.decision()).isEqualTo(Decision.REVIEW);
        assertThat(outcome.best().orElseThrow().registryId()).isEqualTo("E1");
        assertThat(outcome.best().orElseThrow().explanation().field("address").orElseThrow().note())
                .isEqualTo("moved-landline");
    }

    @Test
    void theOldRecordOfAMoveTypedTwiceInOneSystemIsFound() {
        // ERP kept the customer's old record and has a new one; Sage has only the new address
        List<CustomerRecord> erp = List.of(
                r("E1", "VELAT XAVIER", "119 FBG DE COHENDEX", "74150", "RUMILLY", "0658454218"),
                r("E2", "Monsieur Xavier Velat", "6 ter Ch. de Paumel", "74000", "Annecy", "0658454218"));
        List<CustomerRecord> sage = List.of(
                r("S1", "MME XAVIER VELAT", "6TER CH. PAUMEL", "74000", "ANNECY", "+33 (0)6 58 45 42 18"));
        List<PairMatch> pairs = CustomerMatcher.withDefaults().matchSystems(erp, sage).pairs();
        // the new record at the same address links; the old one, with the same name and the mobile that only this
        // person holds, is the same customer typed twice (a certain duplicate of E2): it links too
        assertThat(pairs).extracting(p -> p.a().id() + "/" + p.b().id() + " " + p.decision())
                .containsExactlyInAnyOrder("E2/S1 LINK", "E1/S1 LINK");
    }
}
