package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The look-alikes that must not be linked, and the same customer typed differently that must be. */
class HardNegativesTest {

    private final CustomerMatcher matcher = CustomerMatcher.withDefaults();

    private static CustomerRecord r(String id, String name, String address, String postcode, String city, String phone,
                                    String email, String siret) {
        return new CustomerRecord(id, name, address, postcode, city, phone, email, siret);
    }

    private List<PairMatch> match(List<CustomerRecord> erp, List<CustomerRecord> sage) {
        return matcher.matchSystems(erp, sage).pairs();
    }

    private MatchExplanation explain(CustomerRecord a, CustomerRecord b) {
        return matcher.explain(CustomerNormalizer.normalize(a), CustomerNormalizer.normalize(b),
                PairScorer.IdentifierCounts.NONE);
    }

    @Test
    void samePersonTypedDifferentlyIsLinked() {
        var erp = List.of(r("E1", "DUPONT Jean", "12 av. de Genève", "74000", "Annecy", "06 12 34 56 78", "", ""));
        var sage = List.of(r("S1", "M. Jean Dupont", "12 avenue de Geneve", "74 000", "ANNECY",
                "+33 6 12 34 56 78", "jean.dupont@orange.fr", ""));
        assertThat(match(erp, sage)).singleElement().satisfies(p -> {
            assertThat(p.decision()).isEqualTo(Decision.LINK);
            assertThat(p.a().id()).isEqualTo("E1");
            assertThat(p.b().id()).isEqualTo("S1");
        });
    }

    @Test
    void namesakesInTheSameTownAreNotLinked() {
        var erp = List.of(r("E1", "Jean MARTIN", "12 rue des Lilas", "74000", "Annecy", "06 11 22 33 44", "", ""));
        var sage = List.of(r("S1", "MARTIN Jean", "48 chemin du Semnoz", "74000", "Annecy", "06 55 66 77 88", "", ""));
        assertThat(match(erp, sage)).isEmpty();
        MatchExplanation e = explain(erp.get(0), sage.get(0));
        assertThat(e.field("name").orElseThrow().outcome()).isEqualTo(FieldComparison.Outcome.AGREE);
        assertThat(e.field("street").orElseThrow().outcome()).isEqualTo(FieldComparison.Outcome.DISAGREE);
    }

