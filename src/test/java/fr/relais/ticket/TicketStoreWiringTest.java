package fr.relais.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.store.AuditLog;
import fr.relais.store.AuditWrite;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The store's beans as Spring Boot wires them: the hub's own DataSource (an H2 URL of the same style as the
 * demo mode), the migrations found and run by Boot's Flyway auto-configuration from {@code db/migration}.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:wiring;DB_CLOSE_DELAY=-1")
@Import({TicketRepository.class, TicketService.class, AuditLog.class})
class TicketStoreWiringTest {

    @Autowired
    private TicketService tickets;

    @Autowired
    private AuditLog auditLog;

    @Test
    void theStoreRunsOnTheMigratedHubDatabase() {
        Ticket t = tickets.open(NewTicket.of(TicketCategory.ILLISIBLE, Urgency.NORMAL, TicketOrigin.MAIL, null,
                new Contact(null, "x@example.fr", null), "Courriel illisible", null), null);
        long audit = auditLog.record(new AuditWrite("OUTLOOK", "mail", "AAMk1", "folder", "Inbox", "Relais/SAV",
                "classified SAV", t.reference()));

        assertThat(TicketService.isReference(t.reference())).isTrue();
        assertThat(tickets.history(t.id())).extracting(TicketHistoryEntry::actor).containsExactly("system");
        assertThat(auditLog.findByCorrelationId(t.reference())).extracting(e -> e.id()).containsExactly(audit);
    }
}
