package fr.relais.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
import java.util.stream.IntStream;

import fr.relais.store.AbstractStoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

abstract class AbstractTicketServiceTest extends AbstractStoreTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final AtomicReference<Instant> now = new AtomicReference<>();
    private TicketService service;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        now.set(Instant.parse("2026-12-03T09:15:00Z"));
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
        service = new TicketService(new TicketRepository(dataSource), clock, PARIS);
        jdbc = new JdbcTemplate(dataSource);
    }

    // ---------------------------------------------------------------- open

    @Test
    void opensATicketWithAReferenceAndAFirstHistoryLine() {
        long customer = customer("Mme Dupont");

        Ticket t = service.open(NewTicket.of(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, customer, null,
                "Plus de chauffage", "La chaudière est en panne depuis ce matin.")
                .withClassification(0.87, "mots: chauffage, panne"), "mail-inbound");

        assertThat(t.reference()).isEqualTo("REL-2026-000001");
        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        assertThat(t.customerId()).isEqualTo(customer);
        assertThat(t.createdAt()).isEqualTo(now.get()).isEqualTo(t.updatedAt());
        assertThat(t.classificationConfidence()).isEqualTo(0.87);
        assertThat(t.classificationExplanation()).isEqualTo("mots: chauffage, panne");
        assertThat(t.description()).isEqualTo("La chaudière est en panne depuis ce matin.");
        assertThat(service.findByReference("REL-2026-000001")).contains(t);
        assertThat(service.find("rel-2026-000001")).contains(t);
        assertThat(service.find(String.valueOf(t.id()))).contains(t);
        assertThat(service.history(t.id())).singleElement().satisfies(h -> {
            assertThat(h.field()).isEqualTo("status");
            assertThat(h.oldValue()).isNull();
            assertThat(h.newValue()).isEqualTo("NEW");
            assertThat(h.actor()).isEqualTo("mail-inbound");
            assertThat(h.at()).isEqualTo(now.get());
        });
    }

    @Test
    void referencesAreConsecutivePerYearOfTheCompanysTimeZone() {
        Contact contact = new Contact("M. Martin", null, "06 12 34 56 78");
        now.set(Instant.parse("2026-12-31T22:59:59Z"));
        Ticket last2026 = service.open(phoneTicket(contact), "claire");
        now.set(Instant.parse("2026-12-31T23:00:00Z")); // midnight in Annecy
        Ticket first2027 = service.open(phoneTicket(contact), "claire");
        Ticket second2027 = service.open(phoneTicket(contact), "claire");

        assertThat(last2026.reference()).isEqualTo("REL-2026-000001");
        assertThat(first2027.reference()).isEqualTo("REL-2027-000001");
        assertThat(second2027.reference()).isEqualTo("REL-2027-000002");
    }

    @Test
    void refusesATicketWithoutTheRequiredFields() {
        assertThatThrownBy(() -> service.open(NewTicket.of(null, null, TicketOrigin.PHONE, null, Contact.NONE, " ",
                null), "claire"))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> assertThat(e.fields())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("subject", "category", "urgency", "customerId"));
        assertThatThrownBy(() -> service.open(NewTicket.of(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.PHONE,
                999_999L, null, "Devis", null), "claire"))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> assertThat(e.fields())
                        .containsExactly(new FieldError("customerId", "no customer 999999")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ticket", Integer.class)).isZero();
    }

    @Test
    void concurrentOpeningsGetUniqueConsecutiveReferences() throws Exception {
        int threads = 8;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> opener = () -> {
                    start.await();
                    List<String> refs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        refs.add(service.open(phoneTicket(new Contact("Client", null, "0450000000")), "t")
                                .reference());
                    }
                    return refs;
                };
                futures.add(pool.submit(opener));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            List<String> expected = IntStream.rangeClosed(1, threads * perThread)
                    .mapToObj(n -> TicketService.reference(2026, n)).toList();
            assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- changes and history

    @Test
    void changesAreRecordedFieldByFieldWithTheActor() {
        Ticket t = service.open(phoneTicket(new Contact("M. Martin", "martin@example.fr", null)), "claire");
        now.set(now.get().plusSeconds(60));

        Ticket changed = service.update(t.id(), TicketChanges.none().status(TicketStatus.OPEN)
                .category(TicketCategory.RDV).urgency(Urgency.URGENT).assignee("julien")
                .dueDate(LocalDate.of(2026, 12, 10)), "claire");

        assertThat(changed.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(changed.category()).isEqualTo(TicketCategory.RDV);
        assertThat(changed.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(changed.assignee()).isEqualTo("julien");
        assertThat(changed.dueDate()).isEqualTo(LocalDate.of(2026, 12, 10));
        assertThat(changed.version()).isEqualTo(t.version() + 1);
        assertThat(changed.updatedAt()).isEqualTo(now.get());
        assertThat(service.history(t.id())).extracting(h -> h.field() + ":" + h.oldValue() + ">" + h.newValue()
                + " by " + h.actor()).containsExactly(
                "status:null>NEW by claire",
                "status:NEW>OPEN by claire",
                "category:DEVIS>RDV by claire",
                "urgency:NORMAL>URGENT by claire",
                "assignee:null>julien by claire",
                "dueDate:null>2026-12-10 by claire");

        Ticket cleared = service.update(t.id(), TicketChanges.none().assignee(null).dueDate(null)
                .urgency(Urgency.URGENT), null);
        assertThat(cleared.assignee()).isNull();
        assertThat(cleared.dueDate()).isNull();
        assertThat(service.history(t.id())).hasSize(8).last().satisfies(h -> {
            assertThat(h.field()).isEqualTo("dueDate");
            assertThat(h.actor()).isEqualTo(TicketService.SYSTEM_ACTOR);
        });
    }

    @Test
    void settingTheSameValuesChangesNothing() {
        Ticket t = service.open(phoneTicket(new Contact("M. Martin", null, "0450000000")), "claire");

        Ticket same = service.update(t.id(), TicketChanges.none().status(TicketStatus.NEW)
                .category(TicketCategory.DEVIS).assignee(null), "claire");

        assertThat(same).isEqualTo(t);
        assertThat(service.history(t.id())).hasSize(1);
    }

    @Test
    void forbiddenTransitionsAreRefusedAndChangeNothing() {
        Ticket t = service.open(phoneTicket(new Contact("M. Martin", null, "0450000000")), "claire");
        service.changeStatus(t.id(), TicketStatus.CLOSED, "claire");

        assertThatThrownBy(() -> service.update(t.id(), TicketChanges.none().status(TicketStatus.RESOLVED)
                .assignee("julien"), "claire"))
                .isInstanceOfSatisfying(TransitionNotAllowedException.class, e -> {
                    assertThat(e.from()).isEqualTo(TicketStatus.CLOSED);
                    assertThat(e.to()).isEqualTo(TicketStatus.RESOLVED);
                });
        assertThatThrownBy(() -> service.changeStatus(t.id(), TicketStatus.NEW, "claire"))
                .isInstanceOf(TransitionNotAllowedException.class);
        assertThat(service.findById(t.id()).orElseThrow().assignee()).isNull();

        assertThat(service.changeStatus(t.id(), TicketStatus.OPEN, "claire").status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void theTransitionTableIsTheDocumentedOne() {
        for (TicketStatus from : TicketStatus.values()) {
            assertThat(from.canMoveTo(TicketStatus.NEW)).as(from + " -> NEW").isFalse();
            assertThat(from.canMoveTo(from)).as(from + " -> itself is not a move").isFalse();
        }
        assertThat(TicketStatus.CLOSED.next()).containsExactly(TicketStatus.OPEN);
        assertThat(TicketStatus.RESOLVED.next()).containsExactlyInAnyOrder(TicketStatus.OPEN, TicketStatus.CLOSED);
        assertThat(TicketStatus.NEW.next()).hasSize(5);
    }

    @Test
    void unknownTicketsAreReported() {
        assertThatThrownBy(() -> service.changeStatus(424242, TicketStatus.OPEN, "claire"))
                .isInstanceOf(TicketNotFoundException.class);
        assertThat(service.findById(424242)).isEmpty();
        assertThat(service.find("REL-2026-999999")).isEmpty();
        assertThat(service.details(424242)).isEmpty();
    }

    @Test
    void linksACustomerLaterKeepingTheContact() {
        Contact contact = new Contact("Inconnu", "inconnu@example.fr", null);
        Ticket t = service.open(NewTicket.of(TicketCategory.AUTRE, Urgency.NORMAL, TicketOrigin.MAIL, null, contact,
                "Question", null), "mail-inbound");
        long customer = customer("M. Inconnu");

        Ticket linked = service.linkCustomer(t.id(), customer, "claire");

        assertThat(linked.customerId()).isEqualTo(customer);
        assertThat(linked.contact()).isEqualTo(contact);
        assertThat(service.history(t.id())).last().extracting(TicketHistoryEntry::field, TicketHistoryEntry::newValue)
                .containsExactly("customerId", String.valueOf(customer));
        assertThatThrownBy(() -> service.linkCustomer(t.id(), 987_654L, "claire"))
                .isInstanceOf(InvalidTicketException.class);
        assertThat(service.findById(t.id()).orElseThrow().customerId()).isEqualTo(customer);
    }

    // ---------------------------------------------------------------- messages and attachments

    @Test
    void messagesAreKeptInOrderAndFindTheirTicket() {
        Ticket t = service.open(phoneTicket(new Contact("M. Martin", "martin@example.fr", null)), "mail-inbound");
        String longExternalId = "<" + "a".repeat(480) + "@mail.example.fr>";

        service.addMessage(t.id(), NewMessage.inboundMail("martin@example.fr", "contact@relais.example",
                "Demande de devis", "Bonjour, ...", longExternalId, Instant.parse("2026-12-03T09:00:00Z"))
                .withHtml("<p>Bonjour, ...</p>").withRawSourceRef("raw/2026/12/03/abc.eml"), "mail-inbound");
        TicketMessage ack = service.addMessage(t.id(), NewMessage.outboundMail("contact@relais.example",
                "martin@example.fr", "[REL-2026-000001] Demande de devis", "Nous avons bien reçu...",
                "<REL-2026-000001.1.abcdef@relais.example>", null), "mail-inbound");

        assertThat(ack.at()).isEqualTo(now.get());
        assertThat(ack.direction()).isEqualTo(MessageDirection.OUT);
        List<TicketMessage> messages = service.messages(t.id());
        assertThat(messages).extracting(TicketMessage::direction)
                .containsExactly(MessageDirection.IN, MessageDirection.OUT);
        assertThat(messages.get(0).externalMessageId()).isEqualTo(longExternalId);
        assertThat(messages.get(0).bodyHtmlSanitized()).isEqualTo("<p>Bonjour, ...</p>");
        assertThat(messages.get(0).rawSourceRef()).isEqualTo("raw/2026/12/03/abc.eml");
        assertThat(service.findByExternalMessageId(longExternalId)).map(Ticket::id).contains(t.id());
        assertThat(service.findByHubMessageId("<REL-2026-000001.1.abcdef@relais.example>")).map(Ticket::id)
                .contains(t.id());
        assertThat(service.findByHubMessageId("<other@relais.example>")).isEmpty();

        String tooLong = "<" + "b".repeat(700) + "@example.fr>";
        service.addMessage(t.id(), NewMessage.inboundMail("martin@example.fr", "contact@relais.example", "Re",
                "...", tooLong, null), "mail-inbound");
        assertThat(service.findByExternalMessageId(tooLong)).map(Ticket::id).contains(t.id());
    }

    @Test
    void aCustomersReplyReopensAWaitingOrResolvedTicketButNotAClosedOne() {
        Ticket waiting = service.open(phoneTicket(new Contact("A", "a@example.fr", null)), "claire");
        service.changeStatus(waiting.id(), TicketStatus.WAITING_CUSTOMER, "claire");
        Ticket resolved = service.open(phoneTicket(new Contact("B", "b@example.fr", null)), "claire");
        service.changeStatus(resolved.id(), TicketStatus.RESOLVED, "claire");
        Ticket closed = service.open(phoneTicket(new Contact("C", "c@example.fr", null)), "claire");
        service.changeStatus(closed.id(), TicketStatus.CLOSED, "claire");

        for (Ticket t : List.of(waiting, resolved, closed)) {
            service.addMessage(t.id(), NewMessage.inboundMail("x@example.fr", "contact@relais.example", "Re: ...",
                    "Merci", "<reply-" + t.id() + "@example.fr>", null), "mail-inbound");
        }

        assertThat(service.findById(waiting.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(service.findById(resolved.id()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(service.findById(closed.id()).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(service.history(waiting.id())).last().satisfies(h -> {
            assertThat(h.oldValue()).isEqualTo("WAITING_CUSTOMER");
            assertThat(h.newValue()).isEqualTo("OPEN");
            assertThat(h.actor()).isEqualTo("mail-inbound");
        });
    }

    @Test
    void anOutgoingMessageDoesNotReopen() {
        Ticket t = service.open(phoneTicket(new Contact("A", "a@example.fr", null)), "claire");
        service.changeStatus(t.id(), TicketStatus.WAITING_CUSTOMER, "claire");

        service.addMessage(t.id(), NewMessage.outboundMail("contact@relais.example", "a@example.fr", "Relance",
                "Avez-vous pu...", "<relance-1@relais.example>", null), "reminders");

        assertThat(service.findById(t.id()).orElseThrow().status()).isEqualTo(TicketStatus.WAITING_CUSTOMER);
    }

    @Test
    void attachmentsBelongToTheTicketAndOptionallyToOneOfItsMessages() {
        Ticket t = service.open(phoneTicket(new Contact("A", "a@example.fr", null)), "mail-inbound");
        Ticket other = service.open(phoneTicket(new Contact("B", "b@example.fr", null)), "mail-inbound");
        TicketMessage m = service.addMessage(t.id(), NewMessage.inboundMail("a@example.fr", "contact@relais.example",
                "Photos", "Voici les photos", "<photos@example.fr>", null), "mail-inbound");
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

        TicketAttachment a = service.addAttachment(t.id(),
                new NewAttachment(m.id(), "../../chaudière.jpg", "tickets/REL-2026-000001/chaudiere.jpg",
                        "image/jpeg", 123_456L, sha));

        assertThat(a.ticketId()).isEqualTo(t.id());
        assertThat(a.messageId()).isEqualTo(m.id());
        assertThat(a.originalName()).isEqualTo("../../chaudière.jpg");
        assertThat(a.size()).isEqualTo(123_456L);
        assertThat(a.sha256()).isEqualTo(sha);
        assertThat(service.details(t.id()).orElseThrow().attachments()).containsExactly(a);
        assertThatThrownBy(() -> service.addAttachment(other.id(),
                new NewAttachment(m.id(), "x.pdf", "tickets/x.pdf", "application/pdf", 1, sha)))
                .isInstanceOf(InvalidTicketException.class);
        assertThatThrownBy(() -> service.addAttachment(t.id(),
                new NewAttachment(null, "x.pdf", "tickets/x.pdf", "application/pdf", 1, "not-a-hash")))
                .isInstanceOfSatisfying(InvalidTicketException.class,
                        e -> assertThat(e.fields()).extracting(FieldError::field).containsExactly("sha256"));
    }

    // ---------------------------------------------------------------- search

    @Test
    void searchFiltersAndPagesNewestFirst() {
        long dupont = customer("Mme Dupont");
        long martin = customer("M. Martin");
        List<Ticket> opened = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            now.set(now.get().plusSeconds(60));
            TicketCategory category = i % 2 == 0 ? TicketCategory.SAV : TicketCategory.DEVIS;
            Urgency urgency = i == 3 ? Urgency.URGENT : Urgency.NORMAL;
            TicketOrigin origin = i < 5 ? TicketOrigin.MAIL : TicketOrigin.PHONE;
            opened.add(service.open(NewTicket.of(category, urgency, origin, i < 4 ? dupont : martin, null,
                    "Ticket " + i, null), "t"));
        }
        service.changeStatus(opened.get(0).id(), TicketStatus.OPEN, "claire");
        service.assign(opened.get(1).id(), "julien", "claire");

        TicketPage all = service.search(TicketFilter.any(), 0, 3);
        assertThat(all.total()).isEqualTo(7);
        assertThat(all.items()).extracting(Ticket::subject).containsExactly("Ticket 6", "Ticket 5", "Ticket 4");
        assertThat(service.search(TicketFilter.any(), 2, 3).items()).extracting(Ticket::subject)
                .containsExactly("Ticket 0");
        assertThat(service.search(TicketFilter.any(), 5, 3).items()).isEmpty();

        assertThat(subjects(TicketFilter.any().categories(TicketCategory.SAV)))
                .containsExactly("Ticket 6", "Ticket 4", "Ticket 2", "Ticket 0");
        assertThat(subjects(TicketFilter.any().customerId(dupont).categories(TicketCategory.DEVIS)))
                .containsExactly("Ticket 3", "Ticket 1");
        assertThat(subjects(TicketFilter.any().urgencies(Urgency.URGENT))).containsExactly("Ticket 3");
        assertThat(subjects(TicketFilter.any().origins(TicketOrigin.PHONE))).containsExactly("Ticket 6", "Ticket 5");
        assertThat(subjects(TicketFilter.any().statuses(TicketStatus.OPEN, TicketStatus.WAITING_CUSTOMER)))
                .containsExactly("Ticket 0");
        assertThat(subjects(TicketFilter.any().assignee("julien"))).containsExactly("Ticket 1");
        assertThat(service.search(TicketFilter.any().statuses(TicketStatus.CLOSED), 0, 10).total()).isZero();
        assertThatThrownBy(() -> service.search(TicketFilter.any(), 0, 0)).isInstanceOf(InvalidTicketException.class);
    }

    @Test
    void findsARecentTicketOfTheSameSender() {
        Contact martin = new Contact("M. Martin", "Martin@Example.fr", null);
        service.open(phoneTicket(martin), "mail-inbound");
        now.set(now.get().plusSeconds(7200));
        Ticket recent = service.open(phoneTicket(martin), "mail-inbound");
        service.open(phoneTicket(new Contact("Mme Durand", "durand@example.fr", null)), "mail-inbound");

        TicketFilter sameSenderLastHour = TicketFilter.any().contactEmail("martin@example.fr")
                .createdSince(now.get().minusSeconds(3600)).statuses(TicketStatus.NEW, TicketStatus.OPEN);

        assertThat(service.search(sameSenderLastHour, 0, 10).items()).extracting(Ticket::id)
                .containsExactly(recent.id());
        assertThat(service.search(TicketFilter.any().contactEmail("MARTIN@example.fr"), 0, 10).total())
                .isEqualTo(2);
    }

    private List<String> subjects(TicketFilter filter) {
        return service.search(filter, 0, 50).items().stream().map(Ticket::subject).toList();
    }

    // ---------------------------------------------------------------- helpers

    private static NewTicket phoneTicket(Contact contact) {
        return NewTicket.of(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.PHONE, null, contact,
                "Demande de devis", null);
    }

    private long customer(String name) {
        jdbc.update("INSERT INTO customer (display_name, created_at, updated_at)"
                + " VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", name);
        return jdbc.queryForObject("SELECT MAX(id) FROM customer", Long.class);
    }
}
