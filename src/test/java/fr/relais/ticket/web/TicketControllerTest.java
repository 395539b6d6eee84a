package fr.relais.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.anonymous;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.store.TestDatabase;
import fr.relais.ticket.Contact;
import fr.relais.ticket.NewMessage;
import fr.relais.ticket.NewTicket;
import fr.relais.ticket.Ticket;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketOrigin;
import fr.relais.ticket.TicketRepository;
import fr.relais.ticket.TicketService;
import fr.relais.ticket.TicketStatus;
import fr.relais.ticket.Urgency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/** The ticket API over a real ticket store (H2 with the real migrations), behind Spring Security. */
@WebMvcTest(TicketController.class)
@Import(TicketControllerTest.Store.class)
@WithMockUser(username = "claire")
class TicketControllerTest {

    @TestConfiguration
    static class Store {

        @Bean(destroyMethod = "close")
        DataSource dataSource() {
            return TestDatabase.H2.createMigrated();
        }

        @Bean
        TicketRepository ticketRepository(DataSource dataSource) {
            return new TicketRepository(dataSource);
        }

        @Bean
        TicketService ticketService(TicketRepository repository) {
            return new TicketService(repository);
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private TicketService service;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private ObjectMapper json;

    private long customerId;

    @BeforeEach
    void emptyStore() {
        TestDatabase.clean(dataSource);
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO customer (display_name, created_at, updated_at)"
                + " VALUES ('Mme Dupont', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        customerId = jdbc.queryForObject("SELECT MAX(id) FROM customer", Long.class);
    }

    // ---------------------------------------------------------------- POST

    @Test
    void createsATicketByHandWithTheUserAsActor() throws Exception {
        String body = """
                {"subject": "Fuite sous l'évier", "category": "SAV", "urgency": "URGENT",
                 "customerId": %d, "description": "Appel de Mme Dupont", "assignee": "julien",
                 "dueDate": "2026-12-10"}""".formatted(customerId);

        var result = mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern(".*/api/tickets/\\d+")))
                .andExpect(jsonPath("$.reference", matchesPattern("REL-\\d{4}-000001")))
                .andExpect(jsonPath("$.status").value("NEW"))
                .andExpect(jsonPath("$.origin").value("PHONE"))
                .andExpect(jsonPath("$.category").value("SAV"))
                .andExpect(jsonPath("$.urgency").value("URGENT"))
                .andExpect(jsonPath("$.customerId").value(customerId))
                .andExpect(jsonPath("$.subject").value("Fuite sous l'évier"))
                .andExpect(jsonPath("$.assignee").value("julien"))
                .andExpect(jsonPath("$.dueDate").value("2026-12-10"))
                .andExpect(jsonPath("$.createdAt", endsWith("Z")))
                .andExpect(jsonPath("$.history[0].actor").value("claire"))
                .andExpect(jsonPath("$.history[0].newValue").value("NEW"))
                .andReturn();

        String location = result.getResponse().getHeader("Location");
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.description").value("Appel de Mme Dupont"));
    }

