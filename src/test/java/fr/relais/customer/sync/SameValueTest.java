package fr.relais.customer.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When two values of a shared field are the same for a person (nothing to propagate, no conflict to report). */
class SameValueTest {

    @Test
    void valuesTypedDifferentlyAreTheSame() {
        assertThat(CustomerSync.same("phone", "06 12 34 56 78", "+33612345678")).isTrue();
        assertThat(CustomerSync.same("address1", "12, av. du Lac", "12 avenue du Lac")).isTrue();
        assertThat(CustomerSync.same("address1", "66 FG DE LA GARE", "66 Fbg la Gare")).isTrue();
        assertThat(CustomerSync.same("city", "SAINT-JORIOZ", "St-Jorioz")).isTrue();
        assertThat(CustomerSync.same("postcode", "74 000", "74000")).isTrue();
        assertThat(CustomerSync.same("email", "Jean.Dupont@Example.fr", "jean.dupont@example.fr")).isTrue();
        assertThat(CustomerSync.same("siret", "732 829 320 00074", "73282932000074")).isTrue();
    }

    @Test
    void aSiretIsSentWithoutItsSpaces() {
        assertThat(CustomerSync.toWrite("siret", "732 829 320 00074")).isEqualTo("73282932000074");
        assertThat(CustomerSync.toWrite("siret", "732.829.320")).isEqualTo("732829320");
        assertThat(CustomerSync.toWrite("name", "Dupont  Jean")).isEqualTo("Dupont  Jean");
    }

    @Test
    void realChangesAreNot() {
        assertThat(CustomerSync.same("phone", "06 12 34 56 78", "06 12 34 56 79")).isFalse();
        assertThat(CustomerSync.same("address1", "12 avenue du Lac", "14 avenue du Lac")).isFalse();
        assertThat(CustomerSync.same("address1", "12 rue du Lac", "12 avenue du Lac")).isFalse();
        assertThat(CustomerSync.same("city", "Annecy", "Seynod")).isFalse();
        assertThat(CustomerSync.same("email", "a@example.fr", "b@example.fr")).isFalse();
        assertThat(CustomerSync.same("address2", "", "Bât. B")).isFalse();
    }
}
