package fr.relais.mail.classify;

import fr.relais.cli.Command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench-classify [--corpus corpus] [--rules FILE] [--threads 2] [--seconds 10] [--errors] [--skip-heldout]}: quality
 * and speed of the classifier and of the keyword baseline.
 * <ol>
 *   <li>cross-writer check inside the training corpus: train on every writer but one, test on that one
 *   (mails go through .eml and the parser); {@code --errors} lists its mistakes (tuning happens here);</li>
 *   <li>held-out: train on all of {@code corpus/train}, test on {@code corpus/heldout} (figures only);</li>
 *   <li>throughput: parse + classify of the held-out .eml files on N threads, after a warm-up;
 *   the training time and the heap the classifier holds.</li>
 * </ol>
 */
final class BenchClassifyCommand implements Command {

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandArgs a;
        try {
            a = new CommandArgs(args);
        } catch (IllegalArgumentException e) {
            err.println("bench-classify: " + e.getMessage());
            return 2;
        }
        Path corpus = Path.of(a.get("corpus", "corpus"));
        ClassificationRules rules = ClassificationRules.load(a.get("rules") == null ? null : Path.of(a.get("rules")));
        List<Corpus.Entry> train = Corpus.read(corpus.resolve("train"));
        List<Corpus.Entry> heldout = Corpus.read(corpus.resolve("heldout"));
        if (train.isEmpty()) {
            err.println("bench-classify: no training mail under " + corpus.resolve("train"));
            return 1;
        }
        out.printf(Locale.ROOT, "corpus: %d training mails %s, %d held-out mails %s%n", train.size(), counts(train),
                heldout.size(), counts(heldout));
        out.printf(Locale.ROOT, "machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        KeywordBaseline baseline = new KeywordBaseline(rules);

        // 1. Cross-writer check.
        TreeSet<String> writers = new TreeSet<>();
        train.forEach(e -> writers.add(e.writer()));
        if (writers.size() > 1) {
            Evaluation pooled = new Evaluation();
            Evaluation pooledBaseline = new Evaluation();
            List<double[]> sweep = new ArrayList<>();
            for (String writer : writers) {
                List<Corpus.Entry> fit = train.stream().filter(e -> !e.writer().equals(writer)).toList();
                List<Corpus.Entry> test = train.stream().filter(e -> e.writer().equals(writer)).toList();
                MailClassifier model = MailClassifier.train(fit, rules);
                Evaluation fold = new Evaluation();
                for (Corpus.Entry e : test) {
                    Classification c = model.classify(e.toEml());
                    fold.add(e.id(), e.category(), e.urgency(), c);
                    pooled.add(e.id(), e.category(), e.urgency(), c);
                    boolean ruleFired = c.explanation().rules().stream().anyMatch(r -> r.startsWith("urgency:")
                            && !r.equals("urgency:model") && !r.equals("urgency:overruled-by-model"));
                    sweep.add(new double[]{e.urgency() == Urgency.URGENT ? 1 : 0, ruleFired ? 1 : 0,
                            c.explanation().urgencyProbability(), c.confidence(), c.category() == Category.NON_TICKET ? 1 : 0});
                    pooledBaseline.add(e.id(), e.category(), e.urgency(), baseline.classify(model.parser().parse(e.toEml())));
                }
                out.print(fold.report("cross-writer, train on all but " + writer + ", test on " + writer));
            }
            out.print(pooled.report("cross-writer pooled (model)"));
            out.print(pooledBaseline.report("cross-writer pooled (keyword baseline)"));
            if (a.flag("sweep")) {
                out.println("urgency sweep on the cross-writer check (rule fired and p >= veto, or p >= threshold): recall/precision");
                for (double veto : new double[]{0, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2}) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  veto %.2f:", veto));
                    for (double t : new double[]{0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6}) {
                        int tp = 0, fp = 0, fn = 0;
                        for (double[] r : sweep) {
                            boolean u = (r[1] > 0 && r[2] >= veto) || r[2] >= t;
                            if (u && r[0] > 0) tp++; else if (u) fp++; else if (r[0] > 0) fn++;
                        }
                        line.append(String.format(Locale.ROOT, " t%.2f %.3f/%.3f", t, tp / (double) Math.max(1, tp + fn),
                                tp / (double) Math.max(1, tp + fp)));
                    }
                    out.println(line);
                }
            }
            if (a.flag("errors")) {
                out.println("cross-writer mistakes:");
                pooled.errors().forEach(line -> out.println("  " + line));
            }
        }

