package fr.relais.customer.match;

import fr.relais.cli.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench-matching --sizes 2000,20000,200000 --seed S [--profile savoie|heldout|both]
 * [--config FILE] [--show-errors N]}: generates data with ground truth, runs the engine and the naive
 * baseline side by side, prints quality, time and peak heap, and how time grows with size.
 */
public final class BenchMatchingCommand implements Command {

    public static final String NAME = "bench-matching";

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        MatchingConfig config;
        List<Integer> sizes = new ArrayList<>();
        List<GeneratorProfile> profiles = new ArrayList<>();
        try {
            a = CommandArgs.parse(args, Set.of("sizes", "seed", "profile", "config", "show-errors"));
            for (String s : a.getOrDefault("sizes", "2000,20000").split(",")) {
                sizes.add(Integer.parseInt(s.strip().replace("_", "")));
            }
            String prof = a.getOrDefault("profile", "both");
            if (prof.equals("both")) {
                profiles.add(GeneratorProfile.SAVOIE);
                profiles.add(GeneratorProfile.HELDOUT);
            } else {
                profiles.add(GeneratorProfile.byName(prof));
            }
            config = a.get("config") == null ? MatchingConfig.defaults() : MatchingConfig.load(Path.of(a.get("config")));
        } catch (IllegalArgumentException | IOException e) {
            err.println("bench-matching: " + e.getMessage());
            err.println("usage: bench-matching --sizes 2000,20000,200000 --seed S [--profile savoie|heldout|both] "
                    + "[--config FILE] [--show-errors N]");
            return 2;
        }
        long seed = a.intValue("seed", 42);
        int showErrors = a.intValue("show-errors", 0);
        out.printf(Locale.ROOT, "bench-matching: %d cores, max heap %d MB, Java %s, seed %d%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), seed);
        out.println("| profile | customers | records | method | LINK precision | LINK recall | LINK+REVIEW recall "
                + "| REVIEW % of records | time (s) | peak heap (MB) |");
        out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        CustomerMatcher matcher = new CustomerMatcher(config);
        for (GeneratorProfile profile : profiles) {
            double prevTime = -1;
            int prevSize = -1;
            List<String> growth = new ArrayList<>();
            for (int n : sizes) {
                CustomerDataGenerator.Dataset d = CustomerDataGenerator.generate(n, seed, profile);
                int records = d.erp().size() + d.sage().size();
                System.gc();
                HeapSampler sampler = new HeapSampler();
                sampler.start();
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                CustomerMatcher.SystemsMatch result = matcher.matchSystems(d.erp(), d.sage());
                double time = (System.nanoTime() - t0) / 1e9;
                long peak = sampler.finish();
                List<MatchQuality.Row> rows = new ArrayList<>(result.pairs().size());
                for (PairMatch p : result.pairs()) {
                    rows.add(new MatchQuality.Row(p.a().id(), p.b().id(), p.decision()));
                }
                MatchQuality q = MatchQuality.of(rows, d.erpTruth(), d.sageTruth());
                row(out, profile.name(), n, records, "engine", q, time, peak);
                out.printf(Locale.ROOT, "  (engine: %d candidate pairs scored, %.1f per ERP record; process CPU %.1f s "
                                + "for %.1f s wall)%n", result.comparisons(),
                        (double) result.comparisons() / Math.max(1, d.erp().size()), (processCpuNanos() - cpu0) / 1e9, time);
                if (showErrors > 0) {
                    showErrors(out, matcher, result, d, showErrors);
                }
                result = null;
                rows = null;
                long b0 = System.nanoTime();
                List<MatchQuality.Row> base = NaiveBaseline.match(d.erp(), d.sage());
                double btime = (System.nanoTime() - b0) / 1e9;
                row(out, profile.name(), n, records, "naive baseline", MatchQuality.of(base, d.erpTruth(), d.sageTruth()),
                        btime, -1);
                if (prevSize > 0) {
                    double exponent = Math.log(time / prevTime) / Math.log((double) n / prevSize);
                    growth.add(String.format(Locale.ROOT, "%d -> %d customers: time x%.1f for size x%.0f (exponent %.2f)",
                            prevSize, n, time / prevTime, (double) n / prevSize, exponent));
                }
                prevSize = n;
                prevTime = time;
            }
            for (String g : growth) {
                out.println("growth (" + profile.name() + "): " + g);
            }
        }
        return 0;
    }

    private static void row(PrintStream out, String profile, int n, int records, String method, MatchQuality q,
                            double time, long peak) {
        out.printf(Locale.ROOT, "| %s | %d | %d | %s | %.4f | %.4f | %.4f | %.2f %% | %.2f | %s |%n", profile, n, records,
                method, q.linkPrecision(), q.linkRecall(), q.linkOrReviewRecall(), 100 * q.reviewShare(), time,
                peak < 0 ? "-" : String.valueOf(peak >> 20));
    }

