package fr.relais.customer.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.relais.cli.Command;
import fr.relais.customer.match.CustomerDataGenerator;
import fr.relais.customer.match.CustomerMatcher;
import fr.relais.customer.match.CustomerRecord;
import fr.relais.customer.match.GeneratorProfile;
import fr.relais.customer.write.AccountNumbers;
import fr.relais.customer.write.ColumnLengths;
import fr.relais.customer.write.CustomerWriter;
import fr.relais.customer.write.ErpImportFileWriter;
import fr.relais.customer.write.ErpLayout;
import fr.relais.customer.write.ErpWriterProperties;
import fr.relais.customer.write.ImportFiles;
import fr.relais.customer.write.SageBridgeApiKey;
import fr.relais.customer.write.SageBridgeWriter;
import fr.relais.customer.write.SageFields;
import fr.relais.customer.write.Shortener;
import fr.relais.demo.SimulatedErp;
import fr.relais.demo.SimulatedSage;
import fr.relais.demo.bridge.SageBridgeHttpServer;
import fr.relais.demo.bridge.SimulatedSageBridge;
import fr.relais.erp.ErpProperties;
import fr.relais.store.AuditLog;
import fr.relais.store.ReviewDecisions;
import fr.relais.ticket.TicketRepository;
import fr.relais.ticket.TicketService;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench-sync [--customers 125000] [--seed 42] [--changes 100] [--out DIR]}: fills a simulated ERP and Sage
 * (H2 in memory, SQL Server mode) with the matching engine's generated customers (about 80 % of the real customers
 * on each side), then measures (1) the dry run, (2) an idle cycle's database time, (3) an incremental cycle with
 * {@code --changes} changed customers on each side, from the change to the write on the other side (the Sage
 * bridge simulated over HTTP, ERP import files). No JUnit, no Spring.
 */