    @Test
    void createsATicketForAnUnknownCallerWithAContact() throws Exception {
        mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"subject": "Demande de devis PAC", "category": "devis", "urgency": "normal",
                         "origin": "MAIL", "contact": {"name": "M. Martin", "phone": "06 12 34 56 78"}}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.customerId").value(nullValue()))
                .andExpect(jsonPath("$.contact.name").value("M. Martin"))
                .andExpect(jsonPath("$.contact.phone").value("06 12 34 56 78"))
                .andExpect(jsonPath("$.category").value("DEVIS"))
                .andExpect(jsonPath("$.origin").value("MAIL"));
    }

    @Test
    void refusesABadTicketListingEveryBadField() throws Exception {
        mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"category": "PLOMBERIE", "urgency": "TRES_URGENT", "dueDate": "10/12/2026",
                         "colour": "red", "customerId": "abc"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid request"))
                .andExpect(jsonPath("$.fields[*].field", containsInAnyOrder("colour", "subject", "category",
                        "urgency", "customerId", "dueDate")))
                .andExpect(jsonPath("$.fields[?(@.field == 'urgency')].reason")
                        .value("must be one of URGENT, NORMAL"))
                .andExpect(jsonPath("$.fields[?(@.field == 'dueDate')].reason")
                        .value("must be a date YYYY-MM-DD"))
                .andExpect(jsonPath("$.fields[?(@.field == 'subject')].reason").value("is required"));
    }

    @Test
    void refusesATicketWithNeitherCustomerNorContactOrWithAnUnknownCustomer() throws Exception {
        mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"subject": "x", "category": "AUTRE", "urgency": "NORMAL", "contact": {"nom": "y"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0].field").value("contact.nom"));
        mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"subject": "x", "category": "AUTRE", "urgency": "NORMAL"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0].field").value("customerId"));
        mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"subject": "x", "category": "AUTRE", "urgency": "NORMAL", "customerId": 987654}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0].field").value("customerId"))
                .andExpect(jsonPath("$.fields[0].reason").value("no customer 987654"));
    }

    @Test
    void refusesMalformedJson() throws Exception {
        mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"subject\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0].field").value("body"));
        mvc.perform(post("/api/tickets").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("[1, 2]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0].reason").value("must be a JSON object"));
    }

    // ---------------------------------------------------------------- GET

    @Test
    void listsTicketsWithFiltersAndPaging() throws Exception {
        Ticket sav = open(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, customerId);
        Ticket devis = open(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.PHONE, null);
        Ticket rdv = open(TicketCategory.RDV, Urgency.NORMAL, TicketOrigin.PHONE, customerId);
        service.changeStatus(rdv.id(), TicketStatus.OPEN, "claire");

        mvc.perform(get("/api/tickets"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.items", hasSize(3)))
                .andExpect(jsonPath("$.items[2].id").value(sav.id()))
                .andExpect(jsonPath("$.items[2].reference").value(sav.reference()))
                .andExpect(jsonPath("$.items[2].category").value("SAV"))
                .andExpect(jsonPath("$.items[2].urgency").value("URGENT"))
                .andExpect(jsonPath("$.items[2].status").value("NEW"))
                .andExpect(jsonPath("$.items[2].origin").value("MAIL"))
                .andExpect(jsonPath("$.items[2].customerId").value(customerId))
                .andExpect(jsonPath("$.items[2].subject").value("Ticket SAV"))
                .andExpect(jsonPath("$.items[2].createdAt").isString())
                .andExpect(jsonPath("$.items[2].updatedAt").isString());

        mvc.perform(get("/api/tickets").param("status", "OPEN"))
                .andExpect(jsonPath("$.items[*].id", contains((int) rdv.id())));
        mvc.perform(get("/api/tickets").param("category", "SAV,DEVIS"))
                .andExpect(jsonPath("$.items[*].id", contains((int) devis.id(), (int) sav.id())));
        mvc.perform(get("/api/tickets").param("urgency", "URGENT"))
                .andExpect(jsonPath("$.items[*].id", contains((int) sav.id())));
        mvc.perform(get("/api/tickets").param("origin", "PHONE").param("customerId", String.valueOf(customerId)))
                .andExpect(jsonPath("$.items[*].id", contains((int) rdv.id())));
        mvc.perform(get("/api/tickets").param("customer", String.valueOf(customerId)))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/tickets").param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[*].id", contains((int) sav.id())));
    }

    @Test
    void refusesBadFilters() throws Exception {
        mvc.perform(get("/api/tickets").param("status", "DONE").param("size", "1000").param("customerId", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[*].field", containsInAnyOrder("status", "size", "customerId")))
                .andExpect(jsonPath("$.fields[?(@.field == 'status')].reason").value(
                        "must be one of NEW, OPEN, WAITING_CUSTOMER, WAITING_INTERNAL, RESOLVED, CLOSED"));
    }

    @Test
    void readsOneTicketByIdOrReferenceWithMessagesAndHistory() throws Exception {
        Ticket t = open(TicketCategory.SAV, Urgency.URGENT, TicketOrigin.MAIL, customerId);
        service.addMessage(t.id(), NewMessage.inboundMail("dupont@example.fr", "contact@relais.example",
                "Plus de chauffage", "Bonjour...", "<abc@example.fr>", null), "mail-inbound");

        for (String key : new String[] {String.valueOf(t.id()), t.reference()}) {
            mvc.perform(get("/api/tickets/{id}", key))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.id").value(t.id()))
                    .andExpect(jsonPath("$.messages", hasSize(1)))
                    .andExpect(jsonPath("$.messages[0].direction").value("IN"))
                    .andExpect(jsonPath("$.messages[0].from").value("dupont@example.fr"))
                    .andExpect(jsonPath("$.messages[0].externalMessageId").value("<abc@example.fr>"))
                    .andExpect(jsonPath("$.attachments", hasSize(0)))
                    .andExpect(jsonPath("$.history[0].field").value("status"));
        }
    }

    @Test
    void unknownTicketsAre404() throws Exception {
        mvc.perform(get("/api/tickets/{id}", 999_999))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not found"));
        mvc.perform(get("/api/tickets/REL-2026-999999")).andExpect(status().isNotFound());
        mvc.perform(patch("/api/tickets/{id}", 999_999).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"OPEN\"}"))
                .andExpect(status().isNotFound());
    }

    // ---------------------------------------------------------------- PATCH

    @Test
    void changesPartOfATicketAndRecordsWhoDidIt() throws Exception {
        Ticket t = open(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.PHONE, customerId);

        mvc.perform(patch("/api/tickets/{id}", t.reference()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"OPEN\",\"assignee\":\"julien\",\"dueDate\":\"2026-12-24\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.category").value("DEVIS"))
                .andExpect(jsonPath("$.assignee").value("julien"))
                .andExpect(jsonPath("$.dueDate").value("2026-12-24"))
                .andExpect(jsonPath("$.history[*].field", contains("status", "status", "assignee", "dueDate")))
                .andExpect(jsonPath("$.history[1].actor").value("claire"));

        JsonNode cleared = json.readTree(mvc.perform(patch("/api/tickets/{id}", t.id()).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"assignee\":null,\"urgency\":\"URGENT\"}"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(cleared.get("assignee").isNull()).isTrue();
        assertThat(cleared.get("urgency").asText()).isEqualTo("URGENT");
        assertThat(cleared.get("dueDate").asText()).isEqualTo("2026-12-24");
    }

    @Test
    void linksATicketToAKnownCustomer() throws Exception {
        Ticket t = open(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.PHONE, null);

        mvc.perform(patch("/api/tickets/{id}", t.id()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\": 987654}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0].field").value("customerId"));
        mvc.perform(patch("/api/tickets/{id}", t.id()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\": %d}".formatted(customerId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value(customerId))
                .andExpect(jsonPath("$.contact.name").value("Inconnu"))
                .andExpect(jsonPath("$.history[1].field").value("customerId"));
    }

    @Test
    void refusesBadChanges() throws Exception {
        Ticket t = open(TicketCategory.DEVIS, Urgency.NORMAL, TicketOrigin.PHONE, customerId);

        mvc.perform(patch("/api/tickets/{id}", t.id()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"urgency\":\"urgentissime\",\"subject\":\"x\",\"status\":null,\"dueDate\":\"2026-02-30\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[*].field", containsInAnyOrder("urgency", "subject", "status",
                        "dueDate")))
                .andExpect(jsonPath("$.fields[?(@.field == 'urgency')].reason").value("must be one of URGENT, NORMAL"));
        mvc.perform(patch("/api/tickets/{id}", t.id()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/tickets/{id}", t.id()))
                .andExpect(jsonPath("$.urgency").value("NORMAL"))
                .andExpect(jsonPath("$.history", hasSize(1)));
    }

    @Test
    void forbiddenTransitionsAre409WithAReason() throws Exception {
        Ticket t = open(TicketCategory.SAV, Urgency.NORMAL, TicketOrigin.PHONE, customerId);
        service.changeStatus(t.id(), TicketStatus.CLOSED, "claire");

        mvc.perform(patch("/api/tickets/{id}", t.id()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"RESOLVED\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("transition not allowed"))
                .andExpect(jsonPath("$.reason", containsString("CLOSED")))
                .andExpect(jsonPath("$.fields[0].field").value("status"));
        mvc.perform(patch("/api/tickets/{id}", t.id()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"OPEN\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OPEN"));
    }

    // ---------------------------------------------------------------- security

    @Test
    void anonymousCallsAreRefused() throws Exception {
        mvc.perform(get("/api/tickets").with(
                        anonymous()))
                .andExpect(status().isUnauthorized());
    }

    private Ticket open(TicketCategory category, Urgency urgency, TicketOrigin origin, Long customer) {
        return service.open(NewTicket.of(category, urgency, origin, customer,
                customer == null ? new Contact("Inconnu", null, "0450000000") : null, "Ticket " + category, null),
                "test");
    }
}
