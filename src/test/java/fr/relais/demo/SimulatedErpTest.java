package fr.relais.demo;

import fr.relais.erp.ErpProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static fr.relais.demo.SimulatedSageTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedErpTest {

    @TempDir
    Path dir;

    private final DemoData data = DemoDataGenerator.generate(DemoDataGenerator.DEFAULT_SEED, DemoDataGeneratorTest.TODAY);

    private ErpProperties properties(String file) {
        var p = new ErpProperties();
        p.setUrl("jdbc:h2:file:" + dir.resolve(file) + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false");
        p.setUsername("sa");
        p.setSimulated(true);
        return p;
    }

    private Connection open(ErpProperties p) throws SQLException {
        return DriverManager.getConnection(p.getUrl(), p.getUsername(), p.getPassword());
    }

    @Test
    void seedsOnceAndARestartDoesNotSeedAgain() throws Exception {
        var p = properties("erp-sim");
        var first = SimulatedErp.prepare(p, data);
        assertThat(first).isEqualTo(new SimulatedErp.SeedCounts(data.erpCustomers().size(), data.erpJobs().size(),
                data.erpInterventions().size()));
        assertThat(SimulatedErp.prepare(p, data)).isEqualTo(new SimulatedErp.SeedCounts(0, 0, 0));
        try (var c = open(p)) {
            assertThat(count(c, "SELECT COUNT(*) FROM CLIENT")).isEqualTo(data.erpCustomers().size());
            assertThat(count(c, "SELECT COUNT(*) FROM CHANTIER")).isEqualTo(data.erpJobs().size());
            assertThat(count(c, "SELECT COUNT(*) FROM INTERVENTION")).isEqualTo(data.erpInterventions().size());
            assertThat(count(c, "SELECT COUNT(*) FROM INTERVENTION WHERE INT_TYPE = 'DEPANNAGE' AND INT_STATUT = 'TERMINEE' "
                    + "AND INT_RAPPORT IS NOT NULL")).isPositive();
            // the identity goes on after the seeded ids
            c.createStatement().executeUpdate("INSERT INTO INTERVENTION (INT_CLIENT, INT_TYPE, INT_STATUT) VALUES ('C00001', 'ENTRETIEN', 'PLANIFIEE')");
            assertThat(count(c, "SELECT MAX(INT_ID) FROM INTERVENTION")).isEqualTo(data.erpInterventions().size() + 1L);
            // last-modified follows an update that does not set it
            c.createStatement().executeUpdate("UPDATE CLIENT SET CLI_TEL = '04 50 00 00 00' WHERE CLI_CODE = 'C00001'");
            try (var rs = c.createStatement().executeQuery("SELECT CLI_DATE_MODIF FROM CLIENT WHERE CLI_CODE = 'C00001'")) {
                rs.next();
                assertThat(rs.getTimestamp(1).toLocalDateTime()).isAfter(java.time.LocalDateTime.now().minusMinutes(1));
            }
        }
    }

    @Test
    void theSchemaUsesTheConfiguredNames() throws Exception {
        var p = properties("renamed");
        p.getTables().setCustomers("dbo.TIERS");
        p.getColumns().getCustomer().setName("RAISON_SOCIALE");
        p.getColumns().getCustomer().setLastModified("DATE_MAJ");
        p.getColumns().getIntervention().setReport("COMPTE_RENDU");
        assertThat(SimulatedErp.schemaStatements(p)).anyMatch(sql -> sql.contains("\"dbo\".\"TIERS\"")
                && sql.contains("\"RAISON_SOCIALE\"") && !sql.contains("CLI_NOM"));

        SimulatedErp.prepare(p, data);
        try (var c = open(p)) {
            assertThat(count(c, "SELECT COUNT(*) FROM dbo.TIERS WHERE RAISON_SOCIALE LIKE '%Régie du Lac%'")).isEqualTo(3);
            assertThat(count(c, "SELECT COUNT(*) FROM INTERVENTION WHERE COMPTE_RENDU IS NOT NULL")).isPositive();
            assertThat(columns(c, "TIERS")).contains("RAISON_SOCIALE", "DATE_MAJ").doesNotContain("CLI_NOM");
        }
    }

    @Test
    void aRenamedColumnOnAnExistingSimulationIsReportedClearly() {
        var p = properties("erp-sim");
        SimulatedErp.prepare(p, data);
        p.getColumns().getCustomer().setEmail("CLI_MAIL");
        assertThatThrownBy(() -> SimulatedErp.prepare(p, data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CLIENT.CLI_MAIL")
                .hasMessageContaining("relais.erp");
    }

    @Test
    void refusesToSimulateAnythingButH2() {
        var p = properties("x");
        p.setUrl("jdbc:sqlserver://sql01:1433;databaseName=MDE_DOS_RELAIS");
        assertThatThrownBy(() -> SimulatedErp.prepare(p, data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("relais.erp.simulated");
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var rs = c.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }
}
