package fr.relais.customer.write;

import fr.relais.demo.bridge.SimulatedSageBridge;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole hub in demo mode: the Sage writer is the bridge client pointed at the hub's own simulated bridge,
 * which writes a real row into the simulated Sage database, where the sync's reader sees it.
 */
class DemoSageBridgeHubTest extends HubTestSupport {

    @Autowired
    SageWriter sageWriter;

    @Autowired
    ErpWriter erpWriter;

    @Autowired
    AccountNumbers accountNumbers;

    @Autowired
    SageBridgeApiKey apiKey;

    @Autowired
    SimulatedSageBridge simulatedSageBridge;

    @Autowired
    @Qualifier("sageDataSource")
    DataSource sageDataSource;

    @Autowired
    DataSource hubStore;

    @Test
    void theDemoWritersAreTheBridgeAndTheErpImportFile() {
        assertThat(sageWriter).isInstanceOf(SageBridgeWriter.class);
        assertThat(sageWriter.system()).isEqualTo("SAGE");
        assertThat(erpWriter).isInstanceOf(ErpImportFileWriter.class);
        assertThat(apiKey.generated()).isTrue();
        assertThat(apiKey.value()).hasSizeGreaterThan(20);
    }

    @Test
    void aCustomerCreatedThroughTheDemoBridgeIsARealRowInTheSimulatedSage() {
        String correlation = "test-" + UUID.randomUUID();
        String ctNum = accountNumbers.allocate("Éric Ça", correlation);
        assertThat(ctNum).startsWith("CERICCA");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Éric Ça");
        fields.put("address1", "1 place de l'Hôtel de Ville");
        fields.put("postcode", "74000");
        fields.put("city", "Annecy");
        fields.put("country", "FR");
        fields.put("email", "eric.ca@example.fr");

        WriteOutcome outcome = sageWriter.write(new CustomerWrite(CustomerWrite.Kind.CREATE, ctNum, fields, correlation));

        assertThat(outcome.status()).as(String.valueOf(outcome.reason())).isEqualTo(WriteOutcome.Status.ACCEPTED);
        var sage = new JdbcTemplate(sageDataSource);
        Map<String, Object> row = sage.queryForMap("SELECT CT_Num, CT_Intitule, CT_Type, CT_Pays, CT_EMail, CT_Sommeil,"
                + " cbMarq, cbModification FROM F_COMPTET WHERE CT_Num = ?", ctNum);
        assertThat(row).containsEntry("CT_Intitule", "Éric Ça").containsEntry("CT_Pays", "France")
                .containsEntry("CT_EMail", "eric.ca@example.fr");
        assertThat(((Number) row.get("CT_Type")).intValue()).isZero();
        assertThat(row.get("cbMarq")).isNotNull();
        assertThat(row.get("cbModification")).isNotNull();
        assertThat(new JdbcTemplate(hubStore).queryForObject(
                "SELECT correlation_id FROM sage_account_number WHERE ct_num = ?", String.class, ctNum)).isEqualTo(correlation);

        WriteOutcome again = sageWriter.write(new CustomerWrite(CustomerWrite.Kind.CREATE, ctNum, fields, "other-" + correlation));
        assertThat(again.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(accountNumbers.allocate("Eric CA", "next-" + correlation)).as("the number is taken now").isNotEqualTo(ctNum);
    }

    @Test
    void theDemoBridgeAnswersOnlyWithItsApiKeyAndNeedsNoHubLogin() {
        var noKey = Http.anonymous().get(url("/demo/sage-bridge/v1/health"));
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).contains("UNAUTHORIZED");
        var withKey = Http.anonymous().get(url("/demo/sage-bridge/v1/health"), "X-Api-Key", apiKey.value());
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.body()).contains("\"status\":\"UP\"");
        var adminOnly = Http.basic(ADMIN, PASSWORD).get(url("/demo/sage-bridge/v1/health"));
        assertThat(adminOnly.statusCode()).as("the hub's admin account is not the bridge's key").isEqualTo(401);
    }
}
