package fr.relais.customer.write;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.relais.demo.SimulatedErp;
import fr.relais.erp.ErpProperties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two ERP writers on a simulated ERP database (H2, SQL Server mode): import file and staging table. */
class ErpWritersTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path folder;

    private HikariDataSource erp;
    private final ErpProperties properties = new ErpProperties();

    @BeforeEach
    void simulatedErp() throws SQLException {
        var config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:erp_writers_" + COUNTER.incrementAndGet() + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(3);
        erp = new HikariDataSource(config);
        try (Connection connection = erp.getConnection()) {
            SimulatedErp.createSchema(connection, properties);
        }
    }

    @AfterEach
    void close() {
        erp.close();
    }

    private static Map<String, String> martin() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Martin Sophie");
        fields.put("address1", "3 chemin des Vignes; lieu-dit \"Les Crêts\"");
        fields.put("postcode", "74940");
        fields.put("city", "Annecy-le-Vieux");
        fields.put("phone", "+33450112233");
        fields.put("email", "sophie.martin@example.fr");
        return fields;
    }

    private List<Path> files() throws IOException {
        try (var list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }

    @Test
    void importFileIsOneCsvPerWriteWithTheConfiguredColumns() throws IOException {
        ErpLayout layout = ErpLayout.parse(ErpWriterProperties.DEFAULT_FILE_COLUMNS);
        var writer = new ErpImportFileWriter(new ImportFiles(folder, "relais-clients", "csv", Clock.systemUTC()), layout, ';',
                true, CP1252, Shortener.french(),
                () -> CustomerWritersConfiguration.erpCustomerLengths(erp, properties, layout), Clock.systemUTC());

        WriteOutcome created = writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, martin(), "w-1"));
        WriteOutcome updated = writer.write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "C00042", Map.of("phone", "04 50 11 22 33"), "w-2"));

        assertThat(created.status()).isEqualTo(WriteOutcome.Status.QUEUED);
        assertThat(updated.status()).isEqualTo(WriteOutcome.Status.QUEUED);
        List<Path> files = files();
        assertThat(files).hasSize(2).allMatch(p -> p.toString().endsWith(".csv"));
        List<CSVRecord> first = read(files.get(0));
        assertThat(first.get(0).toMap()).containsEntry("OPERATION", "CREATE").containsEntry("CLI_CODE", "")
                .containsEntry("CLI_NOM", "Martin Sophie")
                .containsEntry("CLI_ADRESSE1", "3 chemin des Vignes; lieu-dit \"Les Crêts\"")
                .containsEntry("CLI_VILLE", "Annecy-le-Vieux").containsEntry("RELAIS_REF", "w-1");
        assertThat(read(files.get(1)).get(0).toMap()).containsEntry("OPERATION", "UPDATE").containsEntry("CLI_CODE", "C00042")
                .containsEntry("CLI_TEL", "04 50 11 22 33").containsEntry("CLI_NOM", "");
        assertThat(new String(Files.readAllBytes(files.get(0)), CP1252)).contains("\r\n");
    }

    @Test
    void importFileShortensToTheErpColumnLengthsReadFromTheCatalogue() throws IOException {
        ErpLayout layout = ErpLayout.parse(ErpWriterProperties.DEFAULT_FILE_COLUMNS);
        ColumnLengths lengths = CustomerWritersConfiguration.erpCustomerLengths(erp, properties, layout);
        assertThat(lengths.fromCatalogue()).isTrue();
        assertThat(lengths.of("CLI_VILLE")).isEqualTo(60);
        assertThat(lengths.of("CLI_CP")).isEqualTo(10);

        Map<String, String> fields = martin();
        fields.put("name", "Syndicat des Copropriétaires de la Résidence Les Jardins du Pâquier, représenté par la Régie du Lac, 74000 Annecy");
        var writer = new ErpImportFileWriter(new ImportFiles(folder, "p", "csv", Clock.systemUTC()), layout, ';', true, CP1252,
                Shortener.french(), () -> lengths, Clock.systemUTC());
        WriteOutcome outcome = writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, fields, "w-1"));
        assertThat(outcome.writtenValues().get("name")).hasSizeLessThanOrEqualTo(100).startsWith("Synd. copr. de la");
        assertThat(read(files().get(0)).get(0).get("CLI_NOM")).isEqualTo(outcome.writtenValues().get("name"));
    }

    @Test
    void stagingTableGetsOneRowPerWriteInOneTransaction() throws SQLException {
        ErpLayout layout = ErpLayout.parse(ErpWriterProperties.DEFAULT_TABLE_COLUMNS);
        ErpStagingTableWriter.createStagingTable(erp, "RELAIS_CLIENT_IMPORT", layout);
        ErpStagingTableWriter.createStagingTable(erp, "RELAIS_CLIENT_IMPORT", layout); // idempotent
        var writer = new ErpStagingTableWriter(erp, "RELAIS_CLIENT_IMPORT", layout, Shortener.french(),
                ColumnLengths.cached(() -> ColumnLengths.read(erp, "RELAIS_CLIENT_IMPORT", Map.of())), Clock.systemUTC());

        WriteOutcome outcome = writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, martin(), "w-1"));
        WriteOutcome again = writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, martin(), "w-1"));

        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.QUEUED);
        assertThat(again.status()).as("same write again: not a second row").isEqualTo(WriteOutcome.Status.QUEUED);
        List<Map<String, Object>> rows = rows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("OPERATION", "CREATE").containsEntry("CLI_NOM", "Martin Sophie")
                .containsEntry("CLI_ADRESSE1", "3 chemin des Vignes; lieu-dit \"Les Crêts\"").containsEntry("RELAIS_REF", "w-1")
                .containsEntry("STATUT", "A_TRAITER");
        assertThat(rows.get(0).get("DATE_DEMANDE")).isNotNull();
    }

    @Test
    void stagingTableRefusalAndOutage() throws SQLException {
        ErpLayout layout = ErpLayout.parse("OPERATION:@operation,CLI_CODE:@targetId,CLI_NOM:name,RELAIS_REF:@correlationId");
        ErpStagingTableWriter.createStagingTable(erp, "dbo.RELAIS_CLIENT_IMPORT", layout);
        var writer = new ErpStagingTableWriter(erp, "dbo.RELAIS_CLIENT_IMPORT", layout, Shortener.french(),
                () -> ColumnLengths.documented(Map.of()), Clock.systemUTC()); // lengths unknown: the database refuses
        Map<String, String> longName = Map.of("name", "N".repeat(150));
        WriteOutcome refused = writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, longName, "w-1"));
        assertThat(refused.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(refused.reason()).contains("dbo.RELAIS_CLIENT_IMPORT");
        WriteOutcome update = writer.write(new CustomerWrite(CustomerWrite.Kind.UPDATE, null, Map.of("name", "x"), "w-2"));
        assertThat(update.status()).as("an update needs the ERP code").isEqualTo(WriteOutcome.Status.REFUSED);

        erp.close();
        WriteOutcome down = writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, Map.of("name", "x"), "w-3"));
        assertThat(down.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
    }

    @Test
    void theSimulatedErpImportAppliesFilesAndStagingRowsToTheCustomersTable() throws SQLException {
        ErpLayout fileLayout = ErpLayout.parse(ErpWriterProperties.DEFAULT_FILE_COLUMNS);
        var files = new ErpImportFileWriter(new ImportFiles(folder, "relais-clients", "csv", Clock.systemUTC()), fileLayout,
                ';', true, CP1252, Shortener.french(), () -> CustomerWritersConfiguration.erpCustomerLengths(erp, properties, fileLayout),
                Clock.systemUTC());
        files.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, martin(), "w-1"));
        files.write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, Map.of("name", ""), "w-2"));
        var fromFiles = new fr.relais.demo.bridge.SimulatedErpImporter(erp, properties, fileLayout)
                .importFiles(folder, "csv", ';', CP1252);
        assertThat(fromFiles.created()).isEqualTo(1);
        assertThat(fromFiles.rejected()).isEqualTo(1);
        var jdbc = new org.springframework.jdbc.core.JdbcTemplate(erp);
        assertThat(jdbc.queryForMap("SELECT CLI_CODE, CLI_NOM, CLI_VILLE FROM CLIENT WHERE CLI_NOM = 'Martin Sophie'"))
                .containsEntry("CLI_CODE", "C00001").containsEntry("CLI_VILLE", "Annecy-le-Vieux");

        ErpLayout tableLayout = ErpLayout.parse(ErpWriterProperties.DEFAULT_TABLE_COLUMNS);
        ErpStagingTableWriter.createStagingTable(erp, "RELAIS_CLIENT_IMPORT", tableLayout);
        var staging = new ErpStagingTableWriter(erp, "RELAIS_CLIENT_IMPORT", tableLayout, Shortener.french(),
                () -> ColumnLengths.read(erp, "RELAIS_CLIENT_IMPORT", Map.of()), Clock.systemUTC());
        staging.write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "C00001", Map.of("phone", "04 50 99 88 77"), "w-3"));
        staging.write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "C09999", Map.of("phone", "04 50 99 88 77"), "w-4"));
        var fromTable = new fr.relais.demo.bridge.SimulatedErpImporter(erp, properties, tableLayout)
                .importStagingTable("RELAIS_CLIENT_IMPORT");
        assertThat(fromTable.updated()).isEqualTo(1);
        assertThat(fromTable.rejected()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT CLI_TEL FROM CLIENT WHERE CLI_CODE = 'C00001'", String.class)).isEqualTo("04 50 99 88 77");
        assertThat(jdbc.queryForList("SELECT STATUT FROM RELAIS_CLIENT_IMPORT ORDER BY STAGING_ID", String.class))
                .containsExactly("TRAITE", "REJETE");
    }

    @Test
    void layoutsAreChecked() {
        assertThatThrownBy(() -> ErpLayout.parse("CLI_NOM:nom")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nom");
        assertThatThrownBy(() -> ErpLayout.parse("CLI NOM:name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErpStagingTableWriter(erp, "T; DROP TABLE X", ErpLayout.parse("A:name"), Shortener.french(),
                () -> ColumnLengths.documented(Map.of()), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Map<String, Object>> rows() throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = erp.getConnection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM RELAIS_CLIENT_IMPORT ORDER BY STAGING_ID")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                    row.put(rs.getMetaData().getColumnName(k), rs.getObject(k));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), CP1252);
        return CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
    }
}