    @Test
    void fatherAndSonAtOneAddressWithOneLandlineAreNotLinked() {
        var sage = List.of(
                r("S1", "DUPONT Jean-Pierre", "5 rue du Lac", "74290", "Talloires", "04 50 60 70 80", "", ""),
                r("S2", "DUPONT Michel", "5 rue du Lac", "74290", "Talloires", "04 50 60 70 80", "", ""));
        var erp = List.of(r("E1", "Jean Dupont", "5 r. du Lac", "74290", "Talloires", "04.50.60.70.80", "", ""));
        assertThat(match(erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
        MatchExplanation e = explain(erp.get(0), sage.get(0));
        assertThat(e.veto()).isTrue();
        assertThat(e.field("given_name").orElseThrow().veto()).isTrue();
        assertThat(e.text()).contains("Prénom").contains("bloque le lien");
    }

    @Test
    void filsAndPereAreKeptApart() {
        var erp = List.of(r("E1", "Jean DUPONT fils", "5 rue du Lac", "74290", "Talloires", "04 50 60 70 80", "", ""));
        var sage = List.of(r("S1", "Jean DUPONT père", "5 rue du Lac", "74290", "Talloires", "04 50 60 70 80", "", ""));
        assertThat(match(erp, sage)).noneMatch(p -> p.decision() == Decision.LINK);
        assertThat(explain(erp.get(0), sage.get(0)).field("suffix").orElseThrow().veto()).isTrue();
    }

    @Test
    void twoCompaniesInOneBuildingAreNotLinked() {
        var erp = List.of(r("E1", "SARL Plomberie Favre", "10 av. d'Albigny", "74000", "Annecy", "04 50 11 11 11", "",
                "732 829 320 00074"));
        var sage = List.of(r("S1", "Cabinet Mermillod SAS", "10 avenue d'Albigny", "74000", "Annecy",
                "04 50 22 22 22", "", "552 100 554 00013"));
        assertThat(match(erp, sage)).isEmpty();
        assertThat(explain(erp.get(0), sage.get(0)).field("siret").orElseThrow().veto()).isTrue();
    }

    @Test
    void differentValidSirenVetoesEvenWithTheSameName() {
        var a = r("E1", "Alpes Chauffage SARL", "3 rue Carnot", "74000", "Annecy", "", "", "732 829 320 00074");
        var b = r("S1", "ALPES CHAUFFAGE", "3 rue Carnot", "74000", "Annecy", "", "", "552 100 554 00013");
        assertThat(match(List.of(a), List.of(b))).noneMatch(p -> p.decision() == Decision.LINK);
    }

    @Test
    void syndicWithManySitesLinksOnlyTheSameSite() {
        String siret = "732 829 320 00074";
        var erp = List.of(
                r("E1", "Syndic Foncier Immobilier", "1 rue des Tilleuls", "74000", "Annecy", "04 50 45 45 45",
                        "gestion@syndic-foncier.fr", siret),
                r("E2", "Syndic Foncier Immobilier", "25 chemin des Crêts", "74600", "Seynod", "04 50 45 45 45",
                        "gestion@syndic-foncier.fr", siret),
                r("E3", "Syndic Foncier Immobilier", "7 place Sainte-Claire", "74000", "Annecy", "04 50 45 45 45",
                        "gestion@syndic-foncier.fr", siret));
        var sage = List.of(
                r("S1", "SYNDIC FONCIER IMMOBILIER SAS", "7 pl. Ste-Claire", "74000", "ANNECY", "0450454545",
                        "GESTION@SYNDIC-FONCIER.FR", "73282932000074"),
                r("S2", "SYNDIC FONCIER IMMOBILIER SAS", "25 ch. des Crets", "74600", "SEYNOD", "0450454545",
                        "gestion@syndic-foncier.fr", "73282932000074"),
                r("S3", "SYNDIC FONCIER IMMOBILIER SAS", "99 route de Thônes", "74000", "ANNECY", "0450454545",
                        "gestion@syndic-foncier.fr", "73282932000074"));
        List<PairMatch> pairs = match(erp, sage);
        assertThat(pairs).filteredOn(p -> p.decision() == Decision.LINK)
                .extracting(p -> p.a().id() + "-" + p.b().id())
                .containsExactlyInAnyOrder("E2-S2", "E3-S1");
        assertThat(pairs).noneMatch(p -> p.a().id().equals("E1") || p.b().id().equals("S3"));
    }

    @Test
    void sharedFamilyEmailDoesNotLinkTwoRelatives() {
        var erp = List.of(r("E1", "Marie FAVRE", "3 rue de la Gare", "74150", "Rumilly", "06 10 20 30 40",
                "famille.favre@orange.fr", ""));
        var sage = List.of(r("S1", "Paul Favre", "18 route de Chambéry", "74540", "Alby-sur-Chéran", "06 90 80 70 60",
                "famille.favre@orange.fr", ""));
        assertThat(match(erp, sage)).isEmpty();
    }

    @Test
    void aSecondCandidateAsGoodAsTheFirstGoesToReview() {
        // the ERP record has no given name: either Sage record could be it
        var erp = List.of(r("E1", "M. et Mme GAILLARD", "4 rue du Stade", "74100", "Annemasse", "", "", ""));
        var sage = List.of(
                r("S1", "Gaillard Pierre", "4 rue du Stade", "74100", "Annemasse", "", "", ""),
                r("S2", "Gaillard Sophie", "4 rue du Stade", "74100", "Annemasse", "", "", ""));
        List<PairMatch> pairs = match(erp, sage);
        assertThat(pairs).isNotEmpty().allMatch(p -> p.decision() == Decision.REVIEW);
    }

    @Test
    void incrementalMatchAgainstARegistry() {
        CustomerIndex registry = matcher.newIndex();
        registry.add(CustomerNormalizer.normalize(r("K1", "Jean Dupont", "12 avenue de Genève", "74000", "Annecy",
                "0612345678", "", "")));
        registry.add(CustomerNormalizer.normalize(r("K2", "Plomberie Favre SARL", "3 rue Carnot", "74000", "Annecy",
                "0450111111", "", "732 829 320 00074")));

        MatchOutcome same = matcher.match(r("X", "DUPONT Jean", "12 av Geneve", "74000", "ANNECY", "+33612345678", "",
                ""), registry);
        assertThat(same.decision()).isEqualTo(Decision.LINK);
        assertThat(same.best().orElseThrow().registryId()).isEqualTo("K1");
        assertThat(same.best().orElseThrow().explanation().fields()).isNotEmpty();

        MatchOutcome company = matcher.match(r("Y", "S.A.R.L. PLOMBERIE FAVRE", "", "", "", "", "",
                "73282932000074"), registry);
        assertThat(company.decision()).isNotEqualTo(Decision.NONE);
        assertThat(company.best().orElseThrow().registryId()).isEqualTo("K2");

        MatchOutcome other = matcher.match(r("Z", "Sophie Bernard", "8 rue des Lilas", "74600", "Seynod", "", "", ""),
                registry);
        assertThat(other.decision()).isEqualTo(Decision.NONE);
        assertThat(other.candidates()).isEmpty();
    }

    @Test
    void duplicatesInsideOneSystem() {
        CustomerIndex erp = matcher.index(List.of(
                r("E1", "Jean Dupont", "12 avenue de Genève", "74000", "Annecy", "0612345678", "", ""),
                r("E2", "DUPONT Jean", "12 av. de Geneve", "74000", "ANNECY", "06 12 34 56 78", "", ""),
                r("E3", "Jean Dupont", "40 route de Thônes", "74000", "Annecy", "0699999999", "", "")));
        List<PairMatch> dups = matcher.duplicates(erp, key -> Math.max(1, erp.count(key)));
        assertThat(dups).singleElement().satisfies(p -> {
            assertThat(p.decision()).isEqualTo(Decision.LINK);
            assertThat(List.of(p.a().id(), p.b().id())).containsExactlyInAnyOrder("E1", "E2");
        });
    }
}
