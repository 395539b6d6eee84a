package fr.relais.customer.write;

import com.zaxxer.hikari.HikariDataSource;
import fr.relais.demo.bridge.SimulatedSageBridge;
import fr.relais.demo.bridge.SimulatedSageImporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sage import file, read back by the simulated Sage import into a simulated Sage database. */
class SimulatedSageImportTest {

    @TempDir
    Path folder;

    private HikariDataSource sage;

    @BeforeEach
    void sage() {
        sage = SimulatedDatabases.sage();
    }

    @AfterEach
    void close() {
        sage.close();
    }

    @ParameterizedTest
    @EnumSource(SageImportFileWriter.Format.class)
    void anImportFileBecomesAnAccountInSage(SageImportFileWriter.Format format) throws Exception {
        var layout = new SageImportFileWriter.Layout(format, ";", format == SageImportFileWriter.Format.DELIMITED,
                Charset.forName("windows-1252"), "\r\n", Stream.of("CT_Num,CT_Intitule,CT_Type,CT_Adresse,CT_Complement,"
                + "CT_CodePostal,CT_Ville,CT_Pays,CT_Telephone,CT_EMail,CT_Siret").flatMap(s -> Stream.of(s.split(","))).map(SageImportFileWriter.Column::parse).toList());
        var writer = new SageImportFileWriter(new ImportFiles(folder, "relais-clients", "txt", Clock.systemUTC()), layout,
                Shortener.french(), () -> ColumnLengths.read(sage, SageFields.TABLE, SageFields.DOCUMENTED_LENGTHS));
        var importer = new SimulatedSageImporter(folder, "txt", layout,
                new SimulatedSageBridge(sage, new SageBridgeApiKey("k", false)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Crèche Les Écureuils");
        fields.put("address1", "5 allée des Cèdres");
        fields.put("postcode", "74370");
        fields.put("city", "Saint-Martin-Bellevue");
        fields.put("country", "FR");

        assertThat(writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CCRECHE", fields, "w-1")).status())
                .isEqualTo(WriteOutcome.Status.QUEUED);
        assertThat(writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, "bad number", fields, "w-2")).status())
                .isEqualTo(WriteOutcome.Status.QUEUED);
        var first = importer.importAll();
        assertThat(first.files()).isEqualTo(2);
        assertThat(first.created()).isEqualTo(1);
        assertThat(first.rejected()).isEqualTo(1);

        writer.write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "CCRECHE", Map.of("phone", "04 50 01 02 03"), "w-3"));
        assertThat(importer.importAll().updated()).isEqualTo(1);

        var row = new org.springframework.jdbc.core.JdbcTemplate(sage)
                .queryForMap("SELECT * FROM F_COMPTET WHERE CT_Num = 'CCRECHE'");
        assertThat(row).containsEntry("CT_Intitule", "Crèche Les Écureuils").containsEntry("CT_Ville", "Saint-Martin-Bellevue")
                .containsEntry("CT_Adresse", "5 allée des Cèdres").containsEntry("CT_Pays", "France")
                .containsEntry("CT_Telephone", "04 50 01 02 03");
        assertThat(files("imported")).hasSize(2);
        assertThat(files("rejected")).hasSize(2); // the file and its log
        assertThat(Files.readString(files("rejected").stream().filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow()))
                .contains("CT_NUM_INVALID");
        assertThat(importer.importAll().files()).as("nothing left").isZero();
    }

    private java.util.List<Path> files(String sub) throws IOException {
        try (var list = Files.list(folder.resolve(sub))) {
            return list.toList();
        }
    }
}
