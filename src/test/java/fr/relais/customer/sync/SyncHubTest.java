package fr.relais.customer.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync in the whole hub (demo mode, shared hub): its routes are loaded (stopped in the shared test hub), the
 * dry run reads the demo ERP and Sage and writes nothing, the review-decision endpoint answers clearly.
 */
class SyncHubTest extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camel;

    @Autowired
    @Qualifier("sageDataSource")
    DataSource sage;

    @Autowired
    @Qualifier("erpDataSource")
    DataSource erp;

    @Autowired
    DataSource hubStore;

    @Test
    void theThreeSyncRoutesAreLoaded() {
        assertThat(camel.getRoute("customers-sync-erp")).isNotNull();
        assertThat(camel.getRoute("customers-sync-sage")).isNotNull();
        assertThat(camel.getRoute("customers-sync-keys")).isNotNull();
        assertThat(camel.getRouteController().getRouteStatus("customers-sync-erp").isStarted())
                .as("relais.sync.enabled=false in the shared test hub").isFalse();
    }

    @Test
    void theDryRunReadsBothDemoDatabasesWritesNothingAndReportsInFrench() throws Exception {
        JdbcTemplate sageSql = new JdbcTemplate(sage);
        JdbcTemplate hub = new JdbcTemplate(hubStore);
        int sageCustomers = sageSql.queryForObject("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Type = 0", Integer.class);
        int erpCustomers = new JdbcTemplate(erp).queryForObject("SELECT COUNT(*) FROM CLIENT", Integer.class);
        int links = hub.queryForObject("SELECT COUNT(*) FROM customer_link", Integer.class);
        int tickets = hub.queryForObject("SELECT COUNT(*) FROM ticket", Integer.class);

        assertThat(Http.anonymous().post(url("/api/sync/dry-run"), "application/json", "").statusCode()).isEqualTo(401);
        HttpResponse<String> r = Http.basic(ADMIN, PASSWORD).post(url("/api/sync/dry-run"), "application/json", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        JsonNode counts = body.get("counts");
        assertThat(counts.get("erp").asInt()).isEqualTo(erpCustomers);
        assertThat(counts.get("sage").asInt()).isEqualTo(sageCustomers);
        assertThat(counts.get("links").asInt()).as("about 60 % of the demo customers are on both sides").isGreaterThan(80);
        assertThat(counts.get("rejected").asInt()).as("the demo's invalid rows").isGreaterThanOrEqualTo(5);
        assertThat(counts.get("creations-sage").asInt()).isPositive();
        assertThat(counts.get("creations-erp").asInt()).isPositive();

        Path folder = Path.of(body.get("folder").asText());
        String html = Files.readString(folder.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("Rapprochement des clients").contains("Fiches reliées").contains("Frnace");
        byte[] csv = Files.readAllBytes(folder.resolve("rejected.csv"));
        assertThat(csv).startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("systeme;cle;nom;motifs");
        for (String name : new String[] {"links.csv", "reviews.csv", "creations-erp.csv", "creations-sage.csv", "conflicts.csv"}) {
            assertThat(folder.resolve(name)).exists();
        }

        assertThat(sageSql.queryForObject("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Type = 0", Integer.class)).isEqualTo(sageCustomers);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM customer_link", Integer.class)).isEqualTo(links);
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM ticket", Integer.class)).isEqualTo(tickets);
    }

    @Test
    void theReviewDecisionEndpointAnswersClearly() throws Exception {
        Http admin = Http.basic(ADMIN, PASSWORD);
        HttpResponse<String> created = admin.post(url("/api/tickets"), "application/json",
                "{\"subject\":\"Rappeler M. Favre\",\"category\":\"SAV\",\"urgency\":\"NORMAL\",\"contact\":{\"name\":\"M. Favre\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();

        HttpResponse<String> notAReview = admin.post(url("/api/tickets/" + id + "/review-decision"), "application/json",
                "{\"decision\":\"SAME\"}");
        assertThat(notAReview.statusCode()).isEqualTo(409);
        assertThat(notAReview.body()).contains("is not a duplicate review");
        assertThat(admin.post(url("/api/tickets/999999/review-decision"), "application/json", "{\"decision\":\"SAME\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> bad = admin.post(url("/api/tickets/" + id + "/review-decision"), "application/json",
                "{\"decision\":\"PEUT-ETRE\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("SAME, DIFFERENT");
        assertThat(Http.anonymous().post(url("/api/tickets/" + id + "/review-decision"), "application/json",
                "{\"decision\":\"SAME\"}").statusCode()).isEqualTo(401);
    }
}
