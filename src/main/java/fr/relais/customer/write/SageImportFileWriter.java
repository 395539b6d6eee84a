package fr.relais.customer.write;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes Sage 100 customer accounts as import files in Sage's "format paramétrable" (delimited or fixed width,
 * column list configurable), one file per write, dropped atomically into the folder Sage imports from.
 * The answer is QUEUED: the account shows up in F_COMPTET once Sage has imported the file, and the sync sees it
 * on its next poll. A creation carries CT_Num and CT_Type = 0 (customer); an update carries CT_Num and only the
 * changed fields, the others left empty (the import format must be set to leave empty fields unchanged).
 */
public final class SageImportFileWriter implements SageWriter {

    private static final Logger log = LoggerFactory.getLogger(SageImportFileWriter.class);

    /** One column of the layout: the Sage field and its width (fixed width only; 0 = the column's length). */
    public record Column(String name, int width) {
        /** {@code CT_Intitule} or {@code CT_Intitule:69}. */
        public static Column parse(String spec) {
            String s = spec.strip();
            int colon = s.indexOf(':');
            if (colon < 0) {
                return new Column(s, 0);
            }
            return new Column(s.substring(0, colon).strip(), Integer.parseInt(s.substring(colon + 1).strip()));
        }
    }

    public enum Format { DELIMITED, FIXED }

    /**
     * @param format    delimited (separator between fields) or fixed width (each field padded to its width)
     * @param separator field separator of the delimited format (e.g. ";")
     * @param header    write a first line with the column names
     * @param charset   the file's charset (Sage: windows-1252)
     * @param lineEnd   line ending (Sage: CRLF)
     */
    public record Layout(Format format, String separator, boolean header, Charset charset, String lineEnd,
                         List<Column> columns) {
        public Layout {
            columns = List.copyOf(columns);
            for (Column column : columns) {
                if (!column.name().equals(SageFields.CT_NUM) && !column.name().equals(SageFields.CT_TYPE)
                        && !SageFields.COLUMN_TO_FIELD.containsKey(column.name())) {
                    throw new IllegalArgumentException("unknown Sage import column " + column.name() + "; known: "
                            + SageFields.CT_NUM + ", " + SageFields.CT_TYPE + ", " + String.join(", ", SageFields.COLUMN_TO_FIELD.keySet()));
                }
            }
            if (columns.stream().noneMatch(c -> c.name().equals(SageFields.CT_NUM))) {
                throw new IllegalArgumentException("the Sage import layout must contain CT_Num");
            }
        }
    }

    private final ImportFiles files;
    private final Layout layout;
    private final Shortener shortener;
    private final Supplier<ColumnLengths> lengths;

    public SageImportFileWriter(ImportFiles files, Layout layout, Shortener shortener, Supplier<ColumnLengths> lengths) {
        this.files = files;
        this.layout = layout;
        this.shortener = shortener;
        this.lengths = lengths;
    }

    @Override
    public WriteOutcome write(CustomerWrite write) {
        String target = write.targetId();
        if (target == null || target.isBlank()) {
            return refused(null, write.kind() == CustomerWrite.Kind.CREATE ? WriterMessages.format("no.account.number")
                    : WriterMessages.format("no.target.id", "Sage"));
        }
        ColumnLengths columnLengths = lengths.get();
        Map<String, String> prepared = new LinkedHashMap<>();
        SageFields.prepare(write).forEach((field, value) -> prepared.put(field, clean(value)));
        Shortener.Shortened shortened = shortener.shorten(prepared, SageFields.fieldLengths(columnLengths));
        if (!shortened.ok()) {
            var problem = shortened.problems().entrySet().iterator().next();
            String column = SageFields.column(problem.getKey());
            return refused(target, WriterMessages.format("field.too.long", problem.getKey(), "Sage " + column,
                    shortened.values().get(problem.getKey()).length(), columnLengths.of(column)));
        }
        Map<String, String> written = new LinkedHashMap<>();
        for (var e : shortened.values().entrySet()) {
            String folded = TextEncoding.fold(e.getValue(), layout.charset());
            String bad = TextEncoding.firstUnwritable(folded, layout.charset());
            if (bad != null) {
                return refused(target, WriterMessages.format("unencodable", e.getKey(), "le fichier d'import Sage",
                        layout.charset().name(), bad));
            }
            written.put(e.getKey(), folded);
        }
        Map<String, String> byColumn = SageFields.toColumns(written);
        byColumn.put(SageFields.CT_NUM, target);
        byColumn.put(SageFields.CT_TYPE, "0");
        StringBuilder text = new StringBuilder();
        if (layout.header()) {
            text.append(line(layout.columns().stream().map(Column::name).toList(), columnLengths)).append(layout.lineEnd());
        }
        List<String> values = new ArrayList<>();
        for (Column column : layout.columns()) {
            values.add(byColumn.getOrDefault(column.name(), ""));
        }
        text.append(line(values, columnLengths)).append(layout.lineEnd());
        try {
            Path file = files.write(target, ImportFiles.encode(text.toString(), layout.charset()));
            log.info("Sage import file {} written for account {} ({})", file.getFileName(), target, write.kind());
            return new WriteOutcome(WriteOutcome.Status.QUEUED, target, null, written);
        } catch (IOException e) {
            return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, target,
                    WriterMessages.format("file.failed", files.folder(), e.getMessage()), null);
        }
    }

    private String line(List<String> values, ColumnLengths columnLengths) {
        if (layout.format() == Format.DELIMITED) {
            return String.join(layout.separator(), values);
        }
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < values.size(); k++) {
            Column column = layout.columns().get(k);
            int width = width(column, columnLengths);
            String value = values.get(k);
            value = value.length() > width ? value.substring(0, width) : value;
            line.append(value).append(" ".repeat(width - value.length()));
        }
        return line.toString();
    }

    static int width(Column column, ColumnLengths columnLengths) {
        if (column.width() > 0) {
            return column.width();
        }
        if (column.name().equals(SageFields.CT_TYPE)) {
            return 1;
        }
        Integer length = columnLengths.of(column.name());
        return length == null ? SageFields.DOCUMENTED_LENGTHS.getOrDefault(column.name(), 35) : length;
    }

    /** No separator, tab or line break inside a value (Sage's import has no quoting). */
    private String clean(String value) {
        String v = value.replace("\r", " ").replace("\n", " ").replace("\t", " ");
        if (layout.format() == Format.DELIMITED && !layout.separator().isEmpty()) {
            v = v.replace(layout.separator(), layout.separator().equals(",") ? " " : ",");
        }
        return v;
    }

    private static WriteOutcome refused(String target, String reason) {
        return new WriteOutcome(WriteOutcome.Status.REFUSED, target, reason, null);
    }
}
