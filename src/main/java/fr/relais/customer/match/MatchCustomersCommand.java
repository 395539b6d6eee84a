package fr.relais.customer.match;

import fr.relais.cli.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code match-customers --erp ERP.csv --sage SAGE.csv --out MATCHES.csv [--out-duplicates DUPS.csv]
 * [--explanations EXPLAIN.csv] [--config customer-matching.yaml]}.
 * Exit 0 on success, 2 on a usage error or a malformed input file (file, line and reason on stderr).
 */
public final class MatchCustomersCommand implements Command {

    public static final String NAME = "match-customers";
    static final List<String> MATCHES_HEADER = List.of("erp_id", "sage_id", "score", "decision");
    static final List<String> DUPS_HEADER = List.of("system", "id_a", "id_b", "score", "decision");
    static final List<String> EXPLAIN_HEADER = List.of("erp_id", "sage_id", "score", "decision", "explanation");
    private static final String USAGE = "usage: match-customers --erp ERP.csv --sage SAGE.csv --out MATCHES.csv "
            + "[--out-duplicates DUPS.csv] [--explanations EXPLAIN.csv] [--config customer-matching.yaml]";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        MatchingConfig config;
        try {
            a = CommandArgs.parse(args, Set.of("erp", "sage", "out", "out-duplicates", "explanations", "config"));
            a.required("erp");
            a.required("sage");
            a.required("out");
            config = a.get("config") == null ? MatchingConfig.defaults() : MatchingConfig.load(Path.of(a.get("config")));
        } catch (IllegalArgumentException | IOException e) {
            err.println("match-customers: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        long t0 = System.nanoTime();
        List<CustomerRecord> erp;
        List<CustomerRecord> sage;
        try {
            erp = CustomerCsv.read(Path.of(a.get("erp")));
            sage = CustomerCsv.read(Path.of(a.get("sage")));
        } catch (CustomerFileException e) {
            err.println("match-customers: refused " + e.getMessage());
            return 2;
        }
        CustomerMatcher matcher = new CustomerMatcher(config);
        CustomerMatcher.SystemsMatch result = matcher.matchSystems(erp, sage);
        List<PairMatch> pairs = new ArrayList<>(result.pairs());
        pairs.sort(Comparator.comparing((PairMatch p) -> p.a().id()).thenComparing(p -> p.b().id()));
        try {
            Map<Double, String> formatted = new HashMap<>();
            List<List<String>> rows = new ArrayList<>(pairs.size());
            for (PairMatch p : pairs) {
                rows.add(List.of(p.a().id(), p.b().id(), score(p.score(), formatted), p.decision().name()));
            }
            write(Path.of(a.get("out")), MATCHES_HEADER, rows);
            if (a.get("explanations") != null) {
                List<List<String>> ex = new ArrayList<>(pairs.size());
                for (PairMatch p : pairs) {
                    ex.add(List.of(p.a().id(), p.b().id(), score(p.score()), p.decision().name(),
                            matcher.explain(p.a(), p.b(), result.counts()).text()));
                }
                write(Path.of(a.get("explanations")), EXPLAIN_HEADER, ex);
            }
            long dupCount = 0;
            if (a.get("out-duplicates") != null) {
                List<List<String>> dups = new ArrayList<>();
                // the two systems' passes side by side (each also runs in parallel), the normalised records and
                // indexes of the cross-system pass reused
                var sageDups = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> matcher.duplicates(result.sage(), result.counts()));
                List<PairMatch> erpDups = matcher.duplicates(result.erp(), result.counts());
                dupCount += addDuplicates("ERP", erpDups, dups, formatted);
                dupCount += addDuplicates("SAGE", sageDups.join(), dups, formatted);
                write(Path.of(a.get("out-duplicates")), DUPS_HEADER, dups);
            }
            long links = pairs.stream().filter(p -> p.decision() == Decision.LINK).count();
            out.printf(Locale.ROOT, "match-customers: %d ERP and %d Sage records: %d LINK, %d REVIEW%s in %.1f s%n",
                    erp.size(), sage.size(), links, pairs.size() - links,
                    a.get("out-duplicates") == null ? "" : ", " + dupCount + " duplicate pairs",
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (IOException e) {
            err.println("match-customers: cannot write the output (" + e.getMessage() + ")");
            return 2;
        }
    }

    private static long addDuplicates(String system, List<PairMatch> found, List<List<String>> rows,
                                      Map<Double, String> formatted) {
        List<PairMatch> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing((PairMatch p) -> p.a().id()).thenComparing(p -> p.b().id()));
        for (PairMatch p : sorted) {
            rows.add(List.of(system, p.a().id(), p.b().id(), score(p.score(), formatted), p.decision().name()));
        }
        return sorted.size();
    }

    static String score(double s) {
        return String.format(Locale.ROOT, "%.4f", s);
    }

    /** Scores formatted once each: a run has only a few thousand distinct scores for 100,000s of rows. */
    private static String score(double s, Map<Double, String> formatted) {
        return formatted.computeIfAbsent(s, MatchCustomersCommand::score);
    }

    private static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CustomerCsv.write(w, header, rows);
        }
    }
}
