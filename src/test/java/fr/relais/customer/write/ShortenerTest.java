package fr.relais.customer.write;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShortenerTest {

    private final Shortener shortener = Shortener.french();
    private final Map<String, Integer> sage = SageFields.fieldLengths(ColumnLengths.documented(SageFields.DOCUMENTED_LENGTHS));

    private static Map<String, String> fields(String... kv) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            map.put(kv[k], kv[k + 1]);
        }
        return map;
    }

    @Test
    void valuesThatFitAreWrittenAsTheyAre() {
        var result = shortener.shorten(fields("name", "Dupont Jean", "address1", "12 avenue de Genève", "city", "Saint-Jorioz"), sage);
        assertThat(result.values()).containsEntry("address1", "12 avenue de Genève").containsEntry("city", "Saint-Jorioz");
        assertThat(result.shortened()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void streetTypesAreAbbreviatedOnlyWhenTooLong() {
        var result = shortener.shorten(fields("address1", "145 avenue du Maréchal de Lattre de Tassigny"), sage);
        // 44 characters: "avenue" → "av." (41), "Maréchal" → "Mal" (36), then a cut (no complement given)
        assertThat(result.values().get("address1")).isEqualTo("145 av. du Mal de Lattre");
        assertThat(result.values().get("address1").length()).isLessThanOrEqualTo(35);
        assertThat(result.shortened()).contains("address1");

        var boulevard = shortener.shorten(fields("address1", "8 boulevard du Lycée, Résidence Le Paquier"), sage);
        assertThat(boulevard.values().get("address1")).as("42 characters: boulevard → bd is enough")
                .isEqualTo("8 bd du Lycée, Résidence Le Paquier");
    }

    @Test
    void anAddressTooLongOverflowsIntoTheComplementWhenFree() {
        var result = shortener.shorten(fields("address1",
                "Résidence les Terrasses du Lac bâtiment B escalier 3, 27 chemin des Fins Nord", "address2", ""), sage);
        String first = result.values().get("address1");
        String second = result.values().get("address2");
        assertThat(first.length()).isLessThanOrEqualTo(35);
        assertThat(second.length()).isLessThanOrEqualTo(35);
        assertThat(first).startsWith("rés. les Terrasses du Lac bât. B");
        assertThat(second).contains("27 ch. des Fins Nord");
        assertThat(result.shortened()).containsExactlyInAnyOrder("address1", "address2");
    }

    @Test
    void anAddressTooLongIsNotMovedIntoAComplementTheWriteDoesNotGive() {
        var result = shortener.shorten(fields("address1", "Résidence les Terrasses du Lac bâtiment B escalier 3"), sage);
        assertThat(result.values()).doesNotContainKey("address2");
        assertThat(result.values().get("address1")).hasSizeLessThanOrEqualTo(35).startsWith("rés. les Terrasses du Lac bât. B");
    }

    @Test
    void anAddressTooLongIsCutAtAWordWhenTheComplementIsTaken() {
        var result = shortener.shorten(fields("address1", "Lieu-dit Les Granges du Haut Chemin de la Croix Rouge",
                "address2", "Appartement 12"), sage);
        String first = result.values().get("address1");
        assertThat(first.length()).isLessThanOrEqualTo(35);
        assertThat(first).doesNotEndWith(" ").matches(".*[A-Za-zé.]$");
        assertThat("ld Les Granges du Haut ch. de la Croix Rouge").startsWith(first);
        assertThat(result.values()).containsEntry("address2", "Appartement 12");
    }

    @Test
    void legalFormsAreAbbreviatedInNames() {
        Map<String, Integer> short30 = Map.of("name", 30);
        var sci = shortener.shorten(fields("name", "Société Civile Immobilière des Aravis"), short30);
        assertThat(sci.values().get("name")).isEqualTo("SCI des Aravis");
        var accents = shortener.shorten(fields("name", "SOCIETE CIVILE IMMOBILIERE du Semnoz et du Parmelan"), short30);
        assertThat(accents.values().get("name")).isEqualTo("SCI du Semnoz et du Parmelan");
        var sarl = shortener.shorten(fields("name", "Société à responsabilité limitée Plomberie Chablaisienne"), Map.of("name", 35));
        assertThat(sarl.values().get("name")).isEqualTo("SARL Plomberie Chablaisienne");
    }

    @Test
    void cutsAtAWordBoundary() {
        assertThat(Shortener.cutAtWord("Copropriété Le Bellevue - Régie du Lac", 25)).isEqualTo("Copropriété Le Bellevue");
        assertThat(Shortener.cutAtWord("Anticonstitutionnellement", 10)).as("one long word: hard cut").isEqualTo("Anticonsti");
        assertThat(Shortener.cutAtWord("Le Grand-Bornand Chinaillon", 16)).isEqualTo("Le Grand-Bornand");
        assertThat(Shortener.cutAtWord("145 av. du Mal de Lattre de Tassigny", 35)).as("no dangling 'de'")
                .isEqualTo("145 av. du Mal de Lattre");
    }

    @Test
    void citiesUseSaintAbbreviations() {
        var result = shortener.shorten(fields("city", "Saint-Pierre-en-Faucigny Sainte-Hélène"), Map.of("city", 32));
        assertThat(result.values().get("city")).isEqualTo("St-Pierre-en-Faucigny Ste-Hélène");
    }

    @Test
    void anEmailOrPhoneTooLongIsAProblemNotACut() {
        var result = shortener.shorten(fields("email", "a.very.long.address.that.nobody.should.have@" + "x".repeat(40) + ".fr",
                "phone", "+33 4 50 00 00 00"), sage);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).containsOnlyKeys("email");
    }

    @Test
    void whitespaceIsCollapsed() {
        var result = shortener.shorten(fields("name", "  Dupont \u00A0  Jean "), sage);
        assertThat(result.values()).containsEntry("name", "Dupont Jean");
    }
}
