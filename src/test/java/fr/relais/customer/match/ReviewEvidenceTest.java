package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes to REVIEW and what does not: look-alikes that each already found their own counterpart are not asked
 * about; evidence a person would trust (a household's landline kept after a move, a rare name, a typo that moved
 * a word boundary, the same house number and street whatever the town says) is.
 */
class ReviewEvidenceTest {

    private static final CustomerMatcher MATCHER = CustomerMatcher.withDefaults();

    private static CustomerRecord r(String id, String name, String address, String postcode, String city, String phone) {
        return r(id, name, address, postcode, city, phone, "");
    }

    private static CustomerRecord r(String id, String name, String address, String postcode, String city, String phone,
                                    String email) {
        return new CustomerRecord(id, name, address, postcode, city, phone, email, "");
    }

    private static List<PairMatch> match(CustomerMatcher m, List<CustomerRecord> erp, List<CustomerRecord> sage) {
        return m.matchSystems(erp, sage).pairs();
    }

    private static MatchExplanation explain(CustomerMatcher m, List<CustomerRecord> erp, List<CustomerRecord> sage,
                                            String erpId, String sageId) {
        var result = m.matchSystems(erp, sage);
        NormalizedCustomer a = result.erp().get(erp.indexOf(erp.stream().filter(x -> x.id().equals(erpId))
                .findFirst().orElseThrow()));
        NormalizedCustomer b = result.sage().get(sage.indexOf(sage.stream().filter(x -> x.id().equals(sageId))
                .findFirst().orElseThrow()));
        return m.explain(a, b, result.counts());
    }

    private static PairMatch only(List<PairMatch> pairs, String erpId, String sageId) {
        return pairs.stream().filter(p -> p.a().id().equals(erpId) && p.b().id().equals(sageId)).findFirst()
                .orElseThrow(() -> new AssertionError("no pair " + erpId + "/" + sageId + " in " + pairs));
    }

    // ------------------------------------------------------------------ fewer questions

    @Test
    void aHouseholdWhoseTwoMembersAreEachLinkedIsNotAskedAbout() {
        // a couple at one address, each with their own mobile in both systems: two links; "Mme Durand" and
        // "A. Durand" look alike (same surname and address) but each already has its counterpart
        var erp = List.of(
                r("E1", "DURAND Alphonse", "72 Impasse Jules Ferry", "74100", "Annemasse", "06 67 03 92 93"),
                r("E2", "Mme DURAND", "72 Impasse Jules Ferry", "74100", "Annemasse", "06 11 45 78 12"));
        var sage = List.of(
                r("S1", "A. DURAND", "72 imp Jules Ferry", "74100", "Annemasse", "+33 6 67 03 92 93"),
                r("S2", "Marie DURAND", "72 imp. Jules Ferry", "74100", "Annemasse", "0611457812"));
        List<PairMatch> pairs = match(MATCHER, erp, sage);
        assertThat(only(pairs, "E1", "S1").decision()).isEqualTo(Decision.LINK);
        assertThat(only(pairs, "E2", "S2").decision()).isEqualTo(Decision.LINK);
        // the cross pair is a likely pair on its own: it would be a question without the rule
        assertThat(explain(MATCHER, erp, sage, "E2", "S1").score()).isGreaterThanOrEqualTo(0.9);
        assertThat(pairs).as("no question about look-alikes that each found their own").hasSize(2);
    }

    @Test
    void aRecordWhoseLookAlikeIsFreeIsStillAskedAbout() {
        // only one of the two records is linked elsewhere: the other one has no counterpart yet, so the pair
        // may be its counterpart (the same person typed again)
        var erp = List.of(
                r("E1", "DURAND Alphonse", "72 Impasse Jules Ferry", "74100", "Annemasse", "06 67 03 92 93"),
                r("E2", "Mme DURAND", "72 Impasse Jules Ferry", "74100", "Annemasse", "06 11 45 78 12"));
        var sage = List.of(r("S1", "A. DURAND", "72 imp Jules Ferry", "74100", "Annemasse", "+33 6 67 03 92 93"));
        List<PairMatch> pairs = match(MATCHER, erp, sage);
        assertThat(only(pairs, "E1", "S1").decision()).isEqualTo(Decision.LINK);
        assertThat(only(pairs, "E2", "S1").decision()).isEqualTo(Decision.REVIEW);
    }

    // ------------------------------------------------------------------ evidence that survives a move

    @Test
    void aLandlineNoOneElseHoldsFollowsTheHouseholdToReview() {
        var erp = List.of(r("E1", "J. Salley", "1 avenue du Docteur Legrand", "74000", "Annecy", "+33 4 50 27 98 55"));
        var sage = List.of(r("S1", "Julie SALLEY", "58 r des Mugouds", "74000", "Annecy", "04 50 27 98 55"));
        PairMatch p = only(match(MATCHER, erp, sage), "E1", "S1");
        assertThat(p.decision()).isEqualTo(Decision.REVIEW);
        assertThat(p.veto()).as("a landline may be a relative's: never linked automatically").isTrue();
        MatchExplanation e = explain(MATCHER, erp, sage, "E1", "S1");
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved-landline");
        assertThat(e.text()).contains("le foyer a déménagé");
    }