    private static void showErrors(PrintStream out, CustomerMatcher matcher, CustomerMatcher.SystemsMatch result,
                                   CustomerDataGenerator.Dataset d, int limit) {
        Map<String, NormalizedCustomer> erp = new HashMap<>();
        Map<String, NormalizedCustomer> sage = new HashMap<>();
        for (int i = 0; i < result.erp().size(); i++) {
            erp.put(result.erp().get(i).id(), result.erp().get(i));
        }
        for (int i = 0; i < result.sage().size(); i++) {
            sage.put(result.sage().get(i).id(), result.sage().get(i));
        }
        int fl = 0;
        int rv = 0;
        Set<String> found = new HashSet<>();
        for (PairMatch p : result.pairs()) {
            boolean t = d.erpTruth().get(p.a().id()).equals(d.sageTruth().get(p.b().id()));
            found.add(p.a().id() + "|" + p.b().id() + "|" + p.decision());
            if (!t && p.decision() == Decision.LINK && fl++ < limit) {
                explain(out, "FALSE LINK", matcher, result, p.a(), p.b());
            }
            if (!t && p.decision() == Decision.REVIEW && rv++ < limit) {
                explain(out, "FALSE REVIEW", matcher, result, p.a(), p.b());
            }
        }
        reviewRowsByState(out, result, d, matcher.config().linkThreshold());
        Map<String, List<String>> sageByCustomer = new HashMap<>();
        d.sageTruth().forEach((id, c) -> sageByCustomer.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
        int missed = 0;
        int unlinked = 0;
        for (var e : d.erpTruth().entrySet()) {
            for (String s : sageByCustomer.getOrDefault(e.getValue(), List.of())) {
                boolean link = found.contains(e.getKey() + "|" + s + "|LINK");
                boolean review = found.contains(e.getKey() + "|" + s + "|REVIEW");
                if (!link && !review && missed++ < limit) {
                    List<String> shared = new ArrayList<>(CustomerIndex.blockingKeys(erp.get(e.getKey())));
                    shared.retainAll(CustomerIndex.blockingKeys(sage.get(s)));
                    explain(out, "MISSED " + (shared.isEmpty() ? "(no shared key)" : "(shared " + shared + ")"),
                            matcher, result, erp.get(e.getKey()), sage.get(s));
                } else if (review && unlinked++ < limit) {
                    explain(out, "REVIEW (true)", matcher, result, erp.get(e.getKey()), sage.get(s));
                }
            }
        }
    }

    /**
     * REVIEW rows counted false / true by the state of their records: whether the ERP record (A) and the Sage
     * record (B) are linked elsewhere, whether the score reaches the link threshold (hi) and whether a rule
     * vetoes the link. Tells which kind of question Claire would be asked in vain.
     */
    private static void reviewRowsByState(PrintStream out, CustomerMatcher.SystemsMatch result,
                                          CustomerDataGenerator.Dataset d, double link) {
        Set<String> linkedA = new HashSet<>();
        Set<String> linkedB = new HashSet<>();
        for (PairMatch p : result.pairs()) {
            if (p.decision() == Decision.LINK) {
                linkedA.add(p.a().id());
                linkedB.add(p.b().id());
            }
        }
        Map<String, int[]> byState = new java.util.TreeMap<>();
        for (PairMatch p : result.pairs()) {
            if (p.decision() != Decision.REVIEW) {
                continue;
            }
            boolean t = d.erpTruth().get(p.a().id()).equals(d.sageTruth().get(p.b().id()));
            String k = (linkedA.contains(p.a().id()) ? "A" : "-") + (linkedB.contains(p.b().id()) ? "B" : "-")
                    + (p.score() >= link ? " hi" : " lo") + (p.veto() ? " veto" : "");
            byState.computeIfAbsent(k, x -> new int[2])[t ? 1 : 0]++;
        }
        out.println("REVIEW rows by state (A/B: the ERP/Sage record is linked elsewhere; hi: score >= link): false / true");
        byState.forEach((k, v) -> out.printf(Locale.ROOT, "  %-10s %5d / %5d%n", k, v[0], v[1]));
    }

    private static void explain(PrintStream out, String what, CustomerMatcher matcher,
                                CustomerMatcher.SystemsMatch result, NormalizedCustomer a, NormalizedCustomer b) {
        out.println("---- " + what + ": " + a.record() + "\n     " + b.record());
        out.println(matcher.explain(a, b, result.counts()).text());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Samples the used heap every 20 ms and keeps the peak. */
    private static final class HeapSampler extends Thread {
        private final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(bean.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() {
            running = false;
            peak.accumulateAndGet(bean.getHeapMemoryUsage().getUsed(), Math::max);
            return peak.get();
        }
    }
}
