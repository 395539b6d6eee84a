package fr.relais.mail.bench;

import fr.relais.RelaisApplication;
import fr.relais.cli.Command;
import fr.relais.mail.MailAccount;
import fr.relais.mail.MailProperties;
import fr.relais.mail.imap.ImapMailSource;
import fr.relais.mail.imap.ImapSettings;
import fr.relais.mail.imap.ImapUidMarks;
import fr.relais.mail.imap.ImapUids;
import fr.relais.mail.classify.MailClassifier;
import fr.relais.mail.intake.MailIntake;
import fr.relais.mail.transport.Mailbox;
import fr.relais.mail.transport.OutgoingMail;
import fr.relais.mail.transport.ReceivedMail;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedProcessorMBean;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code bench-mail-pipeline [--mails 1000] [--warmup 4000] [--rate 100] [--seconds 30] [--timeout 240]
 * [--camel-mail-bare true] [--floors false] [hub settings --name=value ...]}:
 * starts the hub on its embedded defaults (a fresh temporary data folder, free ports), then
 * <ol>
 * <li>the pipeline: N mails are put in the shared mailbox over SMTP while the route mail-imap is stopped, the
 * route is started, and the clock runs until every mail is processed (ticket, joined, NON_TICKET) and filed in
 * its folder; fetch→ticket per mail is processed_at − received_at (received_at is stamped when IMAP fetched
 * it). Then until every acknowledgement and notification the mails owed is sent;</li>
 * <li>the sustained run: mails sent over SMTP at {@code --rate} per second for {@code --seconds} while the hub runs;
 * the time until every one is done, p50/p95 fetch→ticket and SMTP→ticket (0 disables it);</li>
 * <li>the bare route, the plumbing limit: the same N mails in another mailbox, a route with the same IMAP
 * settings that only fetches each raw mail (the hub's bulk UID fetch) and inserts it as a row; with
 * {@code --camel-mail-bare true} also the same with the stock camel-mail consumer (slow: one command per mail);</li>
 * <li>the floors (unless {@code --floors false}): the bare route plus one step that the issue's pipeline cannot do
 * without (parse and classify; send one acknowledgement over SMTP; both), each with its rate, its share of the bare
 * route and its CPU per mail.</li>
 * </ol>
 * Prints mails/s of both, the ratio, p50/p95 fetch→ticket, and the mean time of each route step. Arguments that
 * start with {@code --} and hold a {@code =} are passed to the hub (e.g. {@code --relais.mail.inbound.consumers=8}).
 */
public final class BenchMailPipelineCommand implements Command {

    private static final String SAMPLE_BODIES = """
            Bonjour, plus de chauffage depuis ce matin dans tout l'appartement, la chaudière affiche F28. Pouvez-vous passer ?
            Bonjour, je souhaite un devis pour le remplacement de ma chaudière fioul par une pompe à chaleur. Merci.
            Bonjour, pouvez-vous me proposer un rendez-vous pour l'entretien annuel de la chaudière la semaine prochaine ?
            Bonjour, je ne comprends pas la facture n° 2026-0412, le déplacement a été compté deux fois. Cordialement.
            Urgent : fuite d'eau importante sous l'évier, la cuisine est inondée, l'eau coule chez le voisin du dessous.
            Bonjour, le chantier de la rue des Alpes : la livraison des radiateurs est-elle toujours prévue lundi ?
            Bonjour, suite à l'intervention de mardi le radiateur de la chambre fuit toujours. Je suis mécontente.
            """;

    private boolean camelMailBare;
    private boolean floors;
    /** Runs of each bare route and floor; the fastest counts (noise on a shared machine only slows a run down). */
    private static final int RUNS = 3;
    private int rate;
    private int sustainedSeconds;
    private List<String> lastThreads = List.of();

    /** CPU ticks (1/100 s) of each thread of this process, by "tid name" (Linux /proc; empty elsewhere). */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        List<String> hubArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && args[i].contains("=")) {
                hubArgs.add(args[i]);
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                err.println("bench-mail-pipeline: unexpected argument " + args[i]);
                return 2;
            }
        }
        int mails = Integer.parseInt(options.getOrDefault("mails", "1000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "4000"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "240")));
        camelMailBare = Boolean.parseBoolean(options.getOrDefault("camel-mail-bare", "false"));
        floors = Boolean.parseBoolean(options.getOrDefault("floors", "true"));
        rate = Integer.parseInt(options.getOrDefault("rate", "100"));
        sustainedSeconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        try {
            return bench(mails, warmup, timeout, hubArgs, out);
        } catch (Exception e) {
            e.printStackTrace(err);
            return 1;
        }
    }

    private int bench(int count, int warmup, Duration timeout, List<String> hubArgs, PrintStream out) throws Exception {
        Path dataDir = Files.createTempDirectory("relais-bench-");
        List<String> args = new ArrayList<>(List.of("--relais.data-dir=" + dataDir, "--server.port=" + freePort(),
                "--relais.mail.smtp-port=" + freePort(), "--relais.mail.imap-port=" + freePort(),
                "--relais.security.admin-password=bench-password-0123456789", "--logging.level.root=WARN",
                "--logging.level.fr.relais.platform.StartReport=INFO"));
        args.addAll(hubArgs);
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, load average before start: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), loadAverage());
        out.println("hub: embedded defaults, data in " + dataDir + (hubArgs.isEmpty() ? "" : ", " + hubArgs));
        long started = System.nanoTime();
        try (ConfigurableApplicationContext hub = SpringApplication.run(RelaisApplication.class, args.toArray(String[]::new))) {
            out.printf(Locale.ROOT, "hub started in %.1f s%n", (System.nanoTime() - started) / 1e9);
            CamelContext camel = hub.getBean(CamelContext.class);
            MailProperties mail = hub.getBean(MailProperties.class);
            JdbcTemplate jdbc = new JdbcTemplate(hub.getBean(DataSource.class));
            ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            out.printf(Locale.ROOT, "settings: poll every %s ms, %s mails per poll, %s consumers of %s%n",
                    hub.getEnvironment().getProperty("relais.mail.imap.poll-delay"),
                    hub.getEnvironment().getProperty("relais.mail.imap.max-messages-per-poll"),
                    hub.getEnvironment().getProperty("relais.mail.inbound.consumers"),
                    hub.getEnvironment().getProperty("relais.mail.inbound.queue"));

            // warm-up by rounds of at most 500 mails: the JIT compilers take a third of the CPU for the first
            // thousands of mails (measured: 8 of 22.5 s of CPU after 500 mails)
            for (int done = 0, round = 0; done < warmup; round++) {
                int n = Math.min(500, warmup - done);
                Result w = pipeline(camel, mail, jdbc, "warm" + round, n, timeout);
                done += n;
                out.printf(Locale.ROOT, "warm-up round %d: %d mails, %.1f mails/s, %.1f ms of CPU per mail%n", round + 1,
                        n, w.rate(), w.cpuMillisPerMail());
            }
            outboxDone(jdbc, timeout);
            for (String route : List.of("mail-imap", "mail-inbound", "mail-outbound")) {
                managed.getManagedRoute(route).reset(true);
            }
            Result p = pipeline(camel, mail, jdbc, "run", count, timeout);
            out.printf(Locale.ROOT, "pipeline: %d mails in %.2f s = %.1f mails/s (SMTP → IMAP → store → classify → ticket,"
                            + " filed); fetch→ticket p50 %d ms, p95 %d ms, max %d ms; outcomes %s%n", count, p.seconds(),
                    p.rate(), p.p50(), p.p95(), p.max(), p.outcomes());
            out.printf(Locale.ROOT, "  CPU of the process (hub and its embedded mail server) during the run: %.1f s, %.1f ms per"
                    + " mail, %.0f %% of the %d cores%n", p.cpuNanos() / 1e9, p.cpuMillisPerMail(),
                    100.0 * p.cpuNanos() / ((p.endNanos() - p.startNanos()) * (double) Runtime.getRuntime().availableProcessors()),
                    Runtime.getRuntime().availableProcessors());
            out.println("  CPU by thread group during the run: " + String.join(", ", lastThreads));
            long acks = outboxDone(jdbc, timeout);
            out.printf(Locale.ROOT, "  acknowledgements and notifications: %d sent, all out %.2f s after the start of the"
                    + " run%n", acks, (System.nanoTime() - p.startNanos()) / 1e9);
            out.println("  where the time goes (mean per exchange):");
            for (String id : List.of("mail-imap", "mail-inbound", "mail-outbound")) {
                ManagedRouteMBean route = managed.getManagedRoute(id);
                out.printf(Locale.ROOT, "    route %-14s %6d exchanges, mean %4d ms, max %5d ms%n", id,
                        route.getExchangesCompleted(), route.getMeanProcessingTime(), route.getMaxProcessingTime());
            }
            for (String id : List.of("mail-imap-receive", "mail-inbound-process", "mail-inbound-file")) {
                ManagedProcessorMBean step = managed.getManagedProcessor(id);
                if (step != null) {
                    out.printf(Locale.ROOT, "    step  %-22s mean %4d ms, max %5d ms%n", id,
                            step.getMeanProcessingTime(), step.getMaxProcessingTime());
                }
            }

            if (rate > 0) {
                sustained(camel, mail, jdbc, rate, sustainedSeconds, timeout, out);
            }

            jdbc.execute("CREATE TABLE bench_bare (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " message_id VARCHAR(1000), raw_mime BYTEA NOT NULL, fetched_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            List<Result> bulkRuns = runs(camel, hub, mail, jdbc, count, warmup, timeout, "bulk", null);
            Result bulk = fastest(bulkRuns);
            out.printf(Locale.ROOT, "bare route, the hub's bulk UID fetch (ImapMailSource) + insert a row: %d mails in"
                    + " %.2f s = %.1f mails/s (best of %d runs: %s); CPU %.2f ms per mail%n", count, bulk.seconds(),
                    bulk.rate(), RUNS, rates(bulkRuns), bulk.cpuMillisPerMail());
            double limit = bulk.rate();
            if (floors) {
                floors(camel, hub, mail, jdbc, count, warmup, timeout, bulk, out);
            }
            if (camelMailBare) {
                Result b = bare(camel, hub, mail, jdbc, count, warmup, timeout, false, "bare", null);
                out.printf(Locale.ROOT, "bare route with the stock camel-mail consumer (IMAP fetch + insert a row): %d mails"
                        + " in %.2f s = %.1f mails/s%n", count, b.seconds(), b.rate());
                limit = Math.max(limit, b.rate());
            }
            out.printf(Locale.ROOT, "ratio pipeline / plumbing limit (the faster bare route, %.1f mails/s): %.0f %%%n",
                    limit, 100 * p.rate() / limit);
            out.println("load average after: " + loadAverage());
            return 0;
        }
    }

    /** Mails in the shared mailbox while mail-imap is stopped, then the route started and the clock running. */
    private Result pipeline(CamelContext camel, MailProperties mail, JdbcTemplate jdbc, String run, int count,
                            Duration timeout) throws Exception {
        camel.getRouteController().stopRoute("mail-imap");
        String prefix = "bench-" + run + "-" + System.nanoTime() + "-";
        sendAll(mail, mail.serviceAddress(), prefix, count);
        Map<String, Long> threads0 = threadTicks();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        camel.getRouteController().startRoute("mail-imap");
        long deadline = t0 + timeout.toNanos();
        while (done(jdbc, prefix) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + done(jdbc, prefix) + " of " + count + " mails done after "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        long t1 = System.nanoTime();
        long cpuNanos = processCpuNanos() - cpu0;
        Map<String, Long> threads1 = threadTicks();
        Map<String, Long> byGroup = new java.util.TreeMap<>();
        threads1.forEach((k, v) -> byGroup.merge(k.substring(k.indexOf(' ') + 1).replaceAll("[0-9]+", "#"),
                v - threads0.getOrDefault(k, 0L), Long::sum));
        lastThreads = byGroup.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .map(e -> e.getKey() + " " + e.getValue() * 10 + " ms").toList();
        List<Long> latencies = new ArrayList<>(jdbc.query("SELECT received_at, processed_at FROM inbound_mail WHERE"
                        + " message_id LIKE ?", (rs, n) -> rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime(),
                prefix + "%"));
        Collections.sort(latencies);
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) FROM inbound_mail WHERE message_id LIKE ? GROUP BY status",
                rs -> {
                    outcomes.put(rs.getString(1), rs.getInt(2));
                }, prefix + "%");
        return new Result(count, t0, t1, latencies, outcomes, cpuNanos);
    }

    /**
     * The sustained run: mails sent over SMTP at a fixed rate for a number of seconds while the hub runs, as a
     * mailbox receives them. The pipeline keeps up when every mail is done shortly after the last one was sent;
     * fetch→ticket is then the real latency, not a wait in a backlog.
     */
    private void sustained(CamelContext camel, MailProperties mail, JdbcTemplate jdbc, int perSecond, int seconds,
                           Duration timeout, PrintStream out) throws Exception {
        int count = perSecond * seconds;
        String prefix = "bench-sustained-" + System.nanoTime() + "-";
        Map<Integer, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Thread sender = new Thread(() -> {
            try (RawSmtp smtp = new RawSmtp(mail.host(), mail.smtpPort())) {
                for (int i = 0; i < count; i++) {
                    long due = t0 + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    sendOne(smtp, mail.serviceAddress(), prefix, i);
                    sentAt.put(i, System.currentTimeMillis());
                }
            } catch (Exception e) {
                throw new IllegalStateException("sustained run: sending failed", e);
            }
        }, "bench-sender");
        sender.start();
        sender.join();
        long sendEnd = System.nanoTime();
        long deadline = sendEnd + timeout.toNanos();
        while (done(jdbc, prefix) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sustained run: only " + done(jdbc, prefix) + " of " + count + " done");
            }
            Thread.sleep(20);
        }
        long t1 = System.nanoTime();
        long cpu = processCpuNanos() - cpu0;
        List<long[]> rows = jdbc.query("SELECT message_id, received_at, processed_at FROM inbound_mail WHERE message_id LIKE ?",
                (rs, n) -> {
                    String id = rs.getString(1);
                    int i = Integer.parseInt(id.substring(prefix.length(), id.indexOf('@')));
                    return new long[] {rs.getTimestamp(3).getTime() - rs.getTimestamp(2).getTime(),
                            rs.getTimestamp(3).getTime() - sentAt.get(i)};
                }, prefix + "%");
        List<Long> fetchToTicket = rows.stream().map(r -> r[0]).sorted().toList();
        List<Long> smtpToTicket = rows.stream().map(r -> r[1]).sorted().toList();
        out.printf(Locale.ROOT, "sustained: %d mails sent over SMTP at %d mails/s for %d s (sending took %.2f s) while the hub"
                        + " ran; all done %.2f s after the last was sent = %.1f mails/s end to end%n", count, perSecond,
                seconds, (sendEnd - t0) / 1e9, (t1 - sendEnd) / 1e9, count / ((t1 - t0) / 1e9));
        out.printf(Locale.ROOT, "  fetch→ticket p50 %d ms, p95 %d ms, max %d ms; SMTP accepted→ticket p50 %d ms, p95 %d ms,"
                        + " max %d ms; CPU %.1f ms per mail%n", pct(fetchToTicket, 0.5), pct(fetchToTicket, 0.95),
                fetchToTicket.get(fetchToTicket.size() - 1), pct(smtpToTicket, 0.5), pct(smtpToTicket, 0.95),
                smtpToTicket.get(smtpToTicket.size() - 1), cpu / 1e6 / count);
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.floor(p * (sorted.size() - 1)));
    }

    private static int done(JdbcTemplate jdbc, String prefix) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_mail WHERE message_id LIKE ? AND (filed_at IS NOT NULL"
                + " OR status = 'FAILED')", Integer.class, prefix + "%");
        return n == null ? 0 : n;
    }

    private static long outboxDone(JdbcTemplate jdbc, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Integer waiting = jdbc.queryForObject("SELECT COUNT(*) FROM outbound_mail WHERE status IN ('OWED', 'SENDING')",
                    Integer.class);
            if (waiting != null && waiting == 0) {
                break;
            }
            Thread.sleep(50);
        }
        Long sent = jdbc.queryForObject("SELECT COUNT(*) FROM outbound_mail WHERE status = 'SENT'", Long.class);
        return sent == null ? 0 : sent;
    }

    /**
     * The plumbing limit plus one step the issue's pipeline cannot do without, each on its own: what the bare route
     * becomes when it also parses and classifies each mail (the hub's MailIntake and MailClassifier), when it also
     * sends one acknowledgement over SMTP (the hub's Mailbox, to the same embedded server), and when it does both.
     * No ticket, no transaction of several tables, no notification, no filing: a floor under any pipeline that
     * does what the issue asks, measured the way the bare route is.
     */
    private void floors(CamelContext camel, ConfigurableApplicationContext hub, MailProperties mail, JdbcTemplate jdbc,
                        int count, int warmup, Duration timeout, Result bulk, PrintStream out) throws Exception {
        MailIntake intake = hub.getBean(MailIntake.class);
        MailClassifier classifier = hub.getBean(MailClassifier.class);
        Mailbox box = hub.getBean(Mailbox.class);
        String ackText = String.join("\n\n", Collections.nCopies(3, SAMPLE_BODIES.strip()));
        Consumer<ReceivedMail> classify = r -> classifier.classify(intake.parse(r.raw()).classifierView(),
                new MailClassifier.Context(null));
        // to the mail's sender, as the pipeline does: each sender has a mailbox of its own on the embedded server
        // (one mailbox for every acknowledgement would make each delivery slower as it fills)
        Consumer<ReceivedMail> acknowledge = r -> box.send(new OutgoingMail(mail.serviceAddress(),
                List.of(sender(r.raw())), "Re: " + r.sourceId(), ackText, null,
                "bench-ack-" + System.nanoTime() + "@relais.local", null, List.of(),
                Map.of("Auto-Submitted", "auto-replied")));
        Map<String, Consumer<ReceivedMail>> steps = new LinkedHashMap<>();
        steps.put("parse and classify", classify);
        steps.put("send one acknowledgement over SMTP", acknowledge);
        steps.put("parse, classify and send one acknowledgement", classify.andThen(acknowledge));
        int i = 0;
        for (Map.Entry<String, Consumer<ReceivedMail>> step : steps.entrySet()) {
            List<Result> floorRuns = runs(camel, hub, mail, jdbc, count, warmup, timeout, "floor" + (++i), step.getValue());
            Result r = fastest(floorRuns);
            out.printf(Locale.ROOT, "floor: bare route + %s: %d mails in %.2f s = %.1f mails/s (best of %d runs: %s),"
                            + " %.0f %% of the bare route; CPU %.2f ms per mail, so at most %.0f mails/s (%.0f %%) on"
                            + " %d cores kept busy%n", step.getKey(), count, r.seconds(), r.rate(), RUNS, rates(floorRuns),
                    100 * r.rate() / bulk.rate(), r.cpuMillisPerMail(), r.allCoresRate(),
                    100 * r.allCoresRate() / bulk.rate(), Runtime.getRuntime().availableProcessors());
        }
    }

    private static final java.util.regex.Pattern FROM = java.util.regex.Pattern.compile("(?m)^From: [^<\r\n]*<([^>\r\n]+)>");

    /** The address in the From line of a mail of {@link #sendOne} (read from the raw bytes, without parsing). */
    static String sender(byte[] raw) {
        java.util.regex.Matcher m = FROM.matcher(new String(raw, 0, Math.min(raw.length, 4096), StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IllegalStateException("a bench mail without a From line");
        }
        return m.group(1);
    }

    /** The bare route run {@link #RUNS} times, each in a fresh mailbox. */
    private List<Result> runs(CamelContext camel, ConfigurableApplicationContext hub, MailProperties mail,
                              JdbcTemplate jdbc, int count, int warmup, Duration timeout, String name,
                              Consumer<ReceivedMail> extra) throws Exception {
        List<Result> runs = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            runs.add(bare(camel, hub, mail, jdbc, count, warmup, timeout, true, name + "-" + run, extra));
        }
        return runs;
    }

    private static Result fastest(List<Result> runs) {
        return runs.stream().max(java.util.Comparator.comparingDouble(Result::rate)).orElseThrow();
    }

    private static String rates(List<Result> runs) {
        return String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.rate())).toList());
    }

    /**
     * The plumbing limit: the same IMAP consumer settings, each raw mail only inserted as a row ({@code extra}, when
     * not null, is done for each mail after its row is inserted).
     */
    private Result bare(CamelContext camel, ConfigurableApplicationContext hub, MailProperties mail, JdbcTemplate jdbc,
                        int count, int warmup, Duration timeout, boolean bulk, String name,
                        Consumer<ReceivedMail> extra) throws Exception {
        String mailbox = "bench-" + name + "@relais.local";
        String routeId = "bench-" + name;
        var env = hub.getEnvironment();
        String uri = env.getProperty("relais.mail.imap.protocol") + "://" + mail.host() + ":" + mail.imapPort()
                + "?username=" + mailbox + "&password=" + mailbox + "&folderName=INBOX&mapMailMessage=false&peek=true"
                + "&delete=false&unseen=true&delay=" + env.getProperty("relais.mail.imap.poll-delay")
                + "&initialDelay=0&maxMessagesPerPoll=" + env.getProperty("relais.mail.imap.max-messages-per-poll")
                + "&connectionTimeout=" + mail.connectTimeout() + "&sortTerm=arrival";
        ImapSettings settings = hub.getBean(ImapSettings.class);
        ImapMailSource source = new ImapMailSource(received -> {
            jdbc.update("INSERT INTO bench_bare (message_id, raw_mime, fetched_at) VALUES (?, ?, ?)",
                    received.sourceId(), received.raw(), new Timestamp(System.currentTimeMillis()));
            if (extra != null) {
                extra.accept(received);
            }
            return true;
        }, mail, new MailAccount(mailbox, mailbox, false), settings, new ImapUids(), ImapUidMarks.inMemory());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (bulk) {
                    from("timer:" + routeId + "?delay=0&period=" + settings.pollDelay()).routeId(routeId).autoStartup(false)
                            .bean(source, "poll");
                } else {
                    from(uri).routeId(routeId).autoStartup(false)
                            .process(BenchMailPipelineCommand::rawRow)
                            .to("sql:INSERT INTO bench_bare (message_id, raw_mime, fetched_at) VALUES (:#mid, :#raw, :#at)"
                                    + "?dataSource=#dataSource");
                }
            }
        });
        // the mailbox exists once a mail was delivered to it
        for (int round = 0; round < 2; round++) {
            // a small warm-up: this route needs little JIT, and every mail stays in its inbox (a bigger inbox makes
            // each IMAP command of the embedded server slower)
            int n = round == 0 ? Math.max(1, Math.min(200, warmup)) : count;
            String prefix = (bulk ? "bulk-" : "bare-") + round + "-" + System.nanoTime() + "-";
            sendAll(mail, mailbox, prefix, n);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            camel.getRouteController().startRoute(routeId);
            long deadline = t0 + timeout.toNanos();
            while (bareDone(jdbc, prefix) < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("bare route: only " + bareDone(jdbc, prefix) + " of " + n);
                }
                Thread.sleep(50);
            }
            long t1 = System.nanoTime();
            long cpuNanos = processCpuNanos() - cpu0;
            camel.getRouteController().stopRoute(routeId);
            if (round == 1) {
                return new Result(n, t0, t1, List.of(0L), Map.of(), cpuNanos);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int bareDone(JdbcTemplate jdbc, String prefix) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM bench_bare WHERE message_id LIKE ?", Integer.class, prefix + "%");
        return n == null ? 0 : n;
    }

    private static void rawRow(Exchange exchange) throws Exception {
        MailMessage in = exchange.getIn(MailMessage.class);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(8192);
        in.getMessage().writeTo(raw);
        String[] ids = in.getMessage().getHeader("Message-ID");
        exchange.getIn().setHeader("mid", ids == null ? null : ids[0].replaceAll("[<>]", ""));
        exchange.getIn().setHeader("raw", raw.toByteArray());
        exchange.getIn().setHeader("at", new Timestamp(System.currentTimeMillis()));
    }

    /** N mails from N different senders, of the seven kinds above in turn (one in ten is a newsletter). */
    private static void sendAll(MailProperties mail, String to, String prefix, int count) throws IOException {
        try (RawSmtp smtp = new RawSmtp(mail.host(), mail.smtpPort())) {
            for (int i = 0; i < count; i++) {
                sendOne(smtp, to, prefix, i);
            }
        }
    }

    private static void sendOne(RawSmtp smtp, String to, String prefix, int i) throws IOException {
        String[] bodies = SAMPLE_BODIES.strip().split("\n");
        String from = "client" + i + "-" + Long.toHexString(System.nanoTime()) + "@example.fr";
        boolean newsletter = i % 10 == 9;
        String body = newsletter ? "Découvrez nos promotions sur les thermostats connectés, -20 % ce mois-ci."
                : bodies[i % bodies.length];
        String subject = newsletter ? "Nos offres du mois" : body.substring(0, Math.min(50, body.indexOf(',') > 0
                ? body.indexOf(',') : 50)) + " (" + i + ")";
        String raw = "From: Client " + i + " <" + from + ">\r\nTo: " + to + "\r\n"
                + "Subject: " + jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "Q") + "\r\n"
                + "Message-ID: <" + prefix + i + "@example.fr>\r\nDate: Thu, 03 Dec 2026 09:00:00 +0100\r\n"
                + (newsletter ? "List-Unsubscribe: <mailto:unsubscribe@promo.example>\r\nPrecedence: bulk\r\n" : "")
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n\r\nClient " + i + "\r\n";
        smtp.send(from, List.of(to), raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One timed run; {@code cpuNanos} is this process's CPU (hub and embedded mail server) during it. */
    private record Result(int count, long startNanos, long endNanos, List<Long> latencies, Map<String, Integer> outcomes,
                          long cpuNanos) {

        double cpuMillisPerMail() {
            return cpuNanos / 1e6 / count;
        }

        /** Mails per second if this run's CPU per mail kept every core busy. */
        double allCoresRate() {
            return Runtime.getRuntime().availableProcessors() / (cpuNanos / 1e9 / count);
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double rate() {
            return count / seconds();
        }

        long p50() {
            return pct(latencies, 0.50);
        }

        long p95() {
            return pct(latencies, 0.95);
        }

        long max() {
            return latencies.get(latencies.size() - 1);
        }
    }
}
