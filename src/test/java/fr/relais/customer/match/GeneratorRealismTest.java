package fr.relais.customer.match;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test data look like a French customer base: long-tailed surnames (no small vocabulary repeated
 * thousands of times), many streets per town, and the namesakes coming from the deliberate hard negatives.
 */
class GeneratorRealismTest {

    @Test
    void surnamesAndAddressesAreLongTailedInBothProfiles() {
        for (GeneratorProfile profile : List.of(GeneratorProfile.SAVOIE, GeneratorProfile.HELDOUT)) {
            CustomerDataGenerator.Dataset d = CustomerDataGenerator.generate(5_000, 11L, profile);
            Map<String, Integer> surnames = new HashMap<>();
            Map<String, Set<String>> customersBySurname = new HashMap<>();
            int persons = 0;
            Set<String> streets = new HashSet<>();
            for (CustomerRecord r : d.erp()) {
                NormalizedCustomer c = CustomerNormalizer.normalize(r);
                streets.add(c.address().city() + "|" + c.address().street());
                if (c.name().company() || c.name().surname().isEmpty()) {
                    continue;
                }
                persons++;
                surnames.merge(c.name().surname(), 1, Integer::sum);
                customersBySurname.computeIfAbsent(c.name().surname(), k -> new HashSet<>())
                        .add(d.erpTruth().get(r.id()));
            }
            int top = surnames.values().stream().max(Integer::compare).orElseThrow();
            // the most frequent surname (Martin in France: about 0.35 %) stays well under 1.5 % of the people
            assertThat((double) top / persons).as(profile.name()).isLessThan(0.015);
            // most people bear a surname few others bear: far more distinct surnames than a fixed list
            assertThat((double) surnames.size() / persons).as(profile.name()).isGreaterThan(0.5);
            long sharedByFive = customersBySurname.values().stream().filter(s -> s.size() >= 5).count();
            assertThat((double) sharedByFive / customersBySurname.size()).as(profile.name()).isLessThan(0.05);
            // many streets: more than 1,500 town + street pairs for about 4,000 records
            assertThat(streets.size()).as(profile.name()).isGreaterThan(1500);
        }
    }

    @Test
    void theProfilesKeepDifferentTownsAndStreets() {
        Set<String> savoie = new HashSet<>();
        for (CustomerRecord r : CustomerDataGenerator.generate(3000, 3L, GeneratorProfile.SAVOIE).erp()) {
            savoie.add(CustomerNormalizer.normalize(r).address().postcode());
        }
        for (CustomerRecord r : CustomerDataGenerator.generate(3000, 3L, GeneratorProfile.HELDOUT).erp()) {
            String pc = CustomerNormalizer.normalize(r).address().postcode();
            assertThat(pc.startsWith("74")).as(pc).isFalse();
        }
        assertThat(savoie).allMatch(pc -> pc.isEmpty() || pc.startsWith("74"));
    }
}