        // 2. Held-out.
        System.gc();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        MailClassifier model = MailClassifier.train(train, rules);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long heapAfter = usedHeap();
        out.printf(Locale.ROOT, "model: trained on %d mails in %.2f s (load time: corpus read + training); weights %.1f MB; heap held by the classifier ~%.1f MB%n",
                model.trainingSize(), trainSeconds, model.modelBytes() / 1e6, (heapAfter - heapBefore) / 1e6);
        if (!heldout.isEmpty() && !a.flag("skip-heldout")) {
            Evaluation eval = new Evaluation();
            Evaluation base = new Evaluation();
            for (Corpus.Entry e : heldout) {
                MailText mail = model.parser().parse(e.toEml());
                eval.add(e.id(), e.category(), e.urgency(), model.classify(mail));
                base.add(e.id(), e.category(), e.urgency(), baseline.classify(mail));
            }
            out.print(eval.report("held-out (model)"));
            out.print(base.report("held-out (keyword baseline)"));
        }

        // 3. Throughput.
        List<byte[]> emls = new ArrayList<>();
        for (Corpus.Entry e : heldout.isEmpty() ? train : heldout) {
            emls.add(e.toEml());
        }
        int threads = a.integer("threads", 2);
        double seconds = a.integer("seconds", 10);
        throughput(model, emls, threads, 2.0, new AtomicLong());
        AtomicLong cpuNanos = new AtomicLong();
        double before = loadAverage();
        double[] rate = throughput(model, emls, threads, seconds, cpuNanos);
        out.printf(Locale.ROOT, "throughput: %.0f mails/s wall clock (parse + classify of .eml bytes, %d threads, %.0f s, %d distinct mails; load average %.1f before, %.1f after)%n",
                rate[0], threads, seconds, emls.size(), before, loadAverage());
        out.printf(Locale.ROOT, "cpu cost: %.0f us of CPU per mail, i.e. %.0f mails/s on %d cores of our own (shared machine: the wall-clock figure depends on the other jobs)%n",
                cpuNanos.get() / 1e3 / rate[1], threads * rate[1] / (cpuNanos.get() / 1e9), threads);
        return 0;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Mails per second (wall clock) and the number of mails; adds the workers' CPU time to {@code cpuNanos}. */
    private static double[] throughput(MailClassifier model, List<byte[]> emls, int threads, double seconds, AtomicLong cpuNanos) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
                    long cpuStart = bean.getCurrentThreadCpuTime();
                    int i = offset;
                    long n = 0;
                    while (System.nanoTime() < end) {
                        model.classify(emls.get(i % emls.size()));
                        i += threads;
                        n++;
                    }
                    done.addAndGet(n);
                    cpuNanos.addAndGet(bean.getCurrentThreadCpuTime() - cpuStart);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        return new double[]{done.get() / ((System.nanoTime() - start) / 1e9), done.get()};
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static String counts(List<Corpus.Entry> entries) {
        java.util.Map<String, Integer> byCategory = new java.util.TreeMap<>();
        int urgent = 0;
        for (Corpus.Entry e : entries) {
            byCategory.merge(e.category().name(), 1, Integer::sum);
            urgent += e.urgency() == Urgency.URGENT ? 1 : 0;
        }
        return byCategory + " URGENT=" + urgent;
    }
}
