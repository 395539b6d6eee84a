package fr.relais.mail.graph;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import fr.relais.mail.transport.MailReceiver;
import fr.relais.mail.transport.StaffActions;
import fr.relais.store.JdbcIdempotentRepository;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The Microsoft Graph transport, built only when relais.mail.transport=graph. A missing tenant, client id,
 * secret or mailbox stops the start with a message naming the setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "relais.mail.transport", havingValue = "graph")
public class GraphConfig {

    /** processed_item processors of this transport. */
    static final String FETCHED = "graph-fetched";
    static final String HUB_SENT = "graph-hub-sent";

    @Bean
    GraphAccessTokens graphAccessTokens(OutlookProperties properties) {
        properties.checkComplete();
        return new GraphAccessTokens(properties, Clock.systemUTC());
    }

    @Bean
    GraphServiceClient graphServiceClient(OutlookProperties properties, GraphAccessTokens tokens) {
        return GraphClients.create(properties, new GraphHttpPolicy(tokens, properties, wait -> Thread.sleep(wait.toMillis())));
    }

    @Bean
    OutlookStatus outlookStatus() {
        return new OutlookStatus(Clock.systemUTC());
    }

    @Bean
    GraphFolders graphFolders(GraphServiceClient graph, OutlookProperties properties, DataSource dataSource) {
        return new GraphFolders(graph, properties, dataSource, Clock.systemUTC());
    }

    @Bean
    GraphMailSync graphMailSync(GraphServiceClient graph, OutlookProperties properties, DataSource dataSource,
                                GraphFolders folders, MailReceiver receiver, StaffActions staffActions, OutlookStatus status) {
        return new GraphMailSync(graph, properties, new GraphDeltaStore(dataSource, Clock.systemUTC()), folders, receiver,
                staffActions, new JdbcIdempotentRepository(dataSource, FETCHED), new JdbcIdempotentRepository(dataSource, HUB_SENT),
                status, Clock.systemUTC());
    }

    @Bean
    GraphMailbox graphMailbox(GraphServiceClient graph, OutlookProperties properties, GraphFolders folders, DataSource dataSource) {
        return new GraphMailbox(graph, properties, folders, new JdbcIdempotentRepository(dataSource, HUB_SENT), Clock.systemUTC());
    }

    /** {@code outlook} in /actuator/health. */
    @Bean
    HealthIndicator outlookHealthIndicator(OutlookStatus status, OutlookProperties properties) {
        return new OutlookHealthIndicator(status, properties);
    }
}
