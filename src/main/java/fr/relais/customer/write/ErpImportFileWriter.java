package fr.relais.customer.write;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes MDE ERP customers as CSV import files (layout {@code relais.erp.writer.import-file.*}), one file per
 * write, dropped atomically into the folder the ERP imports from. Answers QUEUED: the ERP numbers a new customer
 * itself, and the sync sees it (and links it by the matching engine) on its next poll.
 */
public final class ErpImportFileWriter implements ErpWriter {

    private static final Logger log = LoggerFactory.getLogger(ErpImportFileWriter.class);

    private final ImportFiles files;
    private final ErpLayout layout;
    private final CSVFormat format;
    private final Charset charset;
    private final Shortener shortener;
    private final Supplier<ColumnLengths> lengths;
    private final Clock clock;

    /**
     * @param lengths lengths of the layout's columns (e.g. those of the ERP's customer table)
     */
    public ErpImportFileWriter(ImportFiles files, ErpLayout layout, char delimiter, boolean header, Charset charset,
                               Shortener shortener, Supplier<ColumnLengths> lengths, Clock clock) {
        this.files = files;
        this.layout = layout;
        this.charset = charset;
        this.shortener = shortener;
        this.lengths = lengths;
        this.clock = clock;
        CSVFormat.Builder builder = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setRecordSeparator("\r\n");
        if (header) {
            builder.setHeader(layout.columns().stream().map(ErpLayout.Column::name).toArray(String[]::new));
        }
        this.format = builder.get();
    }

    @Override
    public WriteOutcome write(CustomerWrite write) {
        if (write.kind() == CustomerWrite.Kind.UPDATE && (write.targetId() == null || write.targetId().isBlank())) {
            return new WriteOutcome(WriteOutcome.Status.REFUSED, null, WriterMessages.format("no.target.id", "l'ERP"), null);
        }
        ColumnLengths columnLengths = lengths.get();
        Shortener.Shortened shortened = shortener.shorten(write.fields(), layout.fieldLengths(columnLengths));
        if (!shortened.ok()) {
            var problem = shortened.problems().entrySet().iterator().next();
            return new WriteOutcome(WriteOutcome.Status.REFUSED, write.targetId(), WriterMessages.format("field.too.long",
                    problem.getKey(), "l'ERP", shortened.values().get(problem.getKey()).length(),
                    layout.fieldLengths(columnLengths).get(problem.getKey())), null);
        }
        Map<String, String> written = shortened.values();
        for (var e : written.entrySet()) {
            String bad = TextEncoding.firstUnwritable(e.getValue(), charset);
            if (bad != null) {
                return new WriteOutcome(WriteOutcome.Status.REFUSED, write.targetId(), WriterMessages.format("unencodable",
                        e.getKey(), "le fichier d'import de l'ERP", charset.name(), bad), null);
            }
        }
        StringBuilder text = new StringBuilder();
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        List<Object> row = new ArrayList<>();
        for (Object value : layout.row(write, written, now)) {
            row.add(value instanceof LocalDateTime t ? t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) : value);
        }
        try (CSVPrinter printer = new CSVPrinter(text, format)) {
            printer.printRecord(row);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringBuilder does not fail
        }
        try {
            String tag = write.targetId() != null ? write.targetId() : write.correlationId();
            Path file = files.write(tag, ImportFiles.encode(text.toString(), charset));
            log.info("ERP import file {} written ({})", file.getFileName(), write.kind());
            return new WriteOutcome(WriteOutcome.Status.QUEUED, write.targetId(), null, written);
        } catch (IOException e) {
            return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, write.targetId(),
                    WriterMessages.format("file.failed", files.folder(), e.getMessage()), null);
        }
    }
}
