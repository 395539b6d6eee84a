package fr.relais.demo.bridge;

import fr.relais.customer.write.ColumnLengths;
import fr.relais.customer.write.SageFields;
import fr.relais.customer.write.SageImportFileWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A stand-in for Sage 100's "import paramétrable" run on the import folder, for the demo mode and the tests:
 * reads the files the {@link SageImportFileWriter} dropped (same layout), creates an account whose CT_Num is new
 * and updates the non-empty fields of one that exists, with the simulated bridge's checks, writing into the
 * SIMULATED Sage database. A file done moves to {@code imported/}; a file with a refused line moves to
 * {@code rejected/} with a {@code .log} beside it naming the line and Sage's reason (as Sage's import log does).
 * Hidden and {@code .tmp} files are never read.
 */
public final class SimulatedSageImporter {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSageImporter.class);

    /** What one run did. */
    public record Result(int files, int created, int updated, int rejected) {
    }

    private final Path folder;
    private final String extension;
    private final SageImportFileWriter.Layout layout;
    private final ColumnLengths lengths;
    private final SimulatedSageBridge sage;

    public SimulatedSageImporter(Path folder, String extension, SageImportFileWriter.Layout layout, SimulatedSageBridge sage) {
        this.folder = folder;
        this.extension = extension;
        this.layout = layout;
        this.lengths = ColumnLengths.documented(SageFields.DOCUMENTED_LENGTHS);
        this.sage = sage;
    }

    /** Imports every file waiting in the folder, oldest name first. */
    public synchronized Result importAll() {
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.getFileName().toString().endsWith("." + extension))
                    .sorted().toList();
        } catch (IOException e) {
            return new Result(0, 0, 0, 0); // no folder yet: nothing to import
        }
        int created = 0;
        int updated = 0;
        int rejected = 0;
        for (Path file : files) {
            List<String> problems = new ArrayList<>();
            try {
                List<String> lines = List.of(new String(Files.readAllBytes(file), layout.charset()).split("\r?\n"));
                for (int k = layout.header() ? 1 : 0; k < lines.size(); k++) {
                    if (lines.get(k).isBlank()) {
                        continue;
                    }
                    Map<String, String> fields = parse(lines.get(k));
                    String ctNum = fields.remove(SageFields.CT_NUM);
                    fields.remove(SageFields.CT_TYPE);
                    SimulatedSageBridge.Response response;
                    if (ctNum != null && sage.exists(ctNum)) {
                        fields.values().removeIf(String::isEmpty); // the format leaves empty fields unchanged
                        response = sage.importUpdate(ctNum, fields);
                        updated += response.status() == 200 ? 1 : 0;
                    } else {
                        fields.put(SageFields.CT_NUM, ctNum == null ? "" : ctNum);
                        response = sage.importCreate(fields);
                        created += response.status() == 201 ? 1 : 0;
                    }
                    if (response.status() >= 300) {
                        problems.add("line " + (k + 1) + ": " + response.body());
                    }
                }
            } catch (IOException | SQLException | RuntimeException e) {
                problems.add("file: " + e.getMessage());
            }
            rejected += problems.isEmpty() ? 0 : 1;
            move(file, problems);
        }
        if (!files.isEmpty()) {
            log.info("Simulated Sage import: {} file(s), {} account(s) created, {} updated, {} file(s) rejected",
                    files.size(), created, updated, rejected);
        }
        return new Result(files.size(), created, updated, rejected);
    }

    private Map<String, String> parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<SageImportFileWriter.Column> columns = layout.columns();
        if (layout.format() == SageImportFileWriter.Format.DELIMITED) {
            String[] values = line.split(Pattern.quote(layout.separator()), -1);
            for (int k = 0; k < columns.size(); k++) {
                fields.put(columns.get(k).name(), k < values.length ? values[k].strip() : "");
            }
        } else {
            int at = 0;
            for (SageImportFileWriter.Column column : columns) {
                int width = column.width() > 0 ? column.width()
                        : column.name().equals(SageFields.CT_TYPE) ? 1 : lengths.of(column.name());
                int end = Math.min(line.length(), at + width);
                fields.put(column.name(), at < line.length() ? line.substring(at, end).strip() : "");
                at += width;
            }
        }
        return fields;
    }

    private void move(Path file, List<String> problems) {
        try {
            Path target = folder.resolve(problems.isEmpty() ? "imported" : "rejected");
            Files.createDirectories(target);
            Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            if (!problems.isEmpty()) {
                Files.writeString(target.resolve(file.getFileName() + ".log"), String.join("\n", problems) + "\n",
                        StandardCharsets.UTF_8);
                log.warn("Simulated Sage import: {} rejected: {}", file.getFileName(), problems);
            }
        } catch (IOException e) {
            log.warn("Simulated Sage import: cannot move {}: {}", file, e.getMessage());
        }
    }
}
