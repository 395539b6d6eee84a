package fr.relais.mail.classify;

import fr.relais.cli.Command;

import java.util.Map;

/**
 * Command-line commands of the mail classifier:
 * {@code classify --in DIR --out RESULTS.csv}, {@code bench-classify --corpus corpus} and
 * {@code export-corpus-eml --corpus corpus/heldout --out DIR}.
 */
public final class ClassificationCommands {

    private ClassificationCommands() {
    }

    public static Map<String, Command> all() {
        return Map.of(
                "classify", new ClassifyCommand(),
                "bench-classify", new BenchClassifyCommand(),
                "export-corpus-eml", new ExportCorpusCommand());
    }
}
