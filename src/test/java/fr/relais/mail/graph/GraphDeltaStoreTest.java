package fr.relais.mail.graph;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.store.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** graph_delta_state (V6) on both databases of the hub store: long links, one row per mailbox and folder. */
class GraphDeltaStoreTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void savesReplacesAndForgetsTheResumePoint(TestDatabase database) {
        try (HikariDataSource dataSource = database.createMigrated()) {
            GraphDeltaStore store = new GraphDeltaStore(dataSource, Clock.systemUTC());
            String longLink = "https://graph.microsoft.com/v1.0/users/contact@relais.fr/mailFolders/inbox/messages/delta?$deltatoken="
                    + "x".repeat(3000);

            assertThat(store.load("contact@relais.fr", "inbox")).isEmpty();
            store.save("contact@relais.fr", "inbox", "https://next/1", "next");
            store.save("Contact@Relais.fr", "inbox", longLink, "delta");
            store.save("contact@relais.fr", "sentitems", "https://next/s", "next");

            assertThat(store.load("contact@relais.fr", "inbox")).contains(new GraphDeltaStore.Link(longLink, "delta"));
            assertThat(store.load("contact@relais.fr", "sentitems")).contains(new GraphDeltaStore.Link("https://next/s", "next"));
            assertThat(store.load("other@relais.fr", "inbox")).isEmpty();

            store.reset("contact@relais.fr", "inbox");
            assertThat(store.load("contact@relais.fr", "inbox")).isEmpty();
            assertThat(store.load("contact@relais.fr", "sentitems")).isPresent();
        }
    }
}
