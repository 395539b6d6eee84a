package fr.relais.mail.outbound;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.demo.SimulatedErp;
import fr.relais.erp.ErpProperties;
import fr.relais.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Claire's customer card from the hub store (registry, links, tickets) and the ERP's open jobs (simulated schema). */
class CustomerCardsTest {

    private HikariDataSource hub;
    private HikariDataSource erp;
    private final ErpProperties names = new ErpProperties();
    private JdbcTemplate hubJdbc;

    @BeforeEach
    void setUp() throws Exception {
        hub = TestDatabase.H2.createMigrated();
        hubJdbc = new JdbcTemplate(hub);
        erp = new HikariDataSource();
        erp.setJdbcUrl("jdbc:h2:mem:erp-card-" + System.nanoTime() + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false;DB_CLOSE_DELAY=-1");
        erp.setUsername("sa");
        try (Connection c = erp.getConnection()) {
            SimulatedErp.createSchema(c, names);
        }
        var erpJdbc = new JdbcTemplate(erp);
        String insert = "INSERT INTO \"CHANTIER\" (\"CHA_CODE\", \"CHA_CLIENT\", \"CHA_LIBELLE\", \"CHA_VILLE\", \"CHA_STATUT\","
                + " \"CHA_DATE_DEBUT\") VALUES (?, ?, ?, 'Annecy', ?, ?)";
        erpJdbc.update(insert, "CH1", "C0042", "Remplacement chaudière", "EN_COURS", LocalDate.of(2026, 11, 2));
        erpJdbc.update(insert, "CH2", "C0042", "Salle de bains", "TERMINE", LocalDate.of(2025, 3, 1));
        erpJdbc.update(insert, "CH3", "C0099", "Autre client", "EN_COURS", LocalDate.of(2026, 10, 1));
        erpJdbc.update(insert, "CH4", "C0042", "Pompe à chaleur", "PREVU", LocalDate.of(2027, 1, 15));
    }

    @AfterEach
    void tearDown() {
        hub.close();
        erp.close();
    }

    private long customer() {
        hubJdbc.update("INSERT INTO customer (display_name, address_line1, postcode, city, email, phone_e164, mobile_e164,"
                + " created_at, updated_at) VALUES ('Dupont Chauffage', '12 rue des Alpes', '74000', 'Annecy',"
                + " 'dupont@example.fr', '+33450000001', '+33612345678', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        long id = hubJdbc.queryForObject("SELECT MAX(id) FROM customer", Long.class);
        hubJdbc.update("INSERT INTO customer_link (customer_id, source_system, system_id, linked_at, link_method)"
                + " VALUES (?, 'ERP', 'C0042', CURRENT_TIMESTAMP, 'AUTO')", id);
        hubJdbc.update("INSERT INTO customer_link (customer_id, source_system, system_id, linked_at, link_method)"
                + " VALUES (?, 'SAGE', 'CDUPONT', CURRENT_TIMESTAMP, 'AUTO')", id);
        for (int i = 1; i <= 7; i++) {
            hubJdbc.update("INSERT INTO ticket (reference, category, urgency, status, origin, customer_id, subject,"
                    + " created_at, updated_at) VALUES (?, 'SAV', 'NORMAL', 'RESOLVED', 'MAIL', ?, ?, ?, ?)",
                    "REL-2026-00000" + i, id, "Ticket " + i, java.sql.Timestamp.valueOf("2026-11-0" + i + " 10:00:00"),
                    java.sql.Timestamp.valueOf("2026-11-0" + i + " 10:00:00"));
        }
        return id;
    }

    @Test
    void theCardHasTheCodesPhonesOpenJobsAndLastFiveTickets() {
        long id = customer();
        long current = hubJdbc.queryForObject("SELECT id FROM ticket WHERE reference = 'REL-2026-000007'", Long.class);
        var cards = new CustomerCards(hubJdbc, erp, names, List.of("PREVU", "EN_COURS"), 5, Duration.ofSeconds(2));

        CustomerCards.Card card = cards.card(id, current);

        assertThat(card.name()).isEqualTo("Dupont Chauffage");
        assertThat(card.address()).isEqualTo("12 rue des Alpes, 74000 Annecy");
        assertThat(card.erpCodes()).containsExactly("C0042");
        assertThat(card.sageCodes()).containsExactly("CDUPONT");
        assertThat(card.phones()).containsExactly("+33450000001", "+33612345678");
        assertThat(card.openJobs()).extracting(CustomerCards.Job::code).containsExactly("CH4", "CH1");
        assertThat(card.erpProblem()).isNull();
        assertThat(card.recentTickets()).extracting(CustomerCards.PastTicket::reference)
                .as("the last five, newest first, not the ticket itself")
                .containsExactly("REL-2026-000006", "REL-2026-000005", "REL-2026-000004", "REL-2026-000003", "REL-2026-000002");
    }

    @Test
    void anErpThatDoesNotAnswerIsSaidNotFatal() {
        long id = customer();
        erp.close();
        var cards = new CustomerCards(hubJdbc, erp, names, List.of("PREVU", "EN_COURS"), 5, Duration.ofSeconds(1));

        CustomerCards.Card card = cards.card(id, -1);

        assertThat(card.openJobs()).isEmpty();
        assertThat(card.erpProblem()).isNotBlank();
        assertThat(card.erpCodes()).containsExactly("C0042");
        assertThat(cards.card(id, -1).erpProblem()).as("not asked again at once").contains("not asked again");
        assertThat(cards.card(id + 1000, -1)).as("no such customer").isNull();
    }
}
