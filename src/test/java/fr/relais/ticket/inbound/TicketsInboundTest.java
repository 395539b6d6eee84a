package fr.relais.ticket.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import fr.relais.ticket.TicketFilter;
import fr.relais.ticket.TicketService;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The route tickets-inbound on the running hub: a JSON request on the queue becomes one ticket. */
class TicketsInboundTest extends HubTestSupport {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    TicketService tickets;

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode ticketsWithSubject(String subject) throws Exception {
        JsonNode page = json.readTree(Http.basic(ADMIN, PASSWORD).get(url("/api/tickets?origin=TECHNICIAN&size=200")).body());
        var found = json.createArrayNode();
        page.path("items").forEach(t -> {
            if (t.path("subject").asText().equals(subject)) {
                found.add(t);
            }
        });
        return found;
    }

    @Test
    void aRequestBecomesOneTicketEvenWhenSentTwice() throws Exception {
        String key = "tech-form-" + UUID.randomUUID();
        String subject = "Chaudière en défaut chez M. Perrin " + key;
        String request = "{\"key\":\"" + key + "\",\"category\":\"SAV\",\"urgency\":\"URGENT\",\"origin\":\"TECHNICIAN\","
                + "\"contact\":{\"name\":\"Jean Perrin\",\"phone\":\"06 12 34 56 78\"},\"subject\":\"" + subject + "\","
                + "\"description\":\"Code F28, pièce à commander\"}";
        producer.sendBody("jms:queue:relais.tickets.inbound", request);
        producer.sendBody("jms:queue:relais.tickets.inbound", request);

        await().atMost(Duration.ofSeconds(20)).until(() -> ticketsWithSubject(subject).size() == 1);
        Thread.sleep(1500);
        JsonNode found = ticketsWithSubject(subject);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("category").asText()).isEqualTo("SAV");
        assertThat(found.get(0).path("urgency").asText()).isEqualTo("URGENT");
        assertThat(found.get(0).path("status").asText()).isEqualTo("NEW");
        assertThat(found.get(0).path("reference").asText()).matches("REL-\\d{4}-\\d{6}");
    }

    @Test
    void aRequestWithAWrongCategoryIsDeadLetteredWithTheFieldNamed() throws Exception {
        String key = "bad-" + UUID.randomUUID();
        long before = tickets.search(TicketFilter.any(), 0, 1).total();
        producer.sendBody("jms:queue:relais.tickets.inbound",
                "{\"key\":\"" + key + "\",\"category\":\"PANNE\",\"subject\":\"x\",\"contact\":{\"name\":\"A\"}}");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters")).body().contains(key));
        JsonNode letters = json.readTree(Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters")).body());
        JsonNode letter = null;
        for (JsonNode l : letters) {
            if (l.path("body").asText().contains(key)) {
                letter = l;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.path("routeId").asText()).isEqualTo("tickets-inbound");
        assertThat(letter.path("reason").asText()).contains("field 'category': 'PANNE' is not one of");
        assertThat(tickets.search(TicketFilter.any(), 0, 1).total()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsDeadLetteredNotRetried() throws Exception {
        String marker = "broken-" + UUID.randomUUID();
        producer.sendBody("jms:queue:relais.tickets.inbound", "{\"key\":\"" + marker + "\", \"category\": ");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters")).body().contains(marker));
        assertThat(Http.basic(ADMIN, PASSWORD).get(url("/api/dead-letters")).body()).contains("not valid JSON for a ticket");
    }
}
