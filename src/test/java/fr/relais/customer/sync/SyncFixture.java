package fr.relais.customer.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.relais.customer.match.CustomerMatcher;
import fr.relais.customer.write.AccountNumbers;
import fr.relais.customer.write.ColumnLengths;
import fr.relais.customer.write.ErpImportFileWriter;
import fr.relais.customer.write.ErpLayout;
import fr.relais.customer.write.ErpWriterProperties;
import fr.relais.customer.write.ImportFiles;
import fr.relais.customer.write.SageBridgeApiKey;
import fr.relais.customer.write.SageBridgeWriter;
import fr.relais.customer.write.SageFields;
import fr.relais.customer.write.SageImportFileWriter;
import fr.relais.customer.write.SageWriter;
import fr.relais.customer.write.Shortener;
import fr.relais.demo.SimulatedErp;
import fr.relais.demo.SimulatedSage;
import fr.relais.demo.bridge.SageBridgeHttpServer;
import fr.relais.demo.bridge.SimulatedErpImporter;
import fr.relais.demo.bridge.SimulatedSageBridge;
import fr.relais.demo.bridge.SimulatedSageImporter;
import fr.relais.erp.ErpProperties;
import fr.relais.store.AuditLog;
import fr.relais.store.ReviewDecisions;
import fr.relais.store.TestDatabase;
import fr.relais.ticket.TicketCategory;
import fr.relais.ticket.TicketRepository;
import fr.relais.ticket.TicketService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A small real setting for the sync: a migrated hub store (H2 or PostgreSQL), a simulated ERP and a simulated
 * Sage (H2 in SQL Server mode, Sage's F_COMPTET), the simulated Sage bridge on a loopback HTTP server (or Sage's
 * import folder with the simulated import), the ERP import folder with the simulated MDE import. Sage's pool can be
 * switched off to stand for a Sage that is down.
 */
final class SyncFixture implements AutoCloseable {

    static final SageBridgeApiKey KEY = new SageBridgeApiKey("sync-test-key-0123456789", false);
    static final Charset CP1252 = Charset.forName("windows-1252");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    enum SageMode { BRIDGE, IMPORT_FILE }

    final HikariDataSource hub;
    final HikariDataSource erp;
    final HikariDataSource sageDb;
    final Switchable sage;
    final ErpProperties erpProperties = new ErpProperties();
    final SimulatedSageBridge bridge;
    final SageBridgeHttpServer bridgeServer;
    final Path erpFolder;
    final Path sageFolder;
    final SimulatedErpImporter erpImporter;
    final SimulatedSageImporter sageImporter;
    final SageWriter sageWriter;
    final ErpImportFileWriter erpWriter;
    final TicketService tickets;
    final SyncStore store;
    final JdbcTemplate hubSql;
    final JdbcTemplate erpSql;
    final JdbcTemplate sageSql;
    private final SageImportFileWriter.Layout sageLayout;
    private final ErpLayout erpLayout;
    CustomerSync sync;

    SyncFixture(TestDatabase database, SageMode mode, Path temp) throws IOException, SQLException {
        int n = COUNTER.incrementAndGet();
        hub = database.createMigrated();
        erp = h2("sync_erp_" + n);
        sageDb = h2("sync_sage_" + n);
        sage = new Switchable(sageDb);
        erpProperties.setUrl("jdbc:h2:mem:sync_erp_" + n);
        try (Connection c = erp.getConnection()) {
            SimulatedErp.createSchema(c, erpProperties);
        }
        try (Connection c = sageDb.getConnection()) {
            SimulatedSage.createSchema(c);
        }
        bridge = new SimulatedSageBridge(sageDb, KEY);
        bridgeServer = SageBridgeHttpServer.start(bridge, 0);
        erpFolder = Files.createDirectories(temp.resolve("erp-import-" + n));
        sageFolder = Files.createDirectories(temp.resolve("sage-import-" + n));
        erpLayout = ErpLayout.parse(ErpWriterProperties.DEFAULT_FILE_COLUMNS);
        erpWriter = new ErpImportFileWriter(new ImportFiles(erpFolder, "relais-clients", "csv", Clock.systemUTC()), erpLayout,
                ';', true, CP1252, Shortener.french(),
                () -> ColumnLengths.read(erp, "CLIENT", Map.of("CLI_PAYS", 35)), Clock.systemUTC());
        erpImporter = new SimulatedErpImporter(erp, erpProperties, erpLayout);
        sageLayout = new SageImportFileWriter.Layout(SageImportFileWriter.Format.DELIMITED, ";", false, CP1252, "\r\n",
                Stream.of("CT_Num,CT_Intitule,CT_Type,CT_Adresse,CT_Complement,CT_CodePostal,CT_Ville,CT_Pays,CT_Telephone,CT_EMail,CT_Siret"
                        .split(",")).map(SageImportFileWriter.Column::parse).toList());
        sageImporter = new SimulatedSageImporter(sageFolder, "txt", sageLayout, bridge);
        sageWriter = mode == SageMode.BRIDGE
                ? new SageBridgeWriter(new SageBridgeWriter.Settings(bridgeServer::baseUrl, KEY::value, Duration.ofMillis(500),
                        Duration.ofSeconds(5), 2, Duration.ofMillis(20)), Shortener.french(),
                        ColumnLengths.cached(() -> ColumnLengths.read(sageDb, SageFields.TABLE, SageFields.DOCUMENTED_LENGTHS)))
                : new SageImportFileWriter(new ImportFiles(sageFolder, "relais-clients", "txt", Clock.systemUTC()), sageLayout,
                        Shortener.french(), () -> ColumnLengths.read(sageDb, SageFields.TABLE, SageFields.DOCUMENTED_LENGTHS));
        tickets = new TicketService(new TicketRepository(hub));
        store = new SyncStore(hub, Clock.systemUTC());
        hubSql = new JdbcTemplate(hub);
        erpSql = new JdbcTemplate(erp);
        sageSql = new JdbcTemplate(sageDb);
        sync = newSync(settings());
    }

