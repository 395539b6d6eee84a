package fr.relais.erp;

import fr.relais.demo.DemoDatabasesConfiguration;
import fr.relais.sage.SageConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The ERP and Sage connectors in a Spring context: pools, health, validation, demo seeding. */
class ConnectorConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withUserConfiguration(ErpConfiguration.class, SageConfiguration.class, DemoDatabasesConfiguration.class);

    private String h2(String name) {
        return "jdbc:h2:file:" + dir.resolve(name) + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false";
    }

    static class NeedsErp {
        final DataSource erp;

        NeedsErp(@Qualifier("erpDataSource") DataSource erp) {
            this.erp = erp;
        }
    }

    @Test
    void demoModeSeedsBothDatabasesAndHealthIsUpForEach() {
        runner.withBean(NeedsErp.class)
                .withPropertyValues("relais.erp.url=" + h2("erp-sim"), "relais.erp.simulated=true",
                        "relais.erp.username=sa", "relais.sage.url=" + h2("sage-sim"), "relais.sage.simulated=true",
                        "relais.sage.username=sa")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // the hub's own DataSource is still auto-configured: the connector pools do not replace it
                    assertThat(context.getBean(DataSource.class)).isNotSameAs(context.getBean("erpDataSource"));
                    assertThat(context.getBean(NeedsErp.class).erp).isSameAs(context.getBean("erpDataSource"));

                    var erp = context.getBean("erpHealthIndicator", HealthIndicator.class).health();
                    assertThat(erp.getStatus()).isEqualTo(Status.UP);
                    assertThat(erp.getDetails()).containsKey("database").containsEntry("readOnlyPool", true);
                    var sage = context.getBean("sageHealthIndicator", HealthIndicator.class).health();
                    assertThat(sage.getStatus()).isEqualTo(Status.UP);

                    try (var c = context.getBean("sageDataSource", DataSource.class).getConnection();
                         var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Type = 0")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isGreaterThan(100);
                    }
                });
        // a restart does not seed twice
        runner.withPropertyValues("relais.erp.url=" + h2("erp-sim"), "relais.erp.simulated=true",
                        "relais.erp.username=sa", "relais.sage.url=" + h2("sage-sim"), "relais.sage.simulated=true",
                        "relais.sage.username=sa")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    try (var c = DriverManager.getConnection(h2("erp-sim"), "sa", "");
                         var rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT CLI_CODE) FROM CLIENT")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2)).isBetween(150, 200);
                    }
                });
    }

    @Test
    void withoutSimulationNothingIsCreated() {
        runner.withPropertyValues("relais.erp.url=" + h2("empty-erp"), "relais.erp.username=sa",
                        "relais.sage.url=" + h2("empty-sage"), "relais.sage.username=sa")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("erpHealthIndicator", HealthIndicator.class).health().getStatus())
                            .isEqualTo(Status.UP);
                    try (var c = DriverManager.getConnection(h2("empty-erp"), "sa", "");
                         var rs = c.getMetaData().getTables(null, null, "CLIENT", null)) {
                        assertThat(rs.next()).isFalse();
                    }
                });
    }

    @Test
    void healthIsDownWithAClearDetailWhenTheDatabaseCannotBeReached() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:erp";
        runner.withPropertyValues("relais.erp.url=" + url, "relais.erp.connect-timeout=4s", "relais.erp.username=relais",
                        "relais.erp.password=s3cret",
                        "relais.sage.url=" + h2("sage"), "relais.sage.username=sa")
                .run(context -> {
                    assertThat(context).hasNotFailed(); // a database that is down does not stop the hub
                    var erp = context.getBean("erpHealthIndicator", HealthIndicator.class).health();
                    assertThat(erp.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(erp.getDetails().get("error").toString()).contains("Connection refused")
                            .contains(String.valueOf(closedPort));
                    assertThat(erp.getDetails().toString()).doesNotContain("s3cret");
                    assertThat(erp.getDetails().get("url")).isEqualTo(url);
                    // the other connector is unaffected
                    assertThat(context.getBean("sageHealthIndicator", HealthIndicator.class).health().getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    @Test
    void aBlankUrlStopsTheStartNamingTheSetting() {
        runner.withPropertyValues("relais.erp.url=", "relais.erp.simulated=true", "relais.sage.url=" + h2("sage"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("relais.erp")
                            .contains("'url'")
                            .contains("must be a JDBC URL")
                            .doesNotContain("only allowed on an H2 URL"); // one error, the one that matters
                });
        runner.withPropertyValues("relais.erp.url=" + h2("erp"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("relais.sage").contains("'url'")
                            .contains("must be set");
                });
    }

    @Test
    void simulationIsRefusedOnARealDatabaseAndBadNamesAreRefused() {
        runner.withPropertyValues("relais.erp.url=jdbc:sqlserver://sql01:1433;databaseName=MDE_DOS_X",
                        "relais.erp.simulated=true", "relais.sage.url=" + h2("sage"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("relais.erp.simulated=true")
                            .contains("only allowed on an H2 URL");
                });
        runner.withPropertyValues("relais.erp.url=" + h2("erp"), "relais.erp.columns.customer.name=NOM; DROP TABLE X",
                        "relais.sage.url=" + h2("sage"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("columns.customer.name")
                            .contains("must be a SQL name");
                });
    }

    private static String messages(Throwable failure) {
        var all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
