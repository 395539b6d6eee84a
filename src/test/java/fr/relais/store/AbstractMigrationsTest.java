package fr.relais.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

abstract class AbstractMigrationsTest extends AbstractStoreTest {

    @Test
    void migrationsAreAppliedAndValid() {
        Flyway flyway = Flyway.configure().dataSource(dataSource).load();

        assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        flyway.validate();
        assertThat(flyway.migrate().migrationsExecuted).as("nothing left to apply").isZero();
    }

    @Test
    void theRawSourcesOfMailsStoredBeforeV11MoveToTheirOwnTable() {
        try (var older = database().create()) {
            Flyway.configure().dataSource(older).target("10").load().migrate();
            var jdbc = new JdbcTemplate(older);
            byte[] raw = "Subject: Fuite d'eau\r\n\r\nBonjour, \u00e7a fuit.\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            jdbc.update("INSERT INTO inbound_mail (transport, direction, source_id, source_key, raw_mime, size_bytes,"
                    + " received_at, queued_at, status) VALUES ('imap', 'INBOUND', 'a@example.fr', ?, ?, ?,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'TICKET')", "a".repeat(64), raw, raw.length);
            long id = jdbc.queryForObject("SELECT id FROM inbound_mail", Long.class);

            Flyway.configure().dataSource(older).load().migrate();

            assertThat(jdbc.queryForObject("SELECT raw_mime FROM inbound_mail_raw WHERE mail_id = ?", byte[].class, id))
                    .isEqualTo(raw);
            assertThat(jdbc.queryForObject("SELECT status FROM inbound_mail WHERE id = ?", String.class, id))
                    .isEqualTo("TICKET");
            assertThatThrownBy(() -> jdbc.queryForList("SELECT raw_mime FROM inbound_mail"))
                    .as("the column is gone from the mail row").isInstanceOf(org.springframework.jdbc.BadSqlGrammarException.class);
        }
    }

    @Test
    void aSystemRecordBelongsToOneCustomerOnly() {
        var jdbc = new JdbcTemplate(dataSource);
        long first = customer(jdbc, "Dupont Chauffage");
        long second = customer(jdbc, "Dupond Chauffage");
        link(jdbc, first, "SAGE", "CDUPONT");
        link(jdbc, first, "ERP", "C0042");

        assertThatThrownBy(() -> link(jdbc, second, "SAGE", "CDUPONT"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> link(jdbc, second, "QUICKBOOKS", "1"))
                .as("only known systems").isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_link WHERE customer_id = ?", Integer.class,
                first)).isEqualTo(2);
    }

    @Test
    void aReviewQuestionIsAnsweredOnce() {
        var jdbc = new JdbcTemplate(dataSource);
        String insert = "INSERT INTO review_decision (system_a, id_a, system_b, id_b, decision, decided_by, decided_at)"
                + " VALUES ('ERP', 'C0042', 'SAGE', 'CDUPONT', ?, 'claire', CURRENT_TIMESTAMP)";
        jdbc.update(insert, "DIFFERENT");

        assertThatThrownBy(() -> jdbc.update(insert, "SAME")).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO review_decision (system_a, id_a, system_b, id_b, decision,"
                + " decided_by, decided_at) VALUES ('ERP', '1', 'SAGE', '2', 'MAYBE', 'claire', CURRENT_TIMESTAMP)"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void ticketReferencesAndEnumeratedColumnsAreChecked() {
        var jdbc = new JdbcTemplate(dataSource);
        String insert = "INSERT INTO ticket (reference, category, urgency, status, origin, subject, created_at,"
                + " updated_at) VALUES (?, 'SAV', ?, 'NEW', 'MAIL', 'Plus de chauffage', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)";
        jdbc.update(insert, "REL-2026-000001", "URGENT");

        assertThatThrownBy(() -> jdbc.update(insert, "REL-2026-000001", "NORMAL"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update(insert, "REL-2026-000002", "SOON"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    static long customer(JdbcTemplate jdbc, String name) {
        jdbc.update("INSERT INTO customer (display_name, name_normalized, created_at, updated_at)"
                + " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", name, name.toLowerCase());
        return jdbc.queryForObject("SELECT MAX(id) FROM customer", Long.class);
    }

    private static void link(JdbcTemplate jdbc, long customerId, String system, String systemId) {
        jdbc.update("INSERT INTO customer_link (customer_id, source_system, system_id, linked_at, link_method)"
                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP, 'AUTO')", customerId, system, systemId);
    }
}