final class BenchSyncCommand implements Command {

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> o = SyncCommands.options(args, Set.of("customers", "seed", "changes", "out"), err);
        if (o == null) {
            return 2;
        }
        int customers = Integer.parseInt(o.getOrDefault("customers", "125000"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        int changes = Integer.parseInt(o.getOrDefault("changes", "100"));
        try {
            Path dir = o.containsKey("out") ? Path.of(o.get("out")) : Files.createTempDirectory("bench-sync-");
            return bench(customers, seed, changes, dir, out);
        } catch (Exception e) {
            e.printStackTrace(err);
            return 3;
        }
    }

    private int bench(int customers, long seed, int changes, Path dir, PrintStream out) throws Exception {
        long t = System.nanoTime();
        CustomerDataGenerator.Dataset data = CustomerDataGenerator.generate(customers, seed, GeneratorProfile.SAVOIE);
        out.printf(Locale.ROOT, "generated %d ERP and %d Sage customers in %.1f s%n", data.erp().size(), data.sage().size(),
                secs(t));
        ErpProperties erpProperties = new ErpProperties();
        try (HikariDataSource erp = h2("bench_erp"); HikariDataSource sage = h2("bench_sage"); HikariDataSource hub = hub()) {
            t = System.nanoTime();
            LocalDateTime yesterday = LocalDateTime.now().minusDays(1).truncatedTo(ChronoUnit.MINUTES);
            try (Connection c = erp.getConnection()) {
                SimulatedErp.createSchema(c, erpProperties);
                fillErp(c, data.erp(), yesterday);
            }
            try (Connection c = sage.getConnection()) {
                SimulatedSage.createSchema(c);
                fillSage(c, data.sage(), yesterday);
            }
            out.printf(Locale.ROOT, "simulated databases filled in %.1f s%n", secs(t));
            SourceReader erpReader = new SourceReader(erp, CustomerMapping.defaults(SyncSystem.ERP));
            SourceReader sageReader = new SourceReader(sage, CustomerMapping.defaults(SyncSystem.SAGE));

            // 1. dry run
            t = System.nanoTime();
            DryRun.Report report = new DryRun(erpReader, sageReader, CustomerMatcher.withDefaults(), null, new SyncTexts())
                    .run(dir.resolve("dry-run"));
            out.printf(Locale.ROOT, "dry run: %.1f s, %s, report %s%n", secs(t), report.counts(),
                    report.folder().resolve("report.html"));

            // the state a first sync leaves: every pair of the dry run linked, every record seen
            t = System.nanoTime();
            SyncStore store = new SyncStore(hub, Clock.systemUTC());
            List<String[]> pairs = firstSyncState(hub, store, report.folder(), erpReader, sageReader);
            store.setHighWaterMark(SyncSystem.ERP, erpReader.databaseNow());
            store.setHighWaterMark(SyncSystem.SAGE, sageReader.databaseNow());
            out.printf(Locale.ROOT, "hub state of a first sync (%d links) built in %.1f s%n", pairs.size(), secs(t));

            SimulatedSageBridge bridge = new SimulatedSageBridge(sage, new SageBridgeApiKey("bench-key-0123456789abcdef", false));
            try (SageBridgeHttpServer server = SageBridgeHttpServer.start(bridge, 0)) {
                SageBridgeWriter sageWriter = new SageBridgeWriter(new SageBridgeWriter.Settings(server::baseUrl,
                        () -> "bench-key-0123456789abcdef", Duration.ofSeconds(2), Duration.ofSeconds(10), 3,
                        Duration.ofMillis(200)), Shortener.french(),
                        ColumnLengths.cached(() -> ColumnLengths.read(sage, SageFields.TABLE, SageFields.DOCUMENTED_LENGTHS)));
                ErpLayout layout = ErpLayout.parse(ErpWriterProperties.DEFAULT_FILE_COLUMNS);
                CustomerWriter erpWriter = new ErpImportFileWriter(new ImportFiles(Files.createDirectories(dir.resolve("erp-import")),
                        "relais-clients", "csv", Clock.systemUTC()), layout, ';', true, java.nio.charset.Charset.forName("windows-1252"),
                        Shortener.french(), () -> ColumnLengths.read(erp, "CLIENT", Map.of("CLI_PAYS", 35)), Clock.systemUTC());
                CustomerSync sync = new CustomerSync(new CustomerSync.Settings(Duration.ofMinutes(2), true, 5, Duration.ofSeconds(30)),
                        Map.of(SyncSystem.ERP, erpReader, SyncSystem.SAGE, sageReader), store,
                        new CustomerRegistry(CustomerMatcher.withDefaults(), store), new TicketService(new TicketRepository(hub)),
                        new SyncTexts(), Map.of(SyncSystem.ERP, erpWriter, SyncSystem.SAGE, sageWriter),
                        new AccountNumbers(AccountNumbers.Rule.defaults(), hub, sage, Clock.systemDefaultZone()),
                        new AuditLog(hub), new ReviewDecisions(hub),
                        new TransactionTemplate(new DataSourceTransactionManager(hub)), Clock.systemUTC());

                // 2. idle cycles
                sync.cycle(SyncSystem.ERP);
                sync.cycle(SyncSystem.SAGE);
                int idleRuns = 20;
                long idle = 0;
                for (int i = 0; i < idleRuns; i++) {
                    long s = System.nanoTime();
                    sync.cycle(i % 2 == 0 ? SyncSystem.ERP : SyncSystem.SAGE);
                    idle += System.nanoTime() - s;
                }
                out.printf(Locale.ROOT, "idle cycle (poll query on the source + high-water mark in the hub store): %.1f ms on"
                        + " average over %d cycles%n", idle / 1e6 / idleRuns, idleRuns);

                // 3. incremental: changes on each side of linked customers
                JdbcTemplate erpSql = new JdbcTemplate(erp);
                JdbcTemplate sageSql = new JdbcTemplate(sage);
                int n = Math.min(changes, pairs.size() / 2);
                long changed = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    erpSql.update("UPDATE CLIENT SET CLI_EMAIL = ? WHERE CLI_CODE = ?", "bench" + i + "@nouveau.fr", pairs.get(i)[0]);
                    sageSql.update("UPDATE F_COMPTET SET CT_EMail = ? WHERE CT_Num = ?", "bench" + i + "@sage.fr",
                            pairs.get(n + i)[1]);
                }
                long c1 = System.nanoTime();
                CustomerSync.Batch erpBatch = sync.process(sync.poll(SyncSystem.ERP));
                long processed = System.nanoTime();
                sync.commit(sync.flushWrites(erpBatch));
                long c2 = System.nanoTime();
                out.printf(Locale.ROOT, "  ERP cycle: poll + process %.0f ms, writes %.0f ms%n", (processed - c1) / 1e6,
                        (c2 - processed) / 1e6);
                CustomerSync.Batch sageBatch = sync.cycle(SyncSystem.SAGE);
                long c3 = System.nanoTime();
                int sageDone = sageSql.queryForObject("SELECT COUNT(*) FROM F_COMPTET WHERE CT_EMail LIKE 'bench%@nouveau.fr'", Integer.class);
                long erpFiles;
                try (var files = Files.list(dir.resolve("erp-import"))) {
                    erpFiles = files.filter(p -> p.toString().endsWith(".csv")).count();
                }
                out.printf(Locale.ROOT, "incremental: %d changed customers per side; ERP cycle %.0f ms (%s), Sage cycle %.0f ms"
                                + " (%s); %d Sage accounts updated through the bridge, %d ERP import files%n", n, (c2 - c1) / 1e6,
                        erpBatch.getSummary(), (c3 - c2) / 1e6, sageBatch.getSummary(), sageDone, erpFiles);
                out.printf(Locale.ROOT, "change → write on the other side, worst case at the default poll of 2 s: ERP→Sage"
                        + " %.1f s, Sage→ERP %.1f s%n", 2 + (c2 - c1) / 1e9, 2 + (c3 - c2) / 1e9);
                out.printf(Locale.ROOT, "(measured from the first change: %.1f s for both sides processed back to back)%n",
                        (c3 - changed) / 1e9);
            }
        }
        return 0;
    }

