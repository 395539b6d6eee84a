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
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code classify --in DIR --out RESULTS.csv [--rules FILE] [--corpus TRAIN_DIR] [--threads N] [--explain]}:
 * classifies every {@code .eml} file of DIR and writes {@code file,category,urgency,confidence}. A file
 * that cannot be parsed still gets a line; a file that cannot even be read is classified from nothing.
 */
final class ClassifyCommand implements Command {

    static final String[] HEADER = {"file", "category", "urgency", "confidence"};

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        try {
            a = new CommandArgs(args);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (a.get("in") == null || a.get("out") == null) {
            return usage(err, "--in and --out are required");
        }
        Path in = Path.of(a.get("in"));
        Path outFile = Path.of(a.get("out"));
        if (!Files.isDirectory(in)) {
            return usage(err, "not a folder: " + in);
        }
        try {
            ClassificationRules rules = ClassificationRules.load(a.get("rules") == null ? null : Path.of(a.get("rules")));
            MailClassifier classifier = MailClassifier.fromCorpus(a.get("corpus") == null ? null : Path.of(a.get("corpus")), rules);
            List<Path> files;
            try (Stream<Path> list = Files.list(in)) {
                files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
                        .filter(Files::isRegularFile).sorted().toList();
            }
            List<Classification> results = classifyAll(classifier, files, a.integer("threads",
                    Runtime.getRuntime().availableProcessors()));
            if (outFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(outFile.toAbsolutePath().getParent());
            }
            try (Writer writer = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
                for (int i = 0; i < files.size(); i++) {
                    Classification c = results.get(i);
                    csv.printRecord(files.get(i).getFileName().toString(), c.category().name(), c.urgency().name(),
                            String.format(Locale.ROOT, "%.3f", c.confidence()));
                    if (a.flag("explain")) {
                        out.println(files.get(i).getFileName() + ": " + c.category() + " " + c.urgency() + " — "
                                + c.explanationText());
                    }
                }
            }
            out.println("classified " + files.size() + " mails into " + outFile);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("classify: " + e);
            return 1;
        }
    }

    static List<Classification> classifyAll(MailClassifier classifier, List<Path> files, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Classification>> futures = files.stream().map(f -> pool.submit(() -> classifyFile(classifier, f))).toList();
            return futures.stream().map(ClassifyCommand::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    private static Classification classifyFile(MailClassifier classifier, Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            raw = new byte[0];
        }
        return classifier.classify(raw);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("classify: " + problem);
        err.println("usage: classify --in DIR --out RESULTS.csv [--rules FILE] [--corpus TRAIN_DIR] [--threads N] [--explain]");
        return 2;
    }
}
