package fr.relais.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * The two databases the hub store must run on, for tests: an in-memory H2 (the URL style of the demo
 * mode) and a real PostgreSQL 17 (zonky embedded, started once per JVM, one fresh database per call).
 * Both get the real Flyway migrations.
 */
public enum TestDatabase {
    H2,
    POSTGRES;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A new, empty, migrated database with a small connection pool. */
    public HikariDataSource createMigrated() {
        HikariDataSource dataSource = create();
        Flyway.configure().dataSource(dataSource).load().migrate();
        return dataSource;
    }

    /** A new, empty database, not migrated. */
    public HikariDataSource create() {
        String name = "relais_test_" + COUNTER.incrementAndGet();
        var config = new HikariConfig();
        config.setMaximumPoolSize(12);
        config.setPoolName(name);
        if (this == H2) {
            config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
            config.setPassword("");
        } else {
            EmbeddedPostgres pg = postgres();
            execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
            config.setJdbcUrl(pg.getJdbcUrl("postgres", name));
            config.setUsername("postgres");
            config.setPassword("postgres");
        }
        return new HikariDataSource(config);
    }

    /** Empties every table of the hub store (children first), keeping the schema. */
    public static void clean(DataSource dataSource) {
        for (String table : new String[] {"sync_write", "sync_conflict", "sync_review", "sync_rejected", "sync_seen",
                "sync_source_state", "sync_run", "inbound_mail_answer", "inbound_mail_raw", "inbound_mail", "outbound_mail", "sage_account_number",
                "graph_delta_state", "graph_folder", "imap_uid_mark", "ticket_history", "ticket_attachment", "ticket_message", "review_decision",
                "ticket", "ticket_reference_counter", "customer_link", "customer", "audit_log", "processed_item"}) {
            execute(dataSource, "DELETE FROM " + table);
        }
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return postgres;
    }
}