    /** Links every pair of the dry run's links.csv, creates the canonical customers and marks every record seen. */
    private static List<String[]> firstSyncState(HikariDataSource hub, SyncStore store, Path report, SourceReader erp,
                                                 SourceReader sage) throws Exception {
        List<String[]> pairs = new ArrayList<>();
        try (var reader = Files.newBufferedReader(report.resolve("links.csv"));
             var csv = org.apache.commons.csv.CSVFormat.Builder.create(org.apache.commons.csv.CSVFormat.EXCEL).setDelimiter(';')
                     .setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (var r : csv) {
                pairs.add(new String[] {r.get(0).replace("\uFEFF", ""), r.get(2)});
            }
        }
        Map<String, SourceRecord> erpRows = new java.util.HashMap<>();
        erp.all(r -> erpRows.put(r.key(), r));
        Map<String, SourceRecord> sageRows = new java.util.HashMap<>();
        sage.all(r -> sageRows.put(r.key(), r));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(hub));
        tx.executeWithoutResult(s -> {
            for (String[] p : pairs) {
                SourceRecord e = erpRows.get(p[0]);
                long id = store.createCustomer(e.fields());
                store.link(id, SyncSystem.ERP, p[0], "AUTO");
                store.link(id, SyncSystem.SAGE, p[1], "AUTO");
            }
            for (SourceRecord r : erpRows.values()) {
                store.saveSeen(r);
            }
            for (SourceRecord r : sageRows.values()) {
                store.saveSeen(r);
            }
        });
        return pairs;
    }

    private static void fillErp(Connection c, List<CustomerRecord> rows, LocalDateTime modified) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO CLIENT (CLI_CODE, CLI_NOM, CLI_ADRESSE1, CLI_CP,"
                + " CLI_VILLE, CLI_TEL, CLI_EMAIL, CLI_SIRET, CLI_DATE_MODIF) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            for (CustomerRecord r : rows) {
                ps.setString(1, cut(r.id(), 20));
                ps.setString(2, cut(r.name().isBlank() ? "?" : r.name(), 100));
                ps.setString(3, cut(r.address(), 100));
                ps.setString(4, cut(r.postcode(), 10));
                ps.setString(5, cut(r.city(), 60));
                ps.setString(6, cut(r.phone(), 25));
                ps.setString(7, cut(r.email(), 100));
                ps.setString(8, cut(r.siret(), 20));
                ps.setTimestamp(9, Timestamp.valueOf(modified));
                ps.addBatch();
                if (++i % 2000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
    }

    private static void fillSage(Connection c, List<CustomerRecord> rows, LocalDateTime modified) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO F_COMPTET (CT_Num, CT_Intitule, CT_Type, CT_Adresse,"
                + " CT_Complement, CT_CodePostal, CT_Ville, CT_Pays, CT_Telephone, CT_Telecopie, CT_EMail, CT_Siret,"
                + " cbModification) VALUES (?, ?, 0, ?, '', ?, ?, 'France', ?, '', ?, ?, ?)")) {
            int i = 0;
            for (CustomerRecord r : rows) {
                ps.setString(1, cut(r.id().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", ""), 17));
                ps.setString(2, cut(r.name().isBlank() ? "?" : r.name(), 69));
                ps.setString(3, cut(r.address(), 35));
                ps.setString(4, cut(r.postcode(), 9));
                ps.setString(5, cut(r.city(), 35));
                ps.setString(6, cut(r.phone(), 21));
                ps.setString(7, cut(r.email(), 69));
                ps.setString(8, cut(r.siret(), 15));
                ps.setTimestamp(9, Timestamp.valueOf(modified));
                ps.addBatch();
                if (++i % 2000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static HikariDataSource h2(String name) {
        var c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:" + name + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false;DB_CLOSE_DELAY=-1");
        c.setUsername("sa");
        c.setPassword("");
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    private static HikariDataSource hub() {
        var c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:bench_hub;DB_CLOSE_DELAY=-1");
        c.setUsername("sa");
        c.setPassword("");
        c.setMaximumPoolSize(4);
        HikariDataSource ds = new HikariDataSource(c);
        Flyway.configure().dataSource(ds).load().migrate();
        return ds;
    }

}
