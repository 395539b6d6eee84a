package fr.relais.mail.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.support.Http;
import fr.relais.support.HubTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** On the default transport (imap) the Outlook routes exist but do not start, and nothing of Graph is built. */
class OutlookRoutesImapModeTest extends HubTestSupport {

    @Autowired
    CamelContext camel;
    @Autowired
    ApplicationContext context;

    @Test
    void theOutlookRoutesStayStoppedAndHealthyWithImap() throws Exception {
        assertThat(camel.getRouteController().getRouteStatus("mail-graph-inbox")).isEqualTo(ServiceStatus.Stopped);
        assertThat(camel.getRouteController().getRouteStatus("mail-graph-sent")).isEqualTo(ServiceStatus.Stopped);
        assertThat(context.getBeansOfType(GraphMailbox.class)).isEmpty();
        assertThat(context.getBeansOfType(GraphMailSync.class)).isEmpty();

        JsonNode health = new ObjectMapper().readTree(Http.basic(ADMIN, PASSWORD).get(url("/actuator/health")).body());
        assertThat(health.path("components").path("camelHealth").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").has("outlook")).isFalse();
    }
}
