package fr.relais.mail.graph;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.zaxxer.hikari.HikariDataSource;
import fr.relais.store.JdbcIdempotentRepository;
import fr.relais.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The Graph transport's beans, built without Spring, with the real Graph SDK talking HTTP to {@link GraphFake}
 * and a migrated H2 hub store.
 */
abstract class GraphTestBase {

    static final String SAV_FOLDER = "Relais/SAV";

    GraphFake fake;
    HikariDataSource dataSource;
    OutlookProperties properties;
    Recording.Receiver receiver;
    Recording.Staff staff;
    Recording.Sleeper sleeper;
    OutlookStatus status;
    GraphAccessTokens tokens;
    GraphServiceClient graph;
    GraphMailSync sync;
    GraphMailbox mailbox;
    GraphDeltaStore deltas;

    @BeforeEach
    void startFake() {
        fake = new GraphFake().start();
        fake.token("token-1");
        dataSource = TestDatabase.H2.createMigrated();
        properties = properties(List.of());
        receiver = new Recording.Receiver();
        staff = new Recording.Staff();
        status = new OutlookStatus(Clock.systemUTC());
        build();
    }

    @AfterEach
    void stopFake() {
        fake.stop();
        dataSource.close();
    }

    OutlookProperties properties(List<String> staffAddresses) {
        return new OutlookProperties(GraphFake.TENANT, "client-1", "secret-1", GraphFake.MAILBOX, fake.graphUrl(), fake.root(),
                Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofSeconds(10),
                2, "inbox", staffAddresses, null);
    }

    /** A new set of beans over the same database: what a restart of the hub gives. */
    void build() {
        sleeper = new Recording.Sleeper();
        tokens = new GraphAccessTokens(properties, Clock.systemUTC());
        graph = GraphClients.create(properties, new GraphHttpPolicy(tokens, properties, sleeper));
        GraphFolders folders = new GraphFolders(graph, properties, dataSource, Clock.systemUTC());
        deltas = new GraphDeltaStore(dataSource, Clock.systemUTC());
        JdbcIdempotentRepository hubSent = new JdbcIdempotentRepository(dataSource, GraphConfig.HUB_SENT);
        sync = new GraphMailSync(graph, properties, deltas, folders, receiver, staff,
                new JdbcIdempotentRepository(dataSource, GraphConfig.FETCHED), hubSent, status, Clock.systemUTC());
        mailbox = new GraphMailbox(graph, properties, folders, hubSent, Clock.systemUTC());
    }
}
