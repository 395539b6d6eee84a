package fr.relais.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

abstract class AbstractJdbcIdempotentRepositoryTest extends AbstractStoreTest {

    @Test
    void addsAKeyOnceAndSeesItAfterwards() {
        var repo = new JdbcIdempotentRepository(dataSource, "mail-inbound");

        assertThat(repo.contains("<a@example.fr>")).isFalse();
        assertThat(repo.add("<a@example.fr>")).isTrue();
        assertThat(repo.add("<a@example.fr>")).isFalse();
        assertThat(repo.contains("<a@example.fr>")).isTrue();
        assertThat(repo.contains("<b@example.fr>")).isFalse();
    }

    @Test
    void survivesANewInstanceLikeARestart() {
        new JdbcIdempotentRepository(dataSource, "mail-inbound").add("<kept@example.fr>");

        var afterRestart = new JdbcIdempotentRepository(dataSource, "mail-inbound");

        assertThat(afterRestart.add("<kept@example.fr>")).isFalse();
    }

    @Test
    void keepsProcessorsApart() {
        var mail = new JdbcIdempotentRepository(dataSource, "mail-inbound");
        var files = new JdbcIdempotentRepository(dataSource, "quotes-filing");

        assertThat(mail.add("same-key")).isTrue();
        assertThat(files.add("same-key")).isTrue();
        files.clear();

        assertThat(files.contains("same-key")).isFalse();
        assertThat(mail.contains("same-key")).isTrue();
    }

    @Test
    void acceptsKeysLongerThanAnyColumn() {
        var repo = new JdbcIdempotentRepository(dataSource, "graph-inbox");
        String longKey = "AAMkAGI2" + "x".repeat(3000);
        String otherLongKey = "AAMkAGI2" + "x".repeat(2999) + "y";

        assertThat(repo.add(longKey)).isTrue();
        assertThat(repo.add(otherLongKey)).isTrue();
        assertThat(repo.add(longKey)).isFalse();
        String stored = new JdbcTemplate(dataSource).queryForObject(
                "SELECT item_key FROM processed_item WHERE key_sha256 = ?", String.class,
                JdbcIdempotentRepository.hash(longKey));
        assertThat(stored).hasSize(512).startsWith("AAMkAGI2");
    }

    @Test
    void confirmMarksAndRemoveForgets() {
        var repo = new JdbcIdempotentRepository(dataSource, "mail-inbound");
        repo.add("k1");
        repo.add("k2");

        assertThat(repo.isConfirmed("k1")).isFalse();
        assertThat(repo.confirm("k1")).isTrue();
        assertThat(repo.isConfirmed("k1")).isTrue();
        assertThat(repo.confirm("unknown")).isFalse();

        assertThat(repo.remove("k2")).isTrue();
        assertThat(repo.remove("k2")).isFalse();
        assertThat(repo.contains("k2")).isFalse();
        assertThat(repo.add("k2")).as("a removed key (failed exchange) is processed again").isTrue();
    }

    @Test
    void anAbandonedUnconfirmedKeyCanBeTakenOverAfterTheExpiryOnly() {
        var time = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return time.get();
            }
        };
        var repo = new JdbcIdempotentRepository(dataSource, "mail-inbound", clock);
        repo.setUnconfirmedExpiry(Duration.ofMinutes(10));
        repo.add("crashed");
        repo.add("done");
        repo.confirm("done");

        time.set(time.get().plus(Duration.ofMinutes(5)));
        assertThat(repo.add("crashed")).as("still in flight").isFalse();

        time.set(time.get().plus(Duration.ofMinutes(6)));
        assertThat(repo.add("crashed")).as("abandoned: taken over").isTrue();
        assertThat(repo.add("crashed")).as("taken over only once").isFalse();
        assertThat(repo.add("done")).as("a confirmed key is never taken over").isFalse();
    }

    @Test
    void concurrentConsumersAddEachKeyExactlyOnce() throws Exception {
        var repo = new JdbcIdempotentRepository(dataSource, "competing");
        int threads = 8;
        int keys = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> consumer = () -> {
                    start.await();
                    List<String> won = new ArrayList<>();
                    for (int k = 0; k < keys; k++) {
                        if (repo.add("<msg-" + k + "@example.fr>")) {
                            won.add("<msg-" + k + "@example.fr>");
                        }
                    }
                    return won;
                };
                results.add(pool.submit(consumer));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(keys).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDuplicateInsideATransactionDoesNotSpoilIt() {
        var repo = new JdbcIdempotentRepository(dataSource, "mail-inbound");
        repo.add("seen");
        var jdbc = new JdbcTemplate(dataSource);
        var tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        tx.executeWithoutResult(status -> {
            assertThat(repo.add("seen")).isFalse();
            assertThat(repo.add("new-in-tx")).isTrue();
            jdbc.update("INSERT INTO audit_log (occurred_at, target_system, record_type, record_id, reason)"
                    + " VALUES (CURRENT_TIMESTAMP, 'TEST', 'item', 'new-in-tx', 'effect of the item')");
        });

        assertThat(repo.contains("new-in-tx")).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log", Integer.class)).isEqualTo(1);
    }

    @Test
    void aKeyAddedInATransactionThatRollsBackIsNotKept() {
        var repo = new JdbcIdempotentRepository(dataSource, "mail-inbound");
        var tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        tx.executeWithoutResult(status -> {
            assertThat(repo.add("rolled-back")).isTrue();
            status.setRollbackOnly();
        });

        assertThat(repo.contains("rolled-back")).isFalse();
    }
}
