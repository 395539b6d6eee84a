package fr.relais.customer.sync;

import fr.relais.customer.match.CustomerMatcher;
import fr.relais.customer.match.CustomerRecord;
import fr.relais.customer.match.Decision;
import fr.relais.customer.match.PairMatch;
import fr.relais.store.ReviewDecision;
import fr.relais.store.ReviewDecisions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The first-run reconciliation: reads both databases whole, writes nothing anywhere, and says what the sync
 * would do: links, reviews, creations on each side, conflicts between linked records, rejected rows. CSV files
 * (UTF-8 with a BOM, {@code ;}, for Excel) and one HTML page in French with the counts at the top.
 */
public final class DryRun {

    /** Rows shown per section in the HTML page (the CSV files have them all). */
    static final int HTML_ROWS = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /** What a dry run found and where it wrote it. */
    public record Report(Path folder, Map<String, Integer> counts, Duration took) {
    }

    private final SourceReader erp;
    private final SourceReader sage;
    private final CustomerMatcher matcher;
    private final ReviewDecisions decisions;
    private final SyncTexts texts;
    private final RowValidator validator = new RowValidator();

    /** @param decisions Claire's answers already given (may be null: none) */
    public DryRun(SourceReader erp, SourceReader sage, CustomerMatcher matcher, ReviewDecisions decisions, SyncTexts texts) {
        this.erp = erp;
        this.sage = sage;
        this.matcher = matcher;
        this.decisions = decisions;
        this.texts = texts;
    }

    public Report run(Path folder) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(folder);
        List<List<String>> rejected = new ArrayList<>();
        Map<String, SourceRecord> erpRows = new LinkedHashMap<>();
        Map<String, SourceRecord> sageRows = new LinkedHashMap<>();
        int[] dormant = {0};
        erp.all(r -> keep(r, erpRows, rejected, dormant));
        sage.all(r -> keep(r, sageRows, rejected, dormant));

        List<CustomerRecord> erpRecords = erpRows.values().stream().map(SourceRecord::toCustomerRecord).toList();
        List<CustomerRecord> sageRecords = sageRows.values().stream().filter(r -> !r.dormant())
                .map(SourceRecord::toCustomerRecord).toList();
        CustomerMatcher.SystemsMatch m = matcher.matchSystems(erpRecords, sageRecords);

