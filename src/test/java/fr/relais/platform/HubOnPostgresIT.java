package fr.relais.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production shape of the store, by configuration only: the whole hub on a real PostgreSQL (embedded,
 * no Docker) through relais.store.url — migrations, health, and a ticket written through the API. An
 * integration test (Failsafe) so that it runs in a JVM of its own, not beside the cached demo hub.
 */
class HubOnPostgresIT extends HubTestSupport {

    static final EmbeddedPostgres POSTGRES = start();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("relais.store.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("relais.store.username", () -> "postgres");
        registry.add("relais.store.password", () -> "postgres");
    }

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @Test
    void theHubRunsOnPostgresql() throws Exception {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class)).isGreaterThanOrEqualTo(3);

        JsonNode health = new ObjectMapper().readTree(Http.basic(ADMIN, PASSWORD).get(url("/actuator/health")).body());
        assertThat(health.path("components").path("hubDatabase").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("hubDatabase").path("details").path("database").asText()).isEqualTo("PostgreSQL");

        var created = Http.basic(ADMIN, PASSWORD).post(url("/api/tickets"), "application/json",
                "{\"subject\":\"Rappeler Mme Girod\",\"category\":\"SAV\",\"urgency\":\"NORMAL\",\"origin\":\"PHONE\","
                        + "\"contact\":{\"name\":\"Mme Girod\",\"phone\":\"04 50 12 34 56\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket WHERE subject = 'Rappeler Mme Girod'", Integer.class)).isEqualTo(1);
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
