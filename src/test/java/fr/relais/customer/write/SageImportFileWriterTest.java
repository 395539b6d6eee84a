package fr.relais.customer.write;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SageImportFileWriterTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final List<SageImportFileWriter.Column> COLUMNS = Stream.of(
            "CT_Num,CT_Intitule,CT_Type,CT_Adresse,CT_Complement,CT_CodePostal,CT_Ville,CT_Pays,CT_Telephone,CT_EMail,CT_Siret"
                    .split(",")).map(SageImportFileWriter.Column::parse).toList();

    @TempDir
    Path folder;

    private SageImportFileWriter writer(SageImportFileWriter.Format format, boolean header) {
        return new SageImportFileWriter(new ImportFiles(folder, "relais-clients", "txt", Clock.systemUTC()),
                new SageImportFileWriter.Layout(format, ";", header, CP1252, "\r\n", COLUMNS), Shortener.french(),
                () -> ColumnLengths.documented(SageFields.DOCUMENTED_LENGTHS));
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Société Civile Immobilière Les Balcons du Lac d'Annecy et du Semnoz; Talloires");
        fields.put("address1", "12 avenue du Petit Port");
        fields.put("postcode", "74290");
        fields.put("city", "Talloires-Montmin");
        fields.put("country", "FR");
        fields.put("phone", "04 50 60 70 80");
        fields.put("email", "sci.balcons@example.fr");
        fields.put("siret", "73282932000074");
        return fields;
    }

    private List<Path> files() throws IOException {
        try (var list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }

    @Test
    void aCreateIsOneDelimitedWindows1252FileWithCrlf() throws IOException {
        WriteOutcome outcome = writer(SageImportFileWriter.Format.DELIMITED, false)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CSCIBALC", fields(), "w-1"));

        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.QUEUED);
        assertThat(outcome.targetId()).isEqualTo("CSCIBALC");
        List<Path> files = files();
        assertThat(files).hasSize(1);
        Path file = files.get(0);
        assertThat(file.getFileName().toString()).startsWith("relais-clients-").endsWith("-CSCIBALC.txt");
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, CP1252);
        assertThat(text).endsWith("\r\n").doesNotContain("\r\n\r\n");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        String[] values = text.strip().split(";", -1);
        assertThat(values).hasSize(11);
        assertThat(values[0]).isEqualTo("CSCIBALC");
        assertThat(values[1]).as("SCI abbreviated, the ';' of the value replaced").isEqualTo(
                "SCI Les Balcons du Lac d'Annecy et du Semnoz, Talloires");
        assertThat(values[2]).isEqualTo("0");
        assertThat(values[3]).isEqualTo("12 avenue du Petit Port");
        assertThat(values[4]).isEmpty();
        assertThat(values[7]).isEqualTo("France");
        assertThat(values[10]).isEqualTo("73282932000074");
        assertThat(outcome.writtenValues()).containsEntry("name", values[1]);
        // é is one byte in windows-1252
        assertThat(new String(bytes, CP1252).getBytes(CP1252)).isEqualTo(bytes);
    }

    @Test
    void fixedWidthPadsEachFieldToItsLength() throws IOException {
        writer(SageImportFileWriter.Format.FIXED, false)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CSCIBALC", fields(), "w-1"));
        String line = new String(Files.readAllBytes(files().get(0)), CP1252);
        int expected = 17 + 69 + 1 + 35 + 35 + 9 + 35 + 35 + 21 + 69 + 15;
        assertThat(line).hasSize(expected + 2).endsWith("\r\n");
        assertThat(line.substring(0, 17)).isEqualTo("CSCIBALC         ");
        assertThat(line.substring(17 + 69, 17 + 69 + 1)).isEqualTo("0");
        assertThat(line.substring(17 + 69 + 1 + 35 + 35, 17 + 69 + 1 + 35 + 35 + 9)).isEqualTo("74290    ");
    }

    @Test
    void everyWriteIsItsOwnFileAndNothingIsOverwritten() throws IOException {
        SageImportFileWriter writer = writer(SageImportFileWriter.Format.DELIMITED, true);
        for (int k = 0; k < 5; k++) {
            writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CSCIBALC", fields(), "w-" + k));
        }
        writer.write(new CustomerWrite(CustomerWrite.Kind.UPDATE, "CSCIBALC", Map.of("phone", "04 50 00 00 01"), "w-9"));
        List<Path> files = files();
        assertThat(files).hasSize(6).allMatch(p -> p.toString().endsWith(".txt"));
        assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        String update = Files.readAllLines(files.get(5), CP1252).get(1);
        assertThat(update).isEqualTo("CSCIBALC;;0;;;;;;04 50 00 00 01;;");
        assertThat(Files.readAllLines(files.get(0), CP1252).get(0)).startsWith("CT_Num;CT_Intitule;CT_Type");
    }

    @Test
    void charactersWindows1252LacksAreFoldedOrRefused() throws IOException {
        Map<String, String> fields = fields();
        fields.put("name", "Łukasz Nowak");
        WriteOutcome folded = writer(SageImportFileWriter.Format.DELIMITED, false)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CNOWAK", fields, "w-1"));
        assertThat(folded.status()).isEqualTo(WriteOutcome.Status.QUEUED);
        assertThat(folded.writtenValues().get("name")).isEqualTo("Lukasz Nowak");

        fields.put("name", "Nowak 王");
        WriteOutcome refused = writer(SageImportFileWriter.Format.DELIMITED, false)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CNOWAK", fields, "w-2"));
        assertThat(refused.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(refused.reason()).contains("windows-1252", "王");
        assertThat(files()).hasSize(1);
    }

    @Test
    void aFieldThatCannotBeShortenedIsRefusedAndNoFileIsWritten() throws IOException {
        Map<String, String> fields = fields();
        fields.put("siret", "732 829 320 00074 / 2");
        WriteOutcome outcome = writer(SageImportFileWriter.Format.DELIMITED, false)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CSCIBALC", fields, "w-1"));
        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(outcome.reason()).contains("siret");
        assertThat(files()).isEmpty();
        WriteOutcome noNumber = writer(SageImportFileWriter.Format.DELIMITED, false)
                .write(new CustomerWrite(CustomerWrite.Kind.CREATE, null, fields(), "w-2"));
        assertThat(noNumber.status()).isEqualTo(WriteOutcome.Status.REFUSED);
        assertThat(files()).isEmpty();
    }

    @Test
    void anUnwritableFolderIsUnavailable() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("occupied"), "x");
        var writer = new SageImportFileWriter(new ImportFiles(notAFolder, "p", "txt", Clock.systemUTC()),
                new SageImportFileWriter.Layout(SageImportFileWriter.Format.DELIMITED, ";", false, CP1252, "\r\n", COLUMNS),
                Shortener.french(), () -> ColumnLengths.documented(SageFields.DOCUMENTED_LENGTHS));
        WriteOutcome outcome = writer.write(new CustomerWrite(CustomerWrite.Kind.CREATE, "CX", fields(), "w-1"));
        assertThat(outcome.status()).isEqualTo(WriteOutcome.Status.UNAVAILABLE);
    }
}
