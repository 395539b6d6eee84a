package fr.relais.customer.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizersTest {

    // ------------------------------------------------------------------ phones

    @ParameterizedTest
    @ValueSource(strings = {"06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78", "+33612345678",
            "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78", "06-12-34-56-78", " 06 12 34 56 78 "})
    void frenchMobileInEveryFormatGivesOneE164(String raw) {
        assertThat(PhoneNormalizer.toE164(raw)).isEqualTo("+33612345678");
        assertThat(PhoneNormalizer.normalize(raw).get(0).mobile()).isTrue();
    }

    @Test
    void landlineIsNotAMobileAndTwoNumbersInOneFieldAreBothKept() {
        var phones = PhoneNormalizer.normalize("04 50 12 34 56 / 06 12 34 56 78");
        assertThat(phones).extracting(PhoneNormalizer.Phone::e164).containsExactly("+33450123456", "+33612345678");
        assertThat(phones.get(0).mobile()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "n/a", "12 34", "00 00 00 00 00", "06 12 34"})
    void missingOrImpossibleNumbersGiveNothing(String raw) {
        assertThat(PhoneNormalizer.normalize(raw)).isEmpty();
    }

    // ------------------------------------------------------------------ SIRET / SIREN

    @Test
    void siretWithSpacesOrDotsIsCheckedWithLuhn() {
        assertThat(CompanyIds.parse("732 829 320 00074").siret()).isEqualTo("73282932000074");
        assertThat(CompanyIds.parse("732.829.320.000.74").siren()).isEqualTo("732829320");
        assertThat(CompanyIds.parse("73282932000075").siret()).isNull();
        assertThat(CompanyIds.parse("73282932000075").invalidDigits()).isEqualTo("73282932000075");
    }

    @Test
    void sirenAloneAndLaPosteException() {
        CompanyIds.Ids siren = CompanyIds.parse("732 829 320");
        assertThat(siren.siret()).isNull();
        assertThat(siren.siren()).isEqualTo("732829320");
        // La Poste establishments: digit sum multiple of 5 instead of Luhn
        assertThat(CompanyIds.isValidSiret("35600000000048")).isTrue(); // head office: Luhn holds
        assertThat(CompanyIds.isValidSiret("35600000099300")).isTrue(); // Luhn fails, digit sum 35
        assertThat(CompanyIds.isValidSiret("35600000099301")).isFalse();
        assertThat(CompanyIds.parse("").isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ names

    @Test
    void civilitiesAndNameOrder() {
        CustomerName a = NameNormalizer.normalize("M. DUPONT Jean");
        CustomerName b = NameNormalizer.normalize("Monsieur Jean Dupont");
        CustomerName c = NameNormalizer.normalize("Mme Jean DUPONT");
        for (CustomerName n : new CustomerName[] {a, b, c}) {
            assertThat(n.company()).isFalse();
            assertThat(n.given()).isEqualTo("jean");
            assertThat(n.surname()).isEqualTo("dupont");
        }
    }

    @Test
    void accentsCaseAndCoupleCivility() {
        CustomerName n = NameNormalizer.normalize("M. et Mme LEFÈVRE");
        assertThat(n.couple()).isTrue();
        assertThat(n.given()).isEmpty();
        assertThat(n.surname()).isEqualTo("lefevre");
        assertThat(NameNormalizer.normalize("Hélène Cœur").surname()).isEqualTo("coeur");
    }

    @Test
    void compoundGivenNamesWithOrWithoutHyphen() {
        assertThat(NameNormalizer.normalize("Jean-Pierre MARTIN").given()).isEqualTo("jeanpierre");
        assertThat(NameNormalizer.normalize("Jean Pierre Martin").given()).isEqualTo("jeanpierre");
        CustomerName mf = NameNormalizer.normalize("MARIE FRANCE PASQERARD");
        assertThat(mf.given()).isEqualTo("mariefrance");
        assertThat(mf.surname()).isEqualTo("pasqerard");
        assertThat(NameNormalizer.normalize("MARTIN Jean-Pierre").surname()).isEqualTo("martin");
    }

    @Test
    void particlesAreGluedSoSpacingDoesNotMatter() {
        assertThat(NameNormalizer.normalize("Yann LE GALL").surname()).isEqualTo("legall");
        assertThat(NameNormalizer.normalize("Yann Legall").surname()).isEqualTo("legall");
        assertThat(NameNormalizer.normalize("Jean de la Fontaine").surname()).isEqualTo("delafontaine");
    }

    @Test
    void aFamilyBusinessAndABuildingTradeAreCompanies() {
        CustomerName fils = NameNormalizer.normalize("DUBOIS ET FILS");
        assertThat(fils.company()).isTrue();
        assertThat(fils.suffix()).as("not Dubois junior").isEmpty();
        assertThat(fils.joined()).isEqualTo(NameNormalizer.normalize("Ets. Dubois et Fils (SCI)").joined());
        assertThat(NameNormalizer.normalize("Martin & Fils").company()).isTrue();
        assertThat(NameNormalizer.normalize("Favre Frères").company()).isTrue();
        assertThat(NameNormalizer.normalize("Roux et Cie").company()).isTrue();
        assertThat(NameNormalizer.normalize("Maçonnerie Laurolier Pasqey").company()).isTrue();
        assertThat(NameNormalizer.normalize("Peinture des Aravis").company()).isTrue();
        // a son is still a person, and so is a couple; a trade's name is also a surname
        assertThat(NameNormalizer.normalize("DUBOIS Jean fils").company()).isFalse();
        assertThat(NameNormalizer.normalize("DUBOIS Jean fils").suffix()).isEqualTo("jr");
        assertThat(NameNormalizer.normalize("M. & Mme Dubois").company()).isFalse();
        assertThat(NameNormalizer.normalize("Paul Charpentier").company()).isFalse();
    }

    @Test
    void anElidedParticleIsGluedButASingleLetterIsAnInitial() {
        assertThat(NameNormalizer.normalize("Marc L'Hermite").surname()).isEqualTo("lhermite");
        assertThat(NameNormalizer.normalize("Jeanne D’Arc").surname()).isEqualTo("darc");
        CustomerName initialL = NameNormalizer.normalize("L. Michel");
        assertThat(initialL.surname()).isEqualTo("michel");
        assertThat(initialL.given()).isEqualTo("l");
        CustomerName initialD = NameNormalizer.normalize("M. D. CHAPELEX");
        assertThat(initialD.surname()).isEqualTo("chapelex");
        assertThat(initialD.given()).isEqualTo("d");
        assertThat(NameNormalizer.normalize("D Braudey").surname()).isEqualTo("braudey");
    }

    @Test
    void generationMarks() {
        assertThat(NameNormalizer.normalize("DUPONT Jean fils").suffix()).isEqualTo("jr");
        assertThat(NameNormalizer.normalize("Jean Dupont Jr").suffix()).isEqualTo("jr");
        assertThat(NameNormalizer.normalize("Jean Dupont père").suffix()).isEqualTo("sr");
        assertThat(NameNormalizer.normalize("Jean Dupont").suffix()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SARL Plomberie Favre", "Plomberie Favre S.A.R.L.", "PLOMBERIE FAVRE sarl",
            "Plomberie Favre (SARL)", "Ets Plomberie Favre", "Établissements PLOMBERIE FAVRE"})
    void legalFormsAndCompanyWordsAreDropped(String raw) {
        CustomerName n = NameNormalizer.normalize(raw);
        assertThat(n.company()).isTrue();
        assertThat(n.tokens()).containsExactly("plomberie", "favre");
    }

    @Test
    void legalFormIsKeptAsAField() {
        assertThat(NameNormalizer.normalize("S.A.S. Alpes Chauffage").legalForm()).isEqualTo("sas");
        assertThat(NameNormalizer.normalize("SCI Les Tilleuls").legalForm()).isEqualTo("sci");
        assertThat(NameNormalizer.normalize("EURL Dunand").company()).isTrue();
    }

    // ------------------------------------------------------------------ addresses

    @Test
    void streetTypeAbbreviations() {
        String[][] same = {
                {"12 av. de Genève", "12 avenue de Genève"},
                {"3 bd Carnot", "3 Boulevard Carnot"},
                {"5 r. des Lilas", "5 rue des Lilas"},
                {"8 ch. du Crêt du Maure", "8 chemin du Crêt du Maure"},
                {"2 imp. des Vignes", "2 impasse des Vignes"},
                {"40 rte de Thônes", "40 route de Thones"},
                {"1 pl. St-François", "1 place Saint François"}};
        for (String[] p : same) {
            CustomerAddress a = AddressNormalizer.normalize(p[0], "74000", "Annecy");
            CustomerAddress b = AddressNormalizer.normalize(p[1], "74000", "Annecy");
            assertThat(a.streetType()).as(p[0]).isEqualTo(b.streetType());
            assertThat(a.street()).as(p[0]).isEqualTo(b.street());
            assertThat(a.number()).as(p[0]).isEqualTo(b.number());
        }
    }

    @Test
    void numbersWithBisAndComplementsAndCedex() {
        assertThat(AddressNormalizer.normalize("12 bis rue de la Paix", "", "").number()).isEqualTo("12b");
        assertThat(AddressNormalizer.normalize("12B rue de la Paix", "", "").number()).isEqualTo("12b");
        assertThat(AddressNormalizer.normalize("n°12 rue de la Paix", "", "").number()).isEqualTo("12");
        CustomerAddress c = AddressNormalizer.normalize("2e étage, 117 av. du Mont-Blanc", "74 000", "ANNECY CEDEX 9");
        assertThat(c.number()).isEqualTo("117");
        assertThat(c.street()).isEqualTo("mont blanc");
        assertThat(c.postcode()).isEqualTo("74000");
        assertThat(c.city()).isEqualTo("annecy");
        assertThat(c.cedex()).isTrue();
        CustomerAddress bp = AddressNormalizer.normalize("45 bd du Maréchal Leclerc B.P. 4461", "74907", "Meythet");
        assertThat(bp.street()).isEqualTo("marechal leclerc");
        assertThat(AddressNormalizer.normalize("44, quai de la République", "", "").number()).isEqualTo("44");
        assertThat(AddressNormalizer.normalize("", "", "St-Julien-en-Genevois").city())
                .isEqualTo("saint julien en genevois");
    }

    @Test
    void missingFieldsGiveEmptyValues() {
        CustomerAddress a = AddressNormalizer.normalize("", "", "");
        assertThat(a.hasStreet()).isFalse();
        assertThat(a.postcode()).isEmpty();
        assertThat(NameNormalizer.normalize("").isEmpty()).isTrue();
        assertThat(CustomerNormalizer.normalizeEmail("pas un mail")).isEmpty();
        assertThat(CustomerNormalizer.normalizeEmail(" Jean.Dupont@Orange.FR ")).isEqualTo("jean.dupont@orange.fr");
    }

    @Test
    void fastJaroWinklerAgreesWithCommonsText() {
        // textbook values (Winkler 1990)
        assertThat(JaroWinkler.similarity("martha", "marhta")).isCloseTo(0.9611, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(JaroWinkler.similarity("dwayne", "duane")).isCloseTo(0.84, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(JaroWinkler.similarity("dixon", "dicksonx")).isCloseTo(0.8133, org.assertj.core.data.Offset.offset(1e-4));
        var reference = new org.apache.commons.text.similarity.JaroWinklerSimilarity();
        String[] words = {"martin", "martine", "dupont", "dupond", "fontaine", "fotaine", "jean", "jeanpierre",
                "guillaume", "guillauem", "chemin vignes", "chemin dgs vignes", "a", "ab", "crets", "crest",
                "mermillod", "mermilod", "legall", "le gall", "saint julien", "st julien", "",
                // around the 64 characters where the bit-mask version hands over to the array one
                "syndic de copropriete residence les jardins du lac d annecy sarl", // 64
                "syndic de copropriete residence les jardins du lac d annecy sarll", // 65
                "syndic de copropriete residence les jardins du lac dannecy sarl",
                "syndic de copropriete residence les jardins du lac d annecy sarl s"};
        for (String x : words) {
            for (String y : words) {
                double ours = JaroWinkler.similarity(x, y);
                double ref = reference.apply(x, y);
                if (ref >= 0.8 || ours >= 0.8) {
                    // the range the engine's thresholds live in: same values
                    assertThat(ours).as(x + "/" + y).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-9));
                } else {
                    // below, both say "different" (they count matching characters slightly differently)
                    assertThat(ours).as(x + "/" + y).isLessThan(0.8);
                }
            }
        }
    }

    @Test
    void jaroWinklerUpperBoundNeverUnderestimates() {
        // the scorer skips the exact similarity when this bound is below the lowest threshold: it must never
        // be below the exact value, and from the floor up the exact value is returned
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        String letters = "aeioubcdlmnrst ";
        for (int n = 0; n < 20_000; n++) {
            String a = randomWord(rnd, letters, 1 + rnd.nextInt(30));
            String b = rnd.nextBoolean() ? randomWord(rnd, letters, 1 + rnd.nextInt(30)) : mutate(rnd, a);
            double exact = JaroWinkler.similarity(a, b);
            assertThat(JaroWinkler.upperBound(a, b)).as(a + "/" + b).isGreaterThanOrEqualTo(exact - 1e-12);
            double floored = JaroWinkler.similarity(a, b, 0.8);
            if (exact >= 0.8) {
                assertThat(floored).as(a + "/" + b).isEqualTo(exact);
            } else {
                assertThat(floored).as(a + "/" + b).isLessThan(0.8);
            }
        }
        assertThat(JaroWinkler.similarity("plomberie favre", "garage des alpes", 0.8)).isLessThan(0.8);
        assertThat(JaroWinkler.similarity("plomberie favre", "plomberie fabre", 0.8))
                .isEqualTo(JaroWinkler.similarity("plomberie favre", "plomberie fabre"));
    }

    private static String randomWord(java.util.SplittableRandom rnd, String letters, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(letters.charAt(rnd.nextInt(letters.length())));
        }
        return b.toString();
    }

    private static String mutate(java.util.SplittableRandom rnd, String a) {
        StringBuilder b = new StringBuilder(a);
        int i = rnd.nextInt(b.length());
        switch (rnd.nextInt(3)) {
            case 0 -> b.deleteCharAt(i);
            case 1 -> b.insert(i, 'x');
            default -> b.setCharAt(i, 'z');
        }
        return b.isEmpty() ? "q" : b.toString();
    }
}