    static CustomerSync.Settings settings() {
        return new CustomerSync.Settings(Duration.ofMinutes(2), true, 3, Duration.ZERO);
    }

    /** A new engine on the same databases: what a restart of the hub gives. */
    CustomerSync newSync(CustomerSync.Settings settings) {
        SyncStore s = new SyncStore(hub, Clock.systemUTC());
        return new CustomerSync(settings,
                Map.of(SyncSystem.ERP, new SourceReader(erp, CustomerMapping.defaults(SyncSystem.ERP)),
                        SyncSystem.SAGE, new SourceReader(sage, CustomerMapping.defaults(SyncSystem.SAGE))),
                s, new CustomerRegistry(CustomerMatcher.withDefaults(), s), tickets, new SyncTexts(),
                Map.of(SyncSystem.ERP, erpWriter, SyncSystem.SAGE, sageWriter),
                new AccountNumbers(AccountNumbers.Rule.defaults(), hub, sage, Clock.systemDefaultZone()),
                new AuditLog(hub), new ReviewDecisions(hub),
                new TransactionTemplate(new DataSourceTransactionManager(hub)), Clock.systemUTC());
    }

    /** Both sides read once (first cycles), then as many rounds as asked: ERP then Sage. */
    void rounds(int n) {
        for (int i = 0; i < n; i++) {
            sync.cycle(SyncSystem.ERP);
            sync.cycle(SyncSystem.SAGE);
        }
    }

    void erpCustomer(String code, String name, String address, String postcode, String city, String phone, String email) {
        erpSql.update("INSERT INTO CLIENT (CLI_CODE, CLI_NOM, CLI_ADRESSE1, CLI_CP, CLI_VILLE, CLI_TEL, CLI_EMAIL)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", code, name, address, postcode, city, phone, email);
    }

    void sageAccount(String ctNum, String name, String address, String postcode, String city, String phone, String email) {
        sageSql.update("INSERT INTO F_COMPTET (CT_Num, CT_Intitule, CT_Type, CT_Adresse, CT_Complement, CT_CodePostal, CT_Ville,"
                + " CT_Pays, CT_Telephone, CT_Telecopie, CT_EMail, CT_Siret) VALUES (?, ?, 0, ?, '', ?, ?, 'France', ?, '', ?, '')",
                ctNum, name, address, postcode, city, phone, email);
    }

    int sageCustomers() {
        return sageSql.queryForObject("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Type = 0", Integer.class);
    }

    int erpCustomers() {
        return erpSql.queryForObject("SELECT COUNT(*) FROM CLIENT", Integer.class);
    }

    Map<String, Object> sageRow(String ctNum) {
        return sageSql.queryForMap("SELECT * FROM F_COMPTET WHERE CT_Num = ?", ctNum);
    }

    Map<String, Object> erpRow(String code) {
        return erpSql.queryForMap("SELECT * FROM CLIENT WHERE CLI_CODE = ?", code);
    }

    List<String> links(SyncSystem system) {
        return hubSql.queryForList("SELECT system_id FROM customer_link WHERE source_system = ? ORDER BY system_id",
                String.class, system.name());
    }

    Long customerOf(SyncSystem system, String key) {
        return store.linkedCustomer(system, key).orElse(null);
    }

    int tickets(TicketCategory category) {
        return hubSql.queryForObject("SELECT COUNT(*) FROM ticket WHERE category = ?", Integer.class, category.name());
    }

    List<Map<String, Object>> ticketsOf(TicketCategory category) {
        return hubSql.queryForList("SELECT id, subject, description, customer_id FROM ticket WHERE category = ? ORDER BY id",
                category.name());
    }

    int writes(String status) {
        return hubSql.queryForObject("SELECT COUNT(*) FROM sync_write WHERE status = ?", Integer.class, status);
    }

    /** ERP import files written by the hub (waiting, imported or rejected by the simulated import). */
    int erpFiles() {
        try (var s = Files.walk(erpFolder)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".csv")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    SimulatedErpImporter.Result importErp() {
        return erpImporter.importFiles(erpFolder, "csv", ';', CP1252);
    }

    SimulatedSageImporter.Result importSage() {
        return sageImporter.importAll();
    }

    @Override
    public void close() {
        bridgeServer.close();
        hub.close();
        erp.close();
        sageDb.close();
    }

    private static HikariDataSource h2(String name) {
        var config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + name + ";MODE=MSSQLServer;DATABASE_TO_UPPER=false;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** A DataSource that can be made to fail like a database that is down (connection refused). */
    static final class Switchable implements DataSource {
        private final DataSource target;
        final AtomicBoolean down = new AtomicBoolean();

        Switchable(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLException("Connection refused: sage-sql:1433 (simulated outage)", "08001");
            }
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
