package fr.relais.demo;

import fr.relais.demo.DemoData.ErpCustomer;
import fr.relais.demo.DemoData.RealCustomer;
import fr.relais.demo.DemoData.SageAccount;
import fr.relais.demo.DemoData.SageDocument;
import fr.relais.demo.DemoData.SageLine;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataGeneratorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    private final DemoData data = DemoDataGenerator.generate(DemoDataGenerator.DEFAULT_SEED, TODAY);

    @Test
    void sameSeedAndDayGiveTheSameData() {
        DemoData again = DemoDataGenerator.generate(DemoDataGenerator.DEFAULT_SEED, TODAY);
        assertThat(again).isEqualTo(data);
        DemoData other = DemoDataGenerator.generate(1L, TODAY);
        assertThat(other.erpCustomers()).isNotEqualTo(data.erpCustomers());
    }

    @Test
    void aboutTwoHundredRealCustomersMostlyInBothSystems() {
        assertThat(data.realCustomers()).hasSize(DemoDataGenerator.REAL_CUSTOMERS);
        long both = data.realCustomers().stream().filter(r -> r.notes().contains("both")).count();
        long erpOnly = data.realCustomers().stream().filter(r -> r.notes().contains("erp-only")).count();
        long sageOnly = data.realCustomers().stream().filter(r -> r.notes().contains("sage-only")).count();
        assertThat(both).isBetween(105L, 135L);
        assertThat(erpOnly).isBetween(20L, 60L);
        assertThat(sageOnly).isBetween(15L, 55L);
        assertThat(data.erpCustomers()).hasSizeBetween(150, 200);
        assertThat(data.sageAccounts().stream().filter(a -> a.type() == 0)).hasSizeBetween(140, 190);
        assertThat(data.sageAccounts().stream().filter(a -> a.type() == 1)).hasSize(5);
    }

    @Test
    void groundTruthNamesEveryRecordExactlyOnce() {
        Set<String> erpCodes = data.erpCustomers().stream().map(ErpCustomer::code).collect(Collectors.toSet());
        Set<String> truthCodes = data.realCustomers().stream().flatMap(r -> r.erpCodes().stream()).collect(Collectors.toSet());
        assertThat(truthCodes).isEqualTo(erpCodes);
        assertThat(data.realCustomers().stream().mapToLong(r -> r.erpCodes().size()).sum()).isEqualTo(erpCodes.size());
        Set<String> customerNums = data.sageAccounts().stream().filter(a -> a.type() == 0).map(SageAccount::ctNum)
                .collect(Collectors.toSet());
        Set<String> truthNums = data.realCustomers().stream().flatMap(r -> r.sageNums().stream()).collect(Collectors.toSet());
        assertThat(truthNums).isEqualTo(customerNums);
    }

    @Test
    void theMessOfTwoHandTypedDatabasesIsThere() {
        assertThat(withNote("duplicate-erp")).allMatch(r -> r.erpCodes().size() == 2).hasSize(4);
        assertThat(withNote("duplicate-sage")).allMatch(r -> r.sageNums().size() == 2).hasSize(3);
        assertThat(withNote("namesake")).hasSize(6);
        assertThat(withNote("syndic")).singleElement().satisfies(r -> assertThat(r.erpCodes()).hasSize(3));
        assertThat(data.sageAccounts().stream().filter(a -> a.sommeil() == 1).count()).isBetween(3L, 12L);
        assertThat(data.realCustomers().stream().filter(r -> r.notes().stream().anyMatch(n -> n.startsWith("bad-input"))))
                .hasSize(5);
        // phone formats: spaces, dots, +33, plain digits
        Set<String> phones = data.erpCustomers().stream().map(ErpCustomer::mobile).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        assertThat(phones).anyMatch(p -> p.matches("0\\d( \\d{2}){4}"))
                .anyMatch(p -> p.matches("0\\d{9}"))
                .anyMatch(p -> p.startsWith("+33"))
                .anyMatch(p -> p.matches("0\\d(\\.\\d{2}){4}"));
        // accents on one side, not on the other; abbreviations; civilities; legal forms
        assertThat(data.erpCustomers()).anyMatch(c -> c.name().matches(".*[éèêëàçôûîï].*"));
        assertThat(data.sageAccounts()).anyMatch(a -> a.intitule().equals(a.intitule().toUpperCase()));
        assertThat(data.sageAccounts()).anyMatch(a -> a.adresse().matches("(?i)\\d+,? (av\\.|bd|r\\.|ch\\.|rte|ave) .*"));
        assertThat(data.erpCustomers()).anyMatch(c -> c.name().startsWith("M. ") || c.name().startsWith("Mme "));
        assertThat(data.erpCustomers()).anyMatch(c -> c.name().contains("S.A.R.L.") || c.name().contains("SARL"));
        assertThat(data.sageAccounts()).anyMatch(a -> a.ville().equals("ANNECY LE VIEUX"));
    }

    @Test
    void sageValuesFitSageColumns() {
        for (SageAccount a : data.sageAccounts()) {
            assertThat(a.ctNum()).hasSizeLessThanOrEqualTo(17).matches("[A-Z0-9]+");
            assertThat(a.intitule()).hasSizeLessThanOrEqualTo(69).isNotBlank();
            assertThat(a.adresse()).hasSizeLessThanOrEqualTo(35);
            assertThat(a.complement()).hasSizeLessThanOrEqualTo(35);
            assertThat(a.codePostal()).hasSizeLessThanOrEqualTo(9);
            assertThat(a.ville()).hasSizeLessThanOrEqualTo(35);
            assertThat(a.telephone()).hasSizeLessThanOrEqualTo(21);
            assertThat(a.telecopie()).hasSizeLessThanOrEqualTo(21);
            assertThat(a.email()).hasSizeLessThanOrEqualTo(69);
            assertThat(a.siret()).hasSizeLessThanOrEqualTo(15);
            assertThat(a.cbModification().getSecond()).isZero();
            assertThat(a.cbModification()).isAfterOrEqualTo(a.dateCreate());
        }
        for (SageDocument d : data.sageDocuments()) {
            assertThat(d.piece()).hasSizeLessThanOrEqualTo(13);
            assertThat(d.ref()).hasSizeLessThanOrEqualTo(17);
            assertThat(d.cbModification().getSecond()).isZero();
            for (SageLine l : d.lines()) {
                assertThat(l.design()).hasSizeLessThanOrEqualTo(69);
                assertThat(l.arRef()).hasSizeLessThanOrEqualTo(19);
            }
        }
    }

    @Test
    void quotesAreAcceptedAndTransformedLikeInSage() {
        var quotes = data.sageDocuments().stream().filter(d -> d.type() == 0).toList();
        assertThat(quotes).hasSizeGreaterThan(40);
        assertThat(quotes).anyMatch(q -> q.statut() == 2).anyMatch(q -> q.statut() == 0);
        assertThat(quotes).allMatch(q -> q.piece().startsWith("DE"));
        Set<String> quotePieces = quotes.stream().map(SageDocument::piece).collect(Collectors.toSet());
        var transformed = data.sageDocuments().stream().filter(d -> d.type() != 0)
                .filter(d -> !d.lines().get(0).pieceDE().isEmpty()).toList();
        assertThat(transformed.stream().map(SageDocument::type).collect(Collectors.toSet())).contains(1, 3, 6, 7);
        for (SageDocument d : transformed) {
            String quote = d.lines().get(0).pieceDE();
            assertThat(quote).startsWith("DE");
            // Sage moves the lines: the transformed quote no longer exists as a quote
            assertThat(quotePieces).doesNotContain(quote);
            assertThat(d.lines()).allMatch(l -> l.pieceDE().equals(quote));
        }
        for (SageDocument d : data.sageDocuments()) {
            var sum = d.lines().stream().map(SageLine::montantHT).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            assertThat(d.totalHT()).isEqualByComparingTo(sum);
        }
    }

    @Test
    void jobsAndInterventionsBelongToErpCustomers() {
        Set<String> codes = data.erpCustomers().stream().map(ErpCustomer::code).collect(Collectors.toSet());
        assertThat(data.erpJobs()).hasSizeBetween(120, 300).allMatch(j -> codes.contains(j.customerCode()));
        Set<String> jobs = data.erpJobs().stream().map(j -> j.code()).collect(Collectors.toSet());
        assertThat(data.erpInterventions()).hasSizeGreaterThan(150)
                .allMatch(i -> jobs.contains(i.jobCode()) && codes.contains(i.customerCode()));
        assertThat(data.erpInterventions()).anyMatch(i -> i.type().equals("ENTRETIEN"))
                .anyMatch(i -> i.type().equals("DEPANNAGE"))
                .anyMatch(i -> i.status().equals("PLANIFIEE") && i.finishedAt() == null)
                .anyMatch(i -> i.status().equals("TERMINEE") && i.report() != null && i.finishedAt() != null);
        assertThat(data.erpInterventions()).filteredOn(i -> i.status().equals("TERMINEE"))
                .allMatch(i -> !i.finishedAt().isAfter(TODAY.atTime(7, 0)));
    }

    @Test
    void siretsPassTheLuhnChecksumExceptTheDeliberatelyBadOne() {
        var bad = data.erpCustomers().stream().filter(c -> c.siret() != null)
                .filter(c -> !DemoDataGenerator.luhnValid(c.siret().replace(" ", ""))).toList();
        assertThat(bad).hasSize(1);
        assertThat(data.sageAccounts()).filteredOn(a -> !a.siret().isEmpty())
                .allMatch(a -> DemoDataGenerator.luhnValid(a.siret()) && a.siret().length() == 14);
    }

    @Test
    void biggerDataSetsRepeatTheMessInEveryBlockWithUniqueKeys() {
        DemoData big = DemoDataGenerator.generate(7L, TODAY, 1000);
        assertThat(big.realCustomers()).hasSize(1000);
        assertThat(big.realCustomers().stream().filter(r -> r.notes().contains("duplicate-erp"))).hasSize(20);
        assertThat(big.realCustomers().stream().filter(r -> r.notes().contains("namesake"))).hasSize(30);
        assertThat(big.realCustomers().stream().filter(r -> r.notes().contains("syndic"))).hasSize(1);
        assertThat(big.erpCustomers().stream().map(ErpCustomer::code).distinct().count()).isEqualTo(big.erpCustomers().size());
        assertThat(big.sageAccounts().stream().map(SageAccount::ctNum).distinct().count()).isEqualTo(big.sageAccounts().size());
        assertThat(big.sageAccounts()).allMatch(a -> a.ctNum().length() <= 17 && a.intitule().length() <= 69);
        assertThat(big.erpCustomers()).hasSizeBetween(800, 1000);
    }

    private java.util.List<RealCustomer> withNote(String note) {
        return data.realCustomers().stream().filter(r -> r.notes().contains(note)).toList();
    }
}
