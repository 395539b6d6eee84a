package fr.relais.demo.bridge;

import fr.relais.customer.write.ErpLayout;
import fr.relais.customer.write.ErpWriterProperties;
import fr.relais.erp.ErpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Demo mode (simulated ERP): a simulated MDE import runs every {@value #PERIOD_SECONDS} seconds on what the ERP
 * writer hands over (the import folder, or the staging table when the writer writes into the simulated ERP
 * database) and applies it to the simulated ERP's customers, as MDE's own import would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "relais.erp.simulated", havingValue = "true")
public class DemoErpImportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoErpImportConfiguration.class);

    static final int PERIOD_SECONDS = 2;

    /** The importer and the thread that runs it; stopped with the hub. */
    public record Running(SimulatedErpImporter importer, ScheduledExecutorService scheduler) implements AutoCloseable {
        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }

    @Bean
    Running simulatedErpImport(ErpProperties erp, ErpWriterProperties writer) {
        if (!erp.getUrl().startsWith("jdbc:h2:")) {
            throw new IllegalStateException("the simulated ERP import only writes into a simulated (H2) ERP database");
        }
        var dataSource = new DriverManagerDataSource(erp.getUrl(), erp.getUsername(), erp.getPassword());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "relais-demo-erp-import");
            thread.setDaemon(true);
            return thread;
        });
        SimulatedErpImporter importer;
        Runnable run;
        if (writer.getMode() == ErpWriterProperties.Mode.STAGING_TABLE) {
            var t = writer.getStagingTable();
            if (t.getUrl() != null && !t.getUrl().isBlank()) {
                return new Running(null, scheduler); // the staging table is elsewhere: nothing simulated
            }
            importer = new SimulatedErpImporter(dataSource, erp, ErpLayout.parse(t.getColumns()));
            run = () -> {
                try {
                    importer.importStagingTable(t.getTable());
                } catch (SQLException e) {
                    log.debug("Simulated ERP import: staging table not readable yet: {}", e.getMessage());
                }
            };
        } else {
            var f = writer.getImportFile();
            importer = new SimulatedErpImporter(dataSource, erp, ErpLayout.parse(f.getColumns()));
            run = () -> importer.importFiles(Path.of(f.getFolder()), f.getExtension(), f.getSeparator().charAt(0),
                    Charset.forName(f.getCharset()));
        }
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                log.warn("Simulated ERP import failed: {}", e.getMessage());
            }
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return new Running(importer, scheduler);
    }
}
