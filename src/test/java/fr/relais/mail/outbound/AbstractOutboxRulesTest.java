package fr.relais.mail.outbound;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.mail.classify.MailText;
import fr.relais.mail.intake.LoopSignals;
import fr.relais.mail.intake.ParsedMail;
import fr.relais.store.TestDatabase;
import fr.relais.ticket.Contact;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketRepository;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.Urgency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of the outbox on a real hub store (H2 and PostgreSQL): which mails a ticket owes, and that they join the caller's transaction. */
abstract class AbstractOutboxRulesTest {

    /** The database the store runs on in this test. */
    protected abstract TestDatabase database();

    private HikariDataSource dataSource;
    private TicketService tickets;
    private OutboundMailStore store;
    private JdbcOutbox outbox;
    private SignedHubMessageIds ids;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T09:15:00Z"));
    private final OutboundProperties settings = new OutboundProperties();

    /** One migrated database per kind for the whole class run, emptied before each test. */
    private static final Map<TestDatabase, HikariDataSource> DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        dataSource = DATABASES.computeIfAbsent(database(), TestDatabase::createMigrated);
        new JdbcTemplate(dataSource).update("DELETE FROM outbound_mail");
        TestDatabase.clean(dataSource);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        tickets = new TicketService(new TicketRepository(dataSource), clock, ZoneId.of("Europe/Paris"));
        store = new OutboundMailStore(new JdbcTemplate(dataSource));
        ids = new SignedHubMessageIds(SigningKey.resolve("test-secret-0123456789abcdef", false, Path.of(".")), "contact@relais.local");
        settings.setAckRateLimit(3);
        OutboundLetters letters = new OutboundLetters(new MailTemplates(), settings, OfficeHours.of(settings), id -> null);
        outbox = new JdbcOutbox(store, tickets::findById, letters, ids, "contact@relais.local", "claire@relais.local",
                List.of("accueil@relais.local"), settings, clock);
    }

    private Ticket ticket(TicketCategory category, Urgency urgency, TicketOrigin origin, String email) {
        return tickets.open(NewTicket.of(category, urgency, origin, null, new Contact("Jean Perrin", email, null),
                "Plus de chauffage", "La chaudière est en panne."), "test");
    }

    static ParsedMail mail(String messageId, String from, String replyTo, List<String> references, LoopSignals loop) {
        return new ParsedMail(messageId, from, "Jean Perrin", replyTo, "<" + from + ">", List.of("contact@relais.local"),
                List.of(), "Plus de chauffage", Instant.parse("2026-12-03T09:00:00Z"),
                references.isEmpty() ? null : references.get(references.size() - 1), references, null, null,
                "Bonjour, la chaudière est en panne.", null, List.of(), loop,
                MailText.of(from, "Plus de chauffage", "Bonjour"), true, List.of());
    }

    static ParsedMail mail(String messageId, String from) {
        return mail(messageId, from, "", List.of(), LoopSignals.none());
    }

    private List<OutboundMail> rows(Ticket t) {
        return store.ofTicket(t.id());
    }

    @Test
    void aNewTicketFromAPersonIsAcknowledgedOnceInFrenchWithItsReference() {
        Ticket t = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "jean.perrin@example.fr");

        assertThat(outbox.owesAcknowledgement(t.id(), mail("m1@example.fr", "jean.perrin@example.fr"), false)).isTrue();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("m1@example.fr", "jean.perrin@example.fr"), false))
                .as("never twice for one ticket").isFalse();

        List<OutboundMail> rows = rows(t);
        assertThat(rows).hasSize(1);
        OutboundMail ack = rows.get(0);
        assertThat(ack.kind()).isEqualTo(OutboundMail.Kind.ACK);
        assertThat(ack.status()).isEqualTo(OutboundMail.Status.OWED);
        assertThat(ack.recipient()).isEqualTo("jean.perrin@example.fr");
        assertThat(ack.subject()).startsWith("[" + t.reference() + "]").contains("dépannage");
        assertThat(ack.bodyText()).contains("Bonjour Jean Perrin,").contains(t.reference());
        assertThat(ack.inReplyTo()).isEqualTo("m1@example.fr");
        assertThat(ack.references()).containsExactly("m1@example.fr");
        assertThat(ids.ticketOf(ack.messageId())).contains(t.reference());
    }

    @Test
    void aJoinedReplyGetsNoAcknowledgement() {
        Ticket t = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "jean.perrin@example.fr");

        assertThat(outbox.owesAcknowledgement(t.id(), mail("m2@example.fr", "jean.perrin@example.fr"), true)).isFalse();
        assertThat(rows(t)).isEmpty();
    }

    @Test
    void aNewTicketInAThreadAlreadyAcknowledgedGetsNone() {
        Ticket first = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "jean.perrin@example.fr");
        Ticket second = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "jean.perrin@example.fr");
        assertThat(outbox.owesAcknowledgement(first.id(), mail("root@example.fr", "jean.perrin@example.fr"), false)).isTrue();

        ParsedMail reply = mail("reply@example.fr", "jean.perrin@example.fr", "", List.of("root@example.fr"), LoopSignals.none());
        assertThat(outbox.owesAcknowledgement(second.id(), reply, false)).isFalse();
        assertThat(rows(second)).isEmpty();
    }

    @Test
    void machinesAndTheHubItselfAreNeverAcknowledged() {
        Ticket t = ticket(TicketCategory.AUTRE, Urgency.NORMAL, TicketOrigin.MAIL, "x@example.fr");
        var autoReply = new LoopSignals(true, false, false, List.of("Auto-Submitted: auto-replied"));
        var bounce = new LoopSignals(false, true, false, List.of("multipart/report"));
        var bulk = new LoopSignals(false, false, true, List.of("List-Id"));

        assertThat(outbox.owesAcknowledgement(t.id(), mail("a@x", "jean@example.fr", "", List.of(), autoReply), false)).isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("b@x", "jean@example.fr", "", List.of(), bounce), false)).isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("c@x", "jean@example.fr", "", List.of(), bulk), false)).isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("d@x", "contact@relais.local"), false)).as("service").isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("e@x", "Claire@Relais.local"), false)).as("assistant").isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("f@x", "accueil@relais.local"), false)).as("alias").isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("g@x", "jean@example.fr", "contact@relais.local", List.of(),
                LoopSignals.none()), false)).as("reply-to the hub").isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("h@x", "no-reply@boutique.fr"), false)).isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("i@x", "MAILER-DAEMON@mx.example.fr"), false)).isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("j@x", ""), false)).as("no address").isFalse();
        assertThat(outbox.owesAcknowledgement(t.id(), mail("k@x", "pas une adresse"), false)).isFalse();
        ParsedMail nullReturnPath = new ParsedMail("l@x", "jean@example.fr", "", "", "<>", List.of(), List.of(), "x",
                null, null, List.of(), null, null, "x", null, List.of(), LoopSignals.none(), MailText.of("", "", ""),
                true, List.of());
        assertThat(outbox.owesAcknowledgement(t.id(), nullReturnPath, false)).isFalse();
        assertThat(outbox.owesAcknowledgement(t.id() + 1000, mail("m@x", "jean@example.fr"), false))
                .as("no ticket (NON_TICKET)").isFalse();
        assertThat(rows(t)).isEmpty();
    }

    @Test
    void suppliersAndUnreadableMailsAreNotAcknowledged() {
        Ticket supplier = ticket(TicketCategory.FOURNISSEUR, Urgency.NORMAL, TicketOrigin.MAIL, "x@grossiste.fr");
        Ticket unreadable = ticket(TicketCategory.ILLISIBLE, Urgency.URGENT, TicketOrigin.MAIL, "y@example.fr");

        assertThat(outbox.owesAcknowledgement(supplier.id(), mail("s@x", "x@grossiste.fr"), false)).isFalse();
        assertThat(outbox.owesAcknowledgement(unreadable.id(), mail("u@x", "y@example.fr"), false)).isFalse();
    }

    @Test
    void theAcknowledgementGoesToReplyTo() {
        Ticket t = ticket(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.MAIL, "jean@example.fr");

        assertThat(outbox.owesAcknowledgement(t.id(), mail("r@x", "jean@example.fr", "Secretariat@Example.fr",
                List.of(), LoopSignals.none()), false)).isTrue();
        assertThat(rows(t).get(0).recipient()).isEqualTo("secretariat@example.fr");
        assertThat(rows(t).get(0).subject()).contains("devis");
    }

    @Test
    void acknowledgementsPerSenderAreRateLimitedWithinTheWindow() {
        for (int i = 0; i < 3; i++) {
            Ticket t = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "flood@example.fr");
            assertThat(outbox.owesAcknowledgement(t.id(), mail("flood" + i + "@x", "flood@example.fr"), false)).isTrue();
        }
        Ticket fourth = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "flood@example.fr");
        assertThat(outbox.owesAcknowledgement(fourth.id(), mail("flood3@x", "flood@example.fr"), false)).isFalse();
        assertThat(outbox.owesAcknowledgement(fourth.id(), mail("flood3@x", "other@example.fr", "flood@example.fr",
                List.of(), LoopSignals.none()), false)).as("same recipient through Reply-To").isFalse();
        Ticket other = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "calm@example.fr");
        assertThat(outbox.owesAcknowledgement(other.id(), mail("calm@x", "calm@example.fr"), false))
                .as("another sender is not limited").isTrue();

        now.set(now.get().plus(Duration.ofMinutes(61)));
        assertThat(outbox.owesAcknowledgement(fourth.id(), mail("flood4@x", "flood@example.fr"), false))
                .as("the window has passed").isTrue();
    }

    @Test
    void claireIsNotifiedOfUrgentTicketsAndOfTicketsNotFromMailOnce() {
        Ticket urgentMail = ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, "a@example.fr");
        Ticket normalMail = ticket(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.MAIL, "b@example.fr");
        Ticket phone = ticket(TicketCategory.RDV, Urgency.NORMAL, TicketOrigin.PHONE, "c@example.fr");

        assertThat(outbox.owesNotification(urgentMail.id())).isTrue();
        assertThat(outbox.owesNotification(urgentMail.id())).as("once").isFalse();
        assertThat(outbox.owesNotification(normalMail.id())).isFalse();
        assertThat(outbox.owesNotification(phone.id())).isTrue();
        assertThat(outbox.owesNotification(999_999)).isFalse();

        OutboundMail notification = rows(phone).get(0);
        assertThat(notification.kind()).isEqualTo(OutboundMail.Kind.NOTIFICATION);
        assertThat(notification.recipient()).isEqualTo("claire@relais.local");
        assertThat(notification.subject()).startsWith("[" + phone.reference() + "]").contains("Rendez-vous");
        assertThat(notification.bodyText()).contains("contact à qualifier").contains("Jean Perrin").contains("téléphone");
        assertThat(rows(urgentMail).get(0).subject()).contains("URGENT");
        assertThat(rows(normalMail)).isEmpty();
    }

    @Test
    void owedMailsBelongToTheCallersTransaction() {
        Ticket t = ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, "jean@example.fr");
        var tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        tx.executeWithoutResult(status -> {
            assertThat(outbox.owesAcknowledgement(t.id(), mail("tx@x", "jean@example.fr"), false)).isTrue();
            assertThat(outbox.owesNotification(t.id())).isTrue();
            status.setRollbackOnly();
        });

        assertThat(rows(t)).as("rolled back with the ticket's transaction").isEmpty();
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT id FROM outbound_mail")).isEmpty();
    }

    @Test
    void theDatabaseRefusesASecondAcknowledgementForATicket() {
        Ticket t = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "jean@example.fr");
        store.owe(t.id(), OutboundMail.Kind.ACK, "jean@example.fr", "jean@example.fr", "root-a", ids.create(t.reference()),
                null, List.of(), "s", "t", null, now.get());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.owe(t.id(), OutboundMail.Kind.ACK,
                        "jean@example.fr", "jean@example.fr", "root-b", ids.create(t.reference()), null, List.of(), "s", "t",
                        null, now.get()))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        Map<String, Object> counts = new JdbcTemplate(dataSource).queryForMap("SELECT COUNT(*) AS n FROM outbound_mail");
        assertThat(((Number) counts.get("n")).intValue()).isEqualTo(1);
    }

    @Test
    void theSchemaGuardsKindsStatusesAndOneAcknowledgementPerThread() {
        Ticket a = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "a@example.fr");
        Ticket b = ticket(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, "a@example.fr");
        var jdbc = new JdbcTemplate(dataSource);
        store.owe(a.id(), OutboundMail.Kind.ACK, "a@example.fr", "a@example.fr", "root@x", ids.create(a.reference()),
                null, List.of(), "s", "t", null, now.get());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.owe(b.id(), OutboundMail.Kind.ACK, "a@example.fr",
                        "a@example.fr", "root@x", ids.create(b.reference()), null, List.of(), "s", "t", null, now.get()))
                .as("same thread").isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("UPDATE outbound_mail SET status = 'LOST'"))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("UPDATE outbound_mail SET kind = 'NOTIFICATION'"))
                .as("a notification has no acknowledgement keys")
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        store.owe(b.id(), OutboundMail.Kind.NOTIFICATION, "contact@relais.local", "claire@relais.local", "ticket:x",
                ids.create(b.reference()), null, List.of(), "s", "t", null, now.get());
        store.owe(b.id(), OutboundMail.Kind.NOTIFICATION, "contact@relais.local", "claire@relais.local", "ticket:x",
                ids.create(b.reference()), null, List.of(), "s", "t", null, now.get());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbound_mail", Integer.class)).isEqualTo(3);
    }

    @Test
    void aClaimIsTakenOnceAndTheStatesFollowEachOther() {
        Ticket t = ticket(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, "a@example.fr");
        long id = store.owe(t.id(), OutboundMail.Kind.NOTIFICATION, "contact@relais.local", "claire@relais.local",
                "ticket:x", ids.create(t.reference()), null, List.of(), "s", "t", null, now.get());

        assertThat(store.due(now.get(), 10)).containsExactly(id);
        assertThat(store.claim(id, now.get())).isTrue();
        assertThat(store.claim(id, now.get())).as("claimed once").isFalse();
        assertThat(store.due(now.get(), 10)).isEmpty();
        store.retryLater(id, now.get().plusSeconds(60), "refused");
        assertThat(store.due(now.get(), 10)).as("not before its time").isEmpty();
        assertThat(store.due(now.get().plusSeconds(61), 10)).containsExactly(id);
        assertThat(store.claim(id, now.get())).isTrue();
        assertThat(store.markInterruptedUncertain("crash")).extracting(OutboundMail::status)
                .containsExactly(OutboundMail.Status.UNCERTAIN);
        assertThat(store.claim(id, now.get())).as("an uncertain mail is not claimed").isFalse();
        assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(2);
        assertThat(store.oweAgain(id, now.get())).isTrue();
        assertThat(store.claim(id, now.get())).isTrue();
        store.markSent(id, now.get());
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(OutboundMail.Status.SENT);
        assertThat(store.oweAgain(id, now.get())).as("a sent mail is never owed again").isFalse();
    }
}
