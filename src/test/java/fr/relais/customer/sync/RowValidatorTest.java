package fr.relais.customer.sync;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorTest {

    private final RowValidator validator = new RowValidator();

    private static SourceRecord row(String name, String postcode, String siret, String country) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("postcode", postcode);
        f.put("siret", siret);
        f.put("country", country);
        return new SourceRecord(SyncSystem.SAGE, "K1", f, null, null, false);
    }

    @Test
    void aGoodRowPasses() {
        assertThat(validator.validate(row("Hôtel du Lac", "74 000", "73282932000074", "France"))).isEmpty();
        assertThat(validator.validate(row("Jean Dupont", "", "", ""))).as("missing postcode and country are allowed").isEmpty();
        assertThat(validator.validate(row("La Poste", "75015", "356000000", "FR"))).as("a SIREN alone").isEmpty();
        assertThat(validator.validate(row("Chalet Suisse", "1204", "", "Suisse"))).as("a foreign postcode").isEmpty();
    }

    @Test
    void badRowsAreRefusedWithTheirReasonsInFrench() {
        assertThat(validator.validate(row("", "74000", "", ""))).containsExactly("nom vide");
        assertThat(validator.validate(row("Lucie Bernard", "740", "", ""))).singleElement().asString()
                .contains("code postal « 740 »").contains("5 chiffres");
        assertThat(validator.validate(row("Garage Alpin", "74000", "12345678901234", ""))).singleElement().asString()
                .contains("SIRET « 12345678901234 » invalide");
        assertThat(validator.validate(row("Anne Girod", "74000", "", "Frnace"))).containsExactly("pays inconnu « Frnace »");
        assertThat(validator.validate(row(" ", "7400", "123", "Frnace"))).hasSize(3);
    }
}
