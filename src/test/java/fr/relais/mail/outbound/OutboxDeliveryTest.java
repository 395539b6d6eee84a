package fr.relais.mail.outbound;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.MailboxActions;
import fr.relais.mail.transport.OutgoingMail;
import fr.relais.store.TestDatabase;
import fr.relais.ticket.Contact;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketRepository;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.Urgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The steps of the route mail-outbound on a real (H2) store: claim, send, sent; refusals, back-off, FAILED. */
class OutboxDeliveryTest {

    private HikariDataSource dataSource;
    private OutboundMailStore store;
    private TicketService tickets;
    private SignedHubMessageIds ids;
    private final OutboundProperties settings = new OutboundProperties();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T09:15:00Z"));
    private final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private Clock clock;

    private final Mailbox mailbox = new Mailbox() {
        @Override
        public String transport() {
            return "imap";
        }

        @Override
        public void file(String sourceId, MailboxActions actions) {
        }

        @Override
        public void send(OutgoingMail mail) {
            if (refusing.get()) {
                throw new IllegalStateException("451 4.3.0 try again later");
            }
            sent.add(mail);
        }
    };

    @BeforeEach
    void setUp() {
        dataSource = TestDatabase.H2.createMigrated();
        clock = new Clock() {
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
        store = new OutboundMailStore(new JdbcTemplate(dataSource));
        tickets = new TicketService(new TicketRepository(dataSource), clock, ZoneId.of("Europe/Paris"));
        ids = new SignedHubMessageIds(SigningKey.resolve("test-secret-0123456789abcdef", false, Path.of(".")), "contact@relais.local");
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    private OutboxDelivery delivery(Mailbox box) {
        var beans = new StaticListableBeanFactory(box == null ? Map.of() : Map.of("mailbox", box));
        ObjectProvider<Mailbox> provider = beans.getBeanProvider(Mailbox.class);
        return new OutboxDelivery(store, provider, "contact@relais.local", settings, clock, id -> "REL-#" + id);
    }

    private long owedAck() {
        Ticket t = tickets.open(NewTicket.of(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.MAIL, null,
                new Contact("Jean", "jean@example.fr", null), "Panne", "x"), "test");
        return store.owe(t.id(), OutboundMail.Kind.ACK, "jean@example.fr", "jean@example.fr", "root@example.fr",
                ids.create(t.reference()), "m1@example.fr", List.of("root@example.fr", "m1@example.fr"),
                "[" + t.reference() + "] Accusé", "texte", "<p>html</p>", now.get());
    }

    /** One poll of the route: due → claim → send (refused → refused) → sent. */
    private void poll(OutboxDelivery delivery) {
        for (Long id : delivery.due()) {
            OutboxDelivery.Claimed claimed = delivery.claim(id);
            if (claimed == null) {
                continue;
            }
            OutboxDelivery.Claimed ok;
            try {
                ok = delivery.send(claimed);
            } catch (RuntimeException e) {
                ok = delivery.refused(claimed, e);
            }
            if (ok != null) {
                delivery.sent(ok);
            }
        }
    }

    @Test
    void anOwedAcknowledgementLeavesOnceWithTheAutoReplyHeaders() {
        long id = owedAck();
        OutboxDelivery delivery = delivery(mailbox);

        poll(delivery);
        poll(delivery);

        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo("contact@relais.local");
            assertThat(m.to()).containsExactly("jean@example.fr");
            assertThat(m.headers()).containsEntry("Auto-Submitted", "auto-replied").containsEntry("X-Auto-Response-Suppress", "All");
            assertThat(m.inReplyTo()).isEqualTo("m1@example.fr");
            assertThat(m.references()).containsExactly("root@example.fr", "m1@example.fr");
            assertThat(m.html()).isEqualTo("<p>html</p>");
            assertThat(ids.ticketOf(m.messageId())).isPresent();
        });
        OutboundMail row = store.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(OutboundMail.Status.SENT);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.sentAt()).isEqualTo(now.get());
    }

    @Test
    void aRefusalIsRetriedWithGrowingBackOffThenFailed() {
        long id = owedAck();
        OutboxDelivery delivery = delivery(mailbox);
        refusing.set(true);

        poll(delivery);
        OutboundMail first = store.find(id).orElseThrow();
        assertThat(first.status()).isEqualTo(OutboundMail.Status.OWED);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("451 4.3.0");
        assertThat(first.nextAttemptAt()).isEqualTo(now.get().plusSeconds(30));
        poll(delivery);
        assertThat(store.find(id).orElseThrow().attempts()).as("not before its time").isEqualTo(1);

        Duration[] expected = {Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240)};
        for (Duration backOff : expected) {
            now.set(store.find(id).orElseThrow().nextAttemptAt());
            poll(delivery);
            assertThat(store.find(id).orElseThrow().nextAttemptAt()).isEqualTo(now.get().plus(backOff));
        }
        now.set(store.find(id).orElseThrow().nextAttemptAt());
        poll(delivery);

        OutboundMail failed = store.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(OutboundMail.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(store.withStatus(List.of(OutboundMail.Status.FAILED), 10)).extracting(OutboundMail::id).contains(id);
        refusing.set(false);
        now.set(now.get().plus(Duration.ofDays(1)));
        poll(delivery);
        assertThat(sent).as("a FAILED mail waits for a person").isEmpty();
    }

    @Test
    void theBackOffIsCapped() {
        settings.setMaxRetryDelay(Duration.ofMinutes(5));
        OutboxDelivery delivery = delivery(mailbox);

        assertThat(delivery.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delivery.retryDelay(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(delivery.retryDelay(10)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void withoutAMailboxOwedMailsWait() {
        long id = owedAck();
        OutboxDelivery delivery = delivery(null);

        assertThat(delivery.due()).isEmpty();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(OutboundMail.Status.OWED);
        assertThatThrownBy(() -> delivery.send(new OutboxDelivery.Claimed(id, "x", OutboundMail.Kind.ACK, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Mailbox");
    }

    @Test
    void atStartARowLeftSendingBecomesUncertainBeforeAnyClaim() {
        long id = owedAck();
        assertThat(store.claim(id, now.get())).isTrue(); // the previous run died here, during the send
        OutboxDelivery delivery = delivery(mailbox);

        delivery.afterSingletonsInstantiated();
        poll(delivery);

        assertThat(store.find(id).orElseThrow().status()).isEqualTo(OutboundMail.Status.UNCERTAIN);
        assertThat(store.find(id).orElseThrow().lastError()).contains("may or may not have left");
        assertThat(sent).isEmpty();
    }
}
