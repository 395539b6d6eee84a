package fr.relais.demo.bridge;

import fr.relais.customer.write.CustomerWritersConfiguration;
import fr.relais.customer.write.SageBridgeApiKey;
import fr.relais.customer.write.SageWriterProperties;
import fr.relais.sage.SageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Demo mode with the Sage writer in import-file mode: a simulated Sage import runs on the import folder every
 * {@value #PERIOD_SECONDS} seconds and writes into the simulated Sage database, as Sage's scheduled import would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(DemoSageImportConfiguration.ENABLED)
public class DemoSageImportConfiguration {

    public static final String ENABLED = "${relais.sage.simulated:false}"
            + " and '${relais.sage.writer.mode:bridge}'.replace('_', '-').equalsIgnoreCase('import-file')";

    static final int PERIOD_SECONDS = 2;

    /** The importer and the thread that runs it; stopped with the hub. */
    public record Running(SimulatedSageImporter importer, ScheduledExecutorService scheduler) implements AutoCloseable {
        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }

    @Bean
    Running simulatedSageImport(SageProperties sage, SageWriterProperties writer) {
        if (!sage.getUrl().startsWith("jdbc:h2:")) {
            throw new IllegalStateException("the simulated Sage import only writes into a simulated (H2) Sage database");
        }
        var bridge = new SimulatedSageBridge(new DriverManagerDataSource(sage.getUrl(), sage.getUsername(), sage.getPassword()),
                SageBridgeApiKey.from("", false));
        var f = writer.getImportFile();
        var importer = new SimulatedSageImporter(Path.of(f.getFolder()), f.getExtension(),
                CustomerWritersConfiguration.sageImportLayout(f), bridge);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "relais-demo-sage-import");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                importer.importAll();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DemoSageImportConfiguration.class).warn("Simulated Sage import failed: {}", e.getMessage());
            }
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return new Running(importer, scheduler);
    }
}