    @Test
    void aLandlineHeldByAnotherRecordTooIsNoProofOfAMove() {
        var erp = List.of(r("E1", "J. Salley", "1 avenue du Docteur Legrand", "74000", "Annecy", "+33 4 50 27 98 55"));
        var sage = List.of(r("S1", "Julie SALLEY", "58 r des Mugouds", "74000", "Annecy", "04 50 27 98 55"),
                r("S2", "Marc SALLEY", "3 rue Royale", "74000", "Annecy", "04 50 27 98 55"));
        assertThat(match(MATCHER, erp, sage)).noneMatch(p -> p.b().id().equals("S1"));
    }

    @Test
    void aFamilyMailboxIsAHouseholdsNotAPersonsProofOfAMove() {
        var erp = List.of(r("E1", "M PERNININ", "84 CH DES LILAS", "74200", "THONON-LES-BAINS", "",
                "famille.perninin@laposte.net"));
        var sage = List.of(r("S1", "LUCAS PERNININ", "57 RTE DES ALPES", "74290", "VEYRIER-DU-LAC", "04 50 72 96 69",
                "famille.perninin@laposte.net"));
        PairMatch p = only(match(MATCHER, erp, sage), "E1", "S1");
        assertThat(p.decision()).as("the family moved, or a relative: Claire decides").isEqualTo(Decision.REVIEW);
        MatchExplanation e = explain(MATCHER, erp, sage, "E1", "S1");
        assertThat(e.field("email").orElseThrow().note()).isEqualTo("household");
        assertThat(e.field("address").orElseThrow().note()).isEqualTo("moved-landline");

        // the same with a mailbox of his own: it follows him, a move is linked
        var own = List.of(r("S1", "LUCAS PERNININ", "57 RTE DES ALPES", "74290", "VEYRIER-DU-LAC", "04 50 72 96 69",
                "lucas.perninin@laposte.net"));
        var erpOwn = List.of(r("E1", "M PERNININ", "84 CH DES LILAS", "74200", "THONON-LES-BAINS", "",
                "lucas.perninin@laposte.net"));
        assertThat(only(match(MATCHER, erpOwn, own), "E1", "S1").decision()).isEqualTo(Decision.LINK);
    }

    @Test
    void aPersonTypedTwiceWithTheirMobileIsNotASyndicsSite() {
        // the same full name and mobile, the person typed twice in Sage (old and new address): a company's
        // "other site" rule does not apply to a person, the pair is asked about
        var erp = List.of(r("E1", "DUPONT Jean-Marc", "1 rue des Alpes", "74000", "Annecy", "06 12 34 56 78"));
        var sage = List.of(r("S1", "Jean-Marc Dupont", "5 chemin des Vignes", "74370", "Pringy", "06 12 34 56 78"),
                r("S2", "Jean-Marc DUPONT", "5 chemin des Vignes", "74370", "Pringy", "+33612345678"));
        MatchExplanation e = explain(MATCHER, erp, sage, "E1", "S1");
        assertThat(e.field("site")).isEmpty();
        assertThat(match(MATCHER, erp, sage)).anyMatch(p -> p.a().id().equals("E1"));
    }

