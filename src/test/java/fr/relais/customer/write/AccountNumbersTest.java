package fr.relais.customer.write;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountNumbersTest {

    private HikariDataSource hub;
    private HikariDataSource sage;

    @BeforeEach
    void databases() {
        hub = TestDatabase.H2.createMigrated();
        sage = SimulatedDatabases.sage();
    }

    @AfterEach
    void close() {
        hub.close();
        sage.close();
    }

    private AccountNumbers numbers(AccountNumbers.Rule rule) {
        return new AccountNumbers(rule, hub, sage, Clock.systemUTC());
    }

    @Test
    void nameRuleTakesTheFirstLettersOfTheNormalisedName() {
        AccountNumbers.Rule rule = AccountNumbers.Rule.defaults();
        assertThat(AccountNumbers.letters("Éric Ça", rule)).isEqualTo("ERICCA");
        assertThat(AccountNumbers.letters("Dupont", rule)).isEqualTo("DUPONT");
        assertThat(AccountNumbers.letters("M. Jean-Luc Dupont", rule)).as("civility skipped").isEqualTo("JEANLU");
        assertThat(AccountNumbers.letters("SARL Œuvres d'Annecy", rule)).isEqualTo("OEUVRE");
        assertThat(AccountNumbers.letters("SCI", rule)).as("a name made only of skipped words keeps them").isEqualTo("SCI");
        assertThat(AccountNumbers.letters("  ", rule)).isEqualTo("X");
        assertThat(numbers(rule).allocate("Éric Ça", "w-1")).isEqualTo("CERICCA");
    }

    @Test
    void collisionsWithSageAndWithTheHubGetACounter() {
        SimulatedDatabases.account(sage, "CDUPONT", "Dupont Jean");
        SimulatedDatabases.account(sage, "CDUPONT01", "Dupont Marie");
        AccountNumbers numbers = numbers(AccountNumbers.Rule.defaults());

        assertThat(numbers.allocate("Dupont Paul", "w-1")).isEqualTo("CDUPONT02");
        assertThat(numbers.allocate("Dupont Pierre", "w-2")).as("the hub's own allocation counts").isEqualTo("CDUPONT03");
        assertThat(numbers.allocate("Dupond", "w-3")).isEqualTo("CDUPOND");
        assertThat(numbers.allocate("Dupont Paul", "w-1")).as("same write, same number").isEqualTo("CDUPONT02");
    }

    @Test
    void aRestartNeverReusesANumberNotYetInSage() {
        assertThat(numbers(AccountNumbers.Rule.defaults()).allocate("Martin", "w-1")).isEqualTo("CMARTIN");
        // a new allocator on the same hub store (a restart); Sage still has no CMARTIN (import file not imported yet)
        assertThat(numbers(AccountNumbers.Rule.defaults()).allocate("Martin", "w-2")).isEqualTo("CMARTIN01");
    }

    @Test
    void numbersAreUpperCaseAlphanumericAndAtMost17Characters() {
        var rule = new AccountNumbers.Rule(AccountNumbers.Rule.Kind.NAME, "CLI", 12, 2, 6, Set.of());
        AccountNumbers numbers = numbers(rule);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < 120; k++) {
            String number = numbers.allocate("Établissements Béchet-Ñuñez & Fils", "w-" + k);
            assertThat(number).matches("[A-Z0-9]{1,17}");
            assertThat(seen.add(number)).as("unique: " + number).isTrue();
        }
        assertThat(seen).contains("CLIETABLISSEMEN", "CLIETABLISSEMEN01", "CLIETABLISSEMEN99", "CLIETABLISSEME100");
    }

    @Test
    void sequenceRuleContinuesAfterTheHighestNumberSeen() {
        SimulatedDatabases.account(sage, "C000041", "Ancien client");
        SimulatedDatabases.account(sage, "CHAMONIX01", "Not a sequence number");
        var rule = new AccountNumbers.Rule(AccountNumbers.Rule.Kind.SEQUENCE, "C", 6, 2, 6, Set.of());
        AccountNumbers numbers = numbers(rule);
        assertThat(numbers.allocate("Anyone", "w-1")).isEqualTo("C000042");
        assertThat(numbers.allocate("Anyone else", "w-2")).isEqualTo("C000043");
    }

    @Test
    void concurrentAllocationsNeverShareANumber() throws Exception {
        AccountNumbers numbers = numbers(AccountNumbers.Rule.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                int n = k;
                futures.add(pool.submit(() -> numbers.allocate("Girard", "w-" + n)));
            }
            Set<String> all = ConcurrentHashMap.newKeySet();
            for (Future<String> f : futures) {
                all.add(f.get());
            }
            assertThat(all).hasSize(20).allMatch(n -> n.startsWith("CGIRARD"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theAllocationTableWorksOnAPostgresHubStore() {
        try (HikariDataSource postgres = TestDatabase.POSTGRES.createMigrated()) {
            SimulatedDatabases.account(sage, "CDUPONT", "Dupont Jean");
            var numbers = new AccountNumbers(AccountNumbers.Rule.defaults(), postgres, sage, Clock.systemUTC());
            assertThat(numbers.allocate("Dupont Paul", "w-1")).isEqualTo("CDUPONT01");
            assertThat(numbers.allocate("Dupont Pierre", "w-2")).isEqualTo("CDUPONT02");
            assertThat(numbers.allocate("Dupont Paul", "w-1")).isEqualTo("CDUPONT01");
        }
    }

    @Test
    void sageUnreadableMeansNoNumber() {
        AccountNumbers numbers = numbers(AccountNumbers.Rule.defaults());
        sage.close();
        assertThatThrownBy(() -> numbers.allocate("Durand", "w-1")).isInstanceOf(AccountNumbers.UnavailableException.class);
    }

    @Test
    void invalidRulesAreRefused() {
        assertThatThrownBy(() -> new AccountNumbers.Rule(AccountNumbers.Rule.Kind.NAME, "c-", 6, 2, 6, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountNumbers.Rule(AccountNumbers.Rule.Kind.NAME, "CLIENT", 10, 2, 6, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
