package fr.relais.customer.write;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.zaxxer.hikari.HikariDataSource;
import fr.relais.demo.bridge.SageBridgeHttpServer;
import fr.relais.demo.bridge.SimulatedSageBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The bridge client against the simulated bridge (a real row in a simulated Sage) and against WireMock (faults). */
class SageBridgeWriterTest {

    private static final SageBridgeApiKey KEY = new SageBridgeApiKey("test-key-123", false);

    private HikariDataSource sage;
    private SimulatedSageBridge bridge;
    private SageBridgeHttpServer server;

    @BeforeEach
    void start() {
        sage = SimulatedDatabases.sage();
        bridge = new SimulatedSageBridge(sage, KEY);
        server = SageBridgeHttpServer.start(bridge, 0);
    }

    @AfterEach
    void stop() {
        server.close();
        sage.close();
    }

    private SageBridgeWriter writer(String baseUrl, String key, Duration requestTimeout, int attempts) {
        return new SageBridgeWriter(new SageBridgeWriter.Settings(() -> baseUrl, () -> key, Duration.ofMillis(500),
                requestTimeout, attempts, Duration.ofMillis(20)), Shortener.french(),
                ColumnLengths.cached(() -> ColumnLengths.read(sage, SageFields.TABLE, SageFields.DOCUMENTED_LENGTHS)));
    }

    private SageBridgeWriter writer() {
        return writer(server.baseUrl(), KEY.value(), Duration.ofSeconds(5), 3);
    }