    @Test
    void aCompanysSharedNumberAtAnotherAddressIsStillAnotherSite() {
        var erp = List.of(r("E1", "Syndic Chenevon Immobilier", "35 Chemin Colonel Noel", "74130", "Bonneville",
                "04 50 31 69 70"));
        var sage = List.of(r("S1", "SYNDIC CHENEVON IMMOBILIER", "12 rue du Pont", "74300", "Cluses", "04 50 31 69 70"),
                r("S2", "Syndic Chenevon Immobilier", "8 av. de Genève", "74100", "Annemasse", "0450316970"));
        MatchExplanation e = explain(MATCHER, erp, sage, "E1", "S1");
        assertThat(e.field("site").orElseThrow().note()).isEqualTo("other-site");
        assertThat(match(MATCHER, erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
    }

    // ------------------------------------------------------------------ a typo that moved a word boundary

    @Test
    void aSlipInACompoundGivenNameStillReadsAsTheSameName() {
        var erp = List.of(r("E1", "Jean Pierrre Sivolillon", "98 bd. de Genève", "74450", "Le Grand-Bornand",
                "0753993889"));
        var sage = List.of(r("S1", "Jean-Pierre Sivolillon", "98 Bld de Geneve", "74450", "Le Grand-Bornand",
                "+33 (0)7 53 99 38 89"));
        assertThat(only(match(MATCHER, erp, sage), "E1", "S1").decision()).isEqualTo(Decision.LINK);
        assertThat(explain(MATCHER, erp, sage, "E1", "S1").field("name").orElseThrow().note())
                .isEqualTo("split-typo");
    }

    @Test
    void twoGivenNamesOneLetterApartAreStillTwoPeople() {
        // Anne and Annie: the whole names are one slip apart, but the parser aligned them (the same surname), so
        // the two known given names still disagree and mother and daughter stay apart
        CustomerName anne = NameNormalizer.normalize("FAGIRINOLLET Anne");
        CustomerName annie = NameNormalizer.normalize("Annie FAGIRINOLLET");
        assertThat(PairScorer.slipAcrossSplit(anne, annie)).as("the whole names are one slip apart").isTrue();
        var erp = List.of(r("E1", "FAGIRINOLLET Anne", "47 Route St-Joseph", "74540", "Alby-sur-Cheran", ""));
        var sage = List.of(r("S1", "Annie FAGIRINOLLET", "47 rte. St Joseph", "74540", "Alby-sur-Cheran", ""));
        assertThat(match(MATCHER, erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
        assertThat(explain(MATCHER, erp, sage, "E1", "S1").veto()).isTrue();
    }

    // ------------------------------------------------------------------ blocking

    @Test
    void theSameHouseNumberAndStreetFindACompanyWhateverTheTownSays() {
        // no town on one side, a CEDEX code on the other: no postcode or town key in common
        var erp = List.of(r("E1", "SAS CABINET DUBOIS", "11 AV. VOLLAND", "74930", "", "0683819781"));
        var sage = List.of(r("S1", "Cabinet Dubois (Sas)", "n°11 AV Volland CS 3363", "74909",
                "Reignier-Ésery CEDEX", ""));
        assertThat(match(MATCHER, erp, sage)).anySatisfy(p -> {
            assertThat(p.a().id()).isEqualTo("E1");
            assertThat(p.b().id()).isEqualTo("S1");
        });
    }

    @Test
    void aSurnameSlipWithAnInitialIsFoundByTheInitialKey() {
        var erp = List.of(r("E1", "Madame JACQUOAZ Honorine", "71 ch de Perrey", "74170", "Saint-Gervais-les-Bains",
                ""));
        var sage = List.of(r("S1", "H. JACQUOTAZ", "CH DE PERREY", "74170", "SAINT-GERVAIS-LES-BAINS",
                "04.50.46.09.07"));
        assertThat(only(match(MATCHER, erp, sage), "E1", "S1").decision()).isEqualTo(Decision.REVIEW);
    }

    // ------------------------------------------------------------------ rare names

    @Test
    void aRareSurnameInTheSameTownWithNoAddressOnOneSideIsAskedAbout() {
        // the surname, the postcode and the town agree, the phones differ: just under the review threshold
        var erp = List.of(r("E1", "M. et Mme Gavagaud", "", "74290", "Talloires", "04 50 67 60 61"));
        var sage = List.of(r("S1", "Marie GAVAGAUD", "86 Avenue du Moutand", "74290", "Talloires", "06 51 68 53 95"));
        PairMatch p = only(match(MATCHER, erp, sage), "E1", "S1");
        assertThat(p.decision()).isEqualTo(Decision.REVIEW);
        assertThat(p.veto()).isTrue();
        assertThat(explain(MATCHER, erp, sage, "E1", "S1").text()).contains("porté par ce seul client");
    }

    @Test
    void aSurnameSeveralCustomersCarryIsNotRare() {
        // four customers carry it in the ERP, more than unique-name-surname-holders (3), all in Talloires (in
        // another town each, E1 would still be the only one of the town: see UniqueNameMoveTest)
        var erp = List.of(r("E1", "M. et Mme Gavagaud", "", "74290", "Talloires", "04 50 67 60 61"),
                r("E2", "GAVAGAUD Paul", "3 rue du Lac", "74290", "Talloires", ""),
                r("E3", "GAVAGAUD Luc", "8 rue Royale", "74290", "Talloires", ""),
                r("E4", "GAVAGAUD Lise", "1 quai Perrière", "74290", "Talloires", ""));
        var sage = List.of(r("S1", "Marie GAVAGAUD", "86 Avenue du Moutand", "74290", "Talloires", "06 51 68 53 95"));
        assertThat(match(MATCHER, erp, sage)).noneMatch(p -> p.a().id().equals("E1"));
    }

    @Test
    void aRareCompanyNameWithNoAddressOnOneSideIsAskedAbout() {
        var erp = List.of(r("E1", "Boulangerie Primevaz", "", "", "", "+33450701807"));
        var sage = List.of(r("S1", "Ets. Boulangerie Primevaz SNC", "71 av Blanchard", "74600", "Seynod", ""));
        PairMatch p = only(match(MATCHER, erp, sage), "E1", "S1");
        assertThat(p.decision()).isEqualTo(Decision.REVIEW);
        assertThat(explain(MATCHER, erp, sage, "E1", "S1").text()).contains("nom de société porté par ce seul client");
    }

    @Test
    void theLiftCanBeTurnedOff() {
        CustomerMatcher off = new CustomerMatcher(MatchingConfig.defaults()
                .with(Map.of("weights.rare-surname-review", 0.0)));
        var erp = List.of(r("E1", "Boulangerie Primevaz", "", "", "", "+33450701807"));
        var sage = List.of(r("S1", "Ets. Boulangerie Primevaz SNC", "71 av Blanchard", "74600", "Seynod", ""));
        assertThat(match(off, erp, sage)).isEmpty();
    }
}
