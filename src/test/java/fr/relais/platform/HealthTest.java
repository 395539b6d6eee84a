package fr.relais.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest extends HubTestSupport {

    @Test
    void everyConnectorIsUpOnTheEmbeddedDefaults() throws Exception {
        var response = Http.basic(ADMIN, PASSWORD).get(url("/actuator/health"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        for (String connector : new String[] {"hubDatabase", "broker", "erp", "sage", "mail", "share", "camelHealth"}) {
            assertThat(health.path("components").path(connector).path("status").asText()).as(connector).isEqualTo("UP");
        }
        assertThat(health.path("components").path("share").path("details").path("root").asText())
                .startsWith(DATA_DIR.toString());
    }

    @Test
    void aConnectorThatFailsTurnsHealthDownAndRecovers() throws Exception {
        Path share = DATA_DIR.resolve("share");
        Path moved = DATA_DIR.resolve("share-unmounted");
        Files.move(share, moved);
        try {
            var down = Http.basic(ADMIN, PASSWORD).get(url("/actuator/health"));
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode health = new ObjectMapper().readTree(down.body());
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("components").path("share").path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("components").path("share").path("details").path("error").asText()).contains(DATA_DIR.resolve("share").toString());
            assertThat(health.path("components").path("hubDatabase").path("status").asText()).isEqualTo("UP");
        } finally {
            Files.move(moved, share);
        }
        assertThat(Http.basic(ADMIN, PASSWORD).get(url("/actuator/health")).statusCode()).isEqualTo(200);
    }
}