    private static Map<String, String> dupont() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Dupont Jean");
        fields.put("address1", "Résidence les Terrasses du Lac bâtiment B, 27 chemin des Fins Nord");
        fields.put("postcode", "74000");
        fields.put("city", "Annecy");
        fields.put("country", "FR");
        fields.put("mobile", "+33 6 12 34 56 78");
        fields.put("email", "jean.dupont@example.fr");
        return fields;
    }

    private Map<String, String> row(String ctNum) throws SQLException {
        try (Connection c = sage.getConnection();
             var ps = c.prepareStatement("SELECT * FROM F_COMPTET WHERE CT_Num = ?")) {
            ps.setString(1, ctNum);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                    row.put(rs.getMetaData().getColumnName(k), rs.getString(k));
                }
                return row;
            }
        }
    }

    @Test
    void aCreateWritesTheAccountShortenedIntoSage() throws SQLException {
        WriteOutcome outcome = writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1"));

        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.ACCEPTED);
        assertThat(outcome.targetId()).isEqualTo("CDUPONT");
        Map<String, String> row = row("CDUPONT");
        assertThat(row).isNotNull()
                .containsEntry("CT_Intitule", "Dupont Jean")
                .containsEntry("CT_Type", "0")
                .containsEntry("CT_CodePostal", "74000")
                .containsEntry("CT_Pays", "France")
                .containsEntry("CT_Telephone", "+33 6 12 34 56 78")
                .containsEntry("CT_EMail", "jean.dupont@example.fr");
        assertThat(row.get("CT_Adresse")).hasSizeLessThanOrEqualTo(35).startsWith("rés. les Terrasses du Lac");
        assertThat(row.get("CT_Complement")).contains("27 ch. des Fins Nord");
        assertThat(row.get("cbMarq")).isNotBlank();
        assertThat(outcome.writtenValues()).containsEntry("address1", row.get("CT_Adresse"))
                .containsEntry("address2", row.get("CT_Complement")).containsEntry("country", "France");
    }

    @Test
    void aRepeatedCreateWithTheSameCorrelationIdIsNotATakenNumber() throws SQLException {
        CustomerWrite write = new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1");
        assertThat(writer().write(write).status()).isEqualTo(WriteOutcome.Status.ACCEPTED);
        assertThat(writer().write(write).status()).as("idempotent replay").isEqualTo(WriteOutcome.Status.ACCEPTED);

        WriteOutcome other = writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-2"));
        assertThat(other.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(other.reason()).contains("CDUPONT", "déjà pris", "CT_NUM_EXISTS");
    }

    @Test
    void anUpdateChangesOnlyTheGivenFields() throws SQLException {
        writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1"));
        WriteOutcome outcome = writer().write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "CDUPONT",
                Map.of("phone", "04 50 12 34 56"), "w-2"));

        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.ACCEPTED);
        assertThat(row("CDUPONT")).containsEntry("CT_Telephone", "04 50 12 34 56").containsEntry("CT_Intitule", "Dupont Jean");
        writer().write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "CDUPONT", Map.of("mobile", "06 99 99 99 99"), "w-4"));
        assertThat(row("CDUPONT")).as("a new mobile never replaces the landline Sage holds")
                .containsEntry("CT_Telephone", "04 50 12 34 56");
        writer().write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "CDUPONT",
                Map.of("address1", "Résidence les Terrasses du Lac bâtiment B escalier 3"), "w-5"));
        assertThat(row("CDUPONT")).as("an update does not overwrite the complement it was not given")
                .containsEntry("CT_Complement", "27 ch. des Fins Nord");
        WriteOutcome unknown = writer().write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "CNOBODY", Map.of("phone", "1"), "w-3"));
        assertThat(unknown.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(unknown.reason()).contains("CNOBODY");
    }

    @Test
    void sageRefusalsAreRefusedWithSageReason() throws SQLException {
        WriteOutcome badNumber = writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "c-dupont", dupont(), "w-1"));
        assertThat(badNumber.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(badNumber.reason()).contains("CT_NUM_INVALID");

        Map<String, String> noName = dupont();
        noName.put("name", " ");
        WriteOutcome refused = writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", noName, "w-2"));
        assertThat(refused.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(refused.reason()).contains("CT_INTITULE_REQUIRED");
        assertThat(row("CDUPONT")).as("nothing written").isNull();

        Map<String, String> longEmail = dupont();
        longEmail.put("email", "x".repeat(70) + "@example.fr");
        WriteOutcome tooLong = writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", longEmail, "w-3"));
        assertThat(tooLong.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(tooLong.reason()).contains("email", "CT_EMail");
        assertThat(row("CDUPONT")).isNull();
    }

    @Test
    void aWrongKeyOrABusySageIsUnavailableNotRefused() throws SQLException {
        WriteOutcome wrongKey = writer(server.baseUrl(), "wrong", Duration.ofSeconds(5), 3)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1"));
        assertThat(wrongKey.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
        assertThat(wrongKey.reason()).contains("clé API");

        bridge.setBusy(true);
        WriteOutcome busy = writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1"));
        assertThat(busy.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
        assertThat(busy.reason()).contains("503", "SAGE_LOCKED");
        assertThat(row("CDUPONT")).isNull();

        bridge.setBusy(false);
        assertThat(writer().write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1")).status())
                .as("the same write succeeds once Sage is free").isEqualTo(WriteOutcome.Status.ACCEPTED);
    }

    @Test
    void aSlowBridgeTimesOutWithinTheBoundAndIsUnavailable() {
        bridge.setDelay(Duration.ofMillis(1500));
        long start = System.nanoTime();
        WriteOutcome outcome = writer(server.baseUrl(), KEY.value(), Duration.ofMillis(200), 2)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
        assertThat(outcome.reason()).contains("timeout", "2 tentative");
        assertThat(elapsedMs).as("two bounded attempts, not the bridge's 1.5 s each").isLessThan(1400);
    }

    @Test
    void aDownBridgeIsUnavailable() {
        String url = "http://127.0.0.1:" + fr.relais.support.HubTestSupport.freePort(); // nothing listens there
        WriteOutcome outcome = writer(url, KEY.value(), Duration.ofSeconds(1), 2)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1"));
        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
        assertThat(outcome.reason()).contains("ne répond pas");

        WriteOutcome notConfigured = writer("", KEY.value(), Duration.ofSeconds(1), 1)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-1"));
        assertThat(notConfigured.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
    }

    @Test
    void retriesAfterA503OrAResetCarryTheSameIdempotencyKeyAndSucceed() {
        WireMockServer wm = new WireMockServer(options().dynamicPort());
        wm.start();
        try {
            wm.stubFor(post(urlEqualTo("/v1/customers")).inScenario("flaky").whenScenarioStateIs("Started")
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                            .withBody("{\"code\":\"SAGE_LOCKED\",\"message\":\"busy\"}"))
                    .willSetStateTo("reset"));
            wm.stubFor(post(urlEqualTo("/v1/customers")).inScenario("flaky").whenScenarioStateIs("reset")
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
            wm.stubFor(post(urlEqualTo("/v1/customers")).inScenario("flaky").whenScenarioStateIs("ok")
                    .willReturn(aResponse().withStatus(201).withBody("{\"CT_Num\":\"CDUPONT\"}")));
            WriteOutcome outcome = writer(wm.baseUrl(), "k", Duration.ofSeconds(2), 3)
                    .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CDUPONT", dupont(), "w-42"));
            assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.ACCEPTED);
            wm.verify(3, postRequestedFor(urlEqualTo("/v1/customers")).withHeader("Idempotency-Key", equalTo("w-42"))
                    .withHeader("X-Api-Key", equalTo("k")));
        } finally {
            wm.stop();
        }
    }

    @Test
    void a422IsNeverRetried() {
        WireMockServer wm = new WireMockServer(options().dynamicPort());
        wm.start();
        try {
            wm.stubFor(patch(urlEqualTo("/v1/customers/CDUPONT")).willReturn(aResponse().withStatus(422)
                    .withBody("{\"code\":\"SAGE-E1234\",\"message\":\"Le code postal est invalide\",\"field\":\"CT_CodePostal\"}")));
            WriteOutcome outcome = writer(wm.baseUrl(), "k", Duration.ofSeconds(2), 3)
                    .write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "CDUPONT", Map.of("postcode", "7400"), "w-7"));
            assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.REFUSED);
            assertThat(outcome.reason()).contains("SAGE-E1234", "Le code postal est invalide");
            assertThat(wm.getAllServeEvents()).hasSize(1);
        } finally {
            wm.stop();
        }
    }
}