        List<List<String>> links = new ArrayList<>();
        List<List<String>> reviews = new ArrayList<>();
        List<List<String>> conflicts = new ArrayList<>();
        Set<String> erpTaken = new HashSet<>();
        Set<String> sageTaken = new HashSet<>();
        CustomerMapping erpMap = erp.mapping();
        CustomerMapping sageMap = sage.mapping();
        for (PairMatch p : m.pairs()) {
            SourceRecord e = erpRows.get(key(p.a().id()));
            SourceRecord s = sageRows.get(key(p.b().id()));
            ReviewDecision.Answer answer = answer(e, s);
            boolean link = p.decision() == Decision.LINK ? answer != ReviewDecision.Answer.DIFFERENT
                    : answer == ReviewDecision.Answer.SAME;
            if (link) {
                links.add(List.of(e.key(), e.get("name"), s.key(), s.get("name"), score(p.score()),
                        p.decision() == Decision.LINK ? "automatique" : "décision de Claire"));
                erpTaken.add(e.key());
                sageTaken.add(s.key());
                for (String f : CustomerMapping.CANONICAL_FIELDS) {
                    if (erpMap.shared(f) && sageMap.shared(f) && !CustomerSync.same(f, e.get(f), s.get(f))) {
                        conflicts.add(List.of(e.key(), s.key(), e.get("name"), texts.label(f), e.get(f), s.get(f),
                                when(e.modifiedAt()), when(s.modifiedAt())));
                    }
                }
            } else if (p.decision() == Decision.REVIEW && answer == null) {
                reviews.add(List.of(e.key(), e.get("name"), s.key(), s.get("name"), score(p.score()),
                        matcher.explain(p.a(), p.b(), m.counts()).text().replace('\n', ' ')));
                erpTaken.add(e.key());
                sageTaken.add(s.key());
            }
        }
        List<List<String>> createSage = new ArrayList<>();
        for (SourceRecord e : erpRows.values()) {
            if (!erpTaken.contains(e.key())) {
                createSage.add(row(e));
            }
        }
        List<List<String>> createErp = new ArrayList<>();
        for (SourceRecord s : sageRows.values()) {
            if (!sageTaken.contains(s.key()) && !s.dormant()) {
                createErp.add(row(s));
            }
        }
        List<String> recordHeader = List.of("cle", "nom", "adresse", "complement", "code_postal", "ville", "telephone",
                "portable", "email", "siret");
        csv(folder.resolve("links.csv"), List.of("erp", "nom_erp", "sage", "nom_sage", "score", "lien"), links);
        csv(folder.resolve("reviews.csv"), List.of("erp", "nom_erp", "sage", "nom_sage", "score", "explication"), reviews);
        csv(folder.resolve("creations-sage.csv"), recordHeader, createSage);
        csv(folder.resolve("creations-erp.csv"), recordHeader, createErp);
        csv(folder.resolve("conflicts.csv"), List.of("erp", "sage", "nom", "champ", "valeur_erp", "valeur_sage",
                "modifie_erp", "modifie_sage"), conflicts);
        csv(folder.resolve("rejected.csv"), List.of("systeme", "cle", "nom", "motifs"), rejected);

        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("erp", erpRows.size() + (int) rejected.stream().filter(r -> r.get(0).equals("ERP")).count());
        counts.put("sage", sageRows.size() + (int) rejected.stream().filter(r -> r.get(0).equals("SAGE")).count());
        counts.put("links", links.size());
        counts.put("reviews", reviews.size());
        counts.put("creations-sage", createSage.size());
        counts.put("creations-erp", createErp.size());
        counts.put("conflicts", conflicts.size());
        counts.put("rejected", rejected.size());
        counts.put("dormant", dormant[0]);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Map<String, Object> model = new HashMap<>();
        model.put("generatedAt", WHEN.format(LocalDateTime.now()));
        model.put("took", String.format(Locale.FRANCE, "%.1f", took.toMillis() / 1000.0));
        model.put("counts", counts);
        model.put("links", section(links));
        model.put("reviews", section(reviews));
        model.put("createSage", section(createSage));
        model.put("createErp", section(createErp));
        model.put("conflicts", section(conflicts));
        model.put("rejected", section(rejected));
        Files.writeString(folder.resolve("report.html"), texts.html("dry-run.html.mustache", model), StandardCharsets.UTF_8);
        return new Report(folder, counts, took);
    }

    private void keep(SourceRecord r, Map<String, SourceRecord> rows, List<List<String>> rejected, int[] dormant) {
        List<String> problems = validator.validate(r);
        if (!problems.isEmpty()) {
            rejected.add(List.of(r.system().name(), r.key(), r.get("name"), String.join(", ", problems)));
        } else {
            rows.put(r.key(), r);
            if (r.dormant()) {
                dormant[0]++;
            }
        }
    }

    private ReviewDecision.Answer answer(SourceRecord e, SourceRecord s) {
        if (decisions == null) {
            return null;
        }
        return decisions.find("ERP", e.key(), "SAGE", s.key()).map(ReviewDecision::answer).orElse(null);
    }

    private static String key(String id) {
        return id.substring(id.indexOf(':') + 1);
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.4f", s);
    }

    private static String when(LocalDateTime t) {
        return t == null ? "" : WHEN.format(t);
    }

    private static List<String> row(SourceRecord r) {
        return List.of(r.key(), r.get("name"), r.get("address1"), r.get("address2"), r.get("postcode"), r.get("city"),
                r.get("phone"), r.get("mobile"), r.get("email"), r.get("siret"));
    }

    private static Map<String, Object> section(List<List<String>> rows) {
        Map<String, Object> s = new HashMap<>();
        List<Map<String, Object>> shown = new ArrayList<>();
        for (List<String> r : rows.subList(0, Math.min(HTML_ROWS, rows.size()))) {
            shown.add(Map.of("cells", r));
        }
        s.put("rows", shown);
        s.put("count", rows.size());
        s.put("more", rows.size() > HTML_ROWS);
        s.put("empty", rows.isEmpty());
        return s;
    }

    static void csv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            CSVFormat format = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';')
                    .setHeader(header.toArray(String[]::new)).get();
            try (CSVPrinter p = new CSVPrinter(w, format)) {
                for (List<String> r : rows) {
                    p.printRecord(r);
                }
            }
        }
    }
}
