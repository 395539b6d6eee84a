package fr.relais.customer.sync;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.relais.store.TestDatabase;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real routes/customers-sync.yaml in a small Camel context (timers, beans) over the sync fixture, at the
 * default poll delay of connectors/sync.yaml (2 s): a change reaches the other side within 5 s, a Sage that is
 * down costs one log line per cycle and the sync resumes by itself.
 */
class CustomersSyncRouteTest {

    @TempDir
    Path temp;

    SyncFixture f;
    DefaultCamelContext camel;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        f = new SyncFixture(TestDatabase.H2, SyncFixture.SageMode.BRIDGE, temp);
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        Properties p = new Properties();
        p.setProperty("relais.sync.enabled", "true");
        p.setProperty("relais.sync.erp-poll-delay", "2000");
        p.setProperty("relais.sync.sage-poll-delay", "2000");
        p.setProperty("relais.sync.keys-poll-delay", "600000");
        p.setProperty("relais.sync.initial-delay", "0");
        camel.getPropertiesComponent().setInitialProperties(p);
        // attempts of an unreachable write spaced 1 s, 2 s, 4 s... (connectors/sync.yaml: 30 s, 1 min...)
        f.sync = f.newSync(new CustomerSync.Settings(Duration.ofMinutes(2), true, 5, Duration.ofSeconds(1)));
        camel.getRegistry().bind("customerSync", f.sync);
        var loader = PluginHelper.getRoutesLoader(camel);
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/error-handling.yaml"));
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:routes/customers-sync.yaml"));
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        camel.start();
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        camel.stop();
        f.close();
    }

    @Test
    void aNewErpCustomerIsWrittenInSageWithinFiveSecondsAtTheDefaultPollDelay() {
        await().atMost(Duration.ofSeconds(10)).until(() -> f.store.highWaterMark(SyncSystem.ERP).isPresent()
                && f.store.highWaterMark(SyncSystem.SAGE).isPresent());
        long start = System.nanoTime();
        f.erpCustomer("C00200", "Hélène Mercier", "14 rue Royale", "74000", "Annecy", "06 21 32 43 54", "h.mercier@example.fr");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> f.sageCustomers() == 1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("customer sync route: ERP change → Sage account in " + took.toMillis() + " ms");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(f.sageRow("CHELENE")).containsEntry("CT_Intitule", "Hélène Mercier");
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("customers-sync-erp: ERP: 1 row(s) read") && m.contains("created=1")));
    }

    @Test
    void aSageThatIsDownCostsOneLogLinePerCycleAndTheSyncResumesByItself() {
        await().atMost(Duration.ofSeconds(10)).until(() -> f.store.highWaterMark(SyncSystem.SAGE).isPresent()
                && f.store.highWaterMark(SyncSystem.ERP).isPresent());
        f.sage.down.set(true);
        f.erpCustomer("C00201", "Bruno Collet", "2 quai Perrière", "74000", "Annecy", "06 98 76 54 32", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.list.stream()
                .filter(e -> e.getFormattedMessage().startsWith("customers-sync-sage: cycle skipped, Sage cannot be read")).count() >= 2);
        assertThat(logs.list.stream().filter(e -> e.getFormattedMessage().contains("customers-sync-sage: cycle skipped"))
                .allMatch(e -> e.getFormattedMessage().contains("Connection refused"))).isTrue();
        assertThat(camel.getRouteController().getRouteStatus("customers-sync-sage").isStarted()).isTrue();
        assertThat(f.sageCustomers()).isZero();

        f.sage.down.set(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> !f.links(SyncSystem.SAGE).isEmpty());
        assertThat(f.links(SyncSystem.SAGE)).containsExactly("CBRUNOC");
        assertThat(f.sageCustomers()).isEqualTo(1);
    }
}
