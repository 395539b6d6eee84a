package fr.relais.mail.classify;

import fr.relais.cli.Command;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code export-corpus-eml --corpus corpus/heldout --out DIR}: writes each corpus mail as {@code <id>.eml}
 * (UTF-8, quoted-printable, RFC 2047 headers) and the expected labels in {@code DIR/labels.csv}
 * ({@code file,category,urgency}), so that {@code classify} can run on the corpus end to end.
 */
final class ExportCorpusCommand implements Command {

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        try {
            a = new CommandArgs(args);
        } catch (IllegalArgumentException e) {
            err.println("export-corpus-eml: " + e.getMessage());
            return 2;
        }
        if (a.get("corpus") == null || a.get("out") == null) {
            err.println("usage: export-corpus-eml --corpus corpus/heldout --out DIR");
            return 2;
        }
        Path dir = Path.of(a.get("out"));
        try {
            List<Corpus.Entry> entries = Corpus.read(Path.of(a.get("corpus")));
            Files.createDirectories(dir);
            try (Writer writer = Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader("file", "category", "urgency").get())) {
                for (Corpus.Entry e : entries) {
                    String name = e.id() + ".eml";
                    Files.write(dir.resolve(name), e.toEml());
                    csv.printRecord(name, e.category().name(), e.urgency().name());
                }
            }
            out.println("exported " + entries.size() + " mails to " + dir);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("export-corpus-eml: " + e);
            return 1;
        }
    }
}
