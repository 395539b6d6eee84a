package fr.relais.customer.write;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.erp.ErpProperties;
import fr.relais.sage.SageProperties;
import fr.relais.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer beans chosen by configuration, without the whole hub. */
class CustomerWritersConfigurationTest {

    @TempDir
    Path dataDir;

    private HikariDataSource hub;
    private HikariDataSource sage;

    @BeforeEach
    void databases() {
        hub = TestDatabase.H2.createMigrated();
        sage = SimulatedDatabases.sage();
    }

    @AfterEach
    void close() {
        hub.close();
        sage.close();
    }

    private ApplicationContextRunner runner() {
        String erpUrl = "jdbc:h2:mem:erp_config_" + System.nanoTime() + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false;DB_CLOSE_DELAY=-1";
        return new ApplicationContextRunner()
                .withUserConfiguration(CustomerWritersConfiguration.class)
                .withBean("dataSource", DataSource.class, () -> hub)
                .withBean("sageDataSource", DataSource.class, () -> sage, d -> ((org.springframework.beans.factory.support.AbstractBeanDefinition) d).setDefaultCandidate(false))
                .withBean("erpDataSource", DataSource.class, () -> new org.springframework.jdbc.datasource.DriverManagerDataSource(erpUrl, "sa", ""),
                        d -> ((org.springframework.beans.factory.support.AbstractBeanDefinition) d).setDefaultCandidate(false))
                .withBean(SageProperties.class, () -> {
                    var p = new SageProperties();
                    p.setUrl("jdbc:h2:mem:unused");
                    return p;
                })
                .withBean(ErpProperties.class, () -> {
                    var p = new ErpProperties();
                    p.setUrl(erpUrl);
                    p.setUsername("sa");
                    p.setSimulated(true);
                    return p;
                });
    }

    @Test
    void importFileForSageAndStagingTableForTheErp() {
        runner().withPropertyValues("relais.sage.writer.mode=import-file",
                        "relais.sage.writer.import-file.folder=" + dataDir.resolve("sage"),
                        "relais.erp.writer.mode=staging-table")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SageWriter.class)).isInstanceOf(SageImportFileWriter.class);
                    ErpWriter erp = context.getBean(ErpWriter.class);
                    WriteOutcome outcome = erp.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null,
                            Map.of("name", "Martin Sophie", "city", "Annecy"), "w-1"));
                    assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.QUEUED);
                    var erpUrl = context.getBean(ErpProperties.class).getUrl();
                    try (var ds = new HikariDataSource()) {
                        ds.setJdbcUrl(erpUrl);
                        ds.setUsername("sa");
                        assertThat(new JdbcTemplate(ds).queryForObject("SELECT CLI_NOM FROM RELAIS_CLIENT_IMPORT", String.class))
                                .isEqualTo("Martin Sophie");
                    }
                    WriteOutcome sageOutcome = context.getBean(SageWriter.class).write(new CustomerWrite(
                            CustomerWrite.Kind.CREATE, context.getBean(AccountNumbers.class).allocate("Martin", "w-2"),
                            Map.of("name", "Martin Sophie"), "w-2"));
                    assertThat(sageOutcome.status()).isEqualTo(WriteOutcome.Status.QUEUED);
                    assertThat(sageOutcome.targetId()).isEqualTo("CMARTIN");
                    assertThat(dataDir.resolve("sage")).isDirectoryContaining("glob:**CMARTIN.txt");
                });
    }

    @Test
    void bridgeWithoutUrlOutsideDemoAnswersUnavailable() {
        runner().run(context -> {
            assertThat(context.getBean(SageWriter.class)).isInstanceOf(SageBridgeWriter.class);
            assertThat(context.getBean(ErpWriter.class)).isInstanceOf(ErpImportFileWriter.class);
            WriteOutcome outcome = context.getBean(SageWriter.class)
                    .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CX", Map.of("name", "X"), "w-1"));
            assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
            assertThat(outcome.reason()).contains("relais.sage.writer.bridge.base-url");
        });
    }

    @Test
    void aPlainHttpBridgeStopsTheStart() {
        runner().withPropertyValues("relais.sage.writer.bridge.base-url=http://sage01.example.local", "relais.sage.writer.bridge.api-key=x")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("RELAIS_SAGE_WRITER_BRIDGE_BASE_URL"));
    }
}
