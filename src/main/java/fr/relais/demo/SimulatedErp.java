package fr.relais.demo;

import fr.relais.demo.DemoData.ErpCustomer;
import fr.relais.demo.DemoData.ErpIntervention;
import fr.relais.demo.DemoData.ErpJob;
import fr.relais.erp.ConnectorDataSource;
import fr.relais.erp.ErpProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulated MDE ERP of the demo mode and the tests: an H2 database (SQL Server mode) whose schema is
 * generated from the table and column names of {@code relais.erp.*}, seeded with {@link DemoDataGenerator}'s
 * data when empty. Only the demo mode ({@code relais.erp.simulated=true}) and tests call this.
 */
public final class SimulatedErp {

    private static final Logger log = LoggerFactory.getLogger(SimulatedErp.class);

    private SimulatedErp() {
    }

    /** Counts of rows written by a seeding; all zero when the database already held customers. */
    public record SeedCounts(int customers, int jobs, int interventions) {
    }

    /**
     * Creates the simulated schema if missing and seeds the demo data if the customers table is empty.
     * Idempotent: a second call on the same database writes nothing.
     */
    public static SeedCounts prepare(ErpProperties properties) {
        return prepare(properties, DemoDataGenerator.generate(DemoDataGenerator.DEFAULT_SEED, LocalDate.now()));
    }

    public static SeedCounts prepare(ErpProperties properties, DemoData data) {
        String url = properties.getUrl();
        if (url == null || !url.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("relais.erp.simulated=true is only allowed on an H2 database (jdbc:h2:...), not on "
                    + ConnectorDataSource.redact(url) + "; set relais.erp.simulated=false for a real ERP");
        }
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, properties.getUsername(), properties.getPassword())) {
            createSchema(connection, properties);
            if (!isEmpty(connection, properties)) {
                log.info("Simulated ERP at {} already holds data: not seeded again", ConnectorDataSource.redact(url));
                return new SeedCounts(0, 0, 0);
            }
            SeedCounts counts = seed(connection, properties, data);
            log.info("Simulated ERP at {} seeded with demo data in {} ms: {} customers, {} jobs, {} interventions",
                    ConnectorDataSource.redact(url), (System.nanoTime() - start) / 1_000_000, counts.customers(),
                    counts.jobs(), counts.interventions());
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the simulated ERP database at "
                    + ConnectorDataSource.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** The DDL of the simulated schema, built from the configured names (SQL Server types). */
    public static List<String> schemaStatements(ErpProperties properties) {
        var t = properties.getTables();
        var c = properties.getColumns().getCustomer();
        var j = properties.getColumns().getJob();
        var i = properties.getColumns().getIntervention();
        List<String> ddl = new ArrayList<>();
        for (String table : List.of(t.getCustomers(), t.getJobs(), t.getInterventions())) {
            if (table.contains(".")) {
                ddl.add("CREATE SCHEMA IF NOT EXISTS " + quote(table.substring(0, table.indexOf('.'))));
            }
        }
        ddl.add("CREATE TABLE IF NOT EXISTS " + quote(t.getCustomers()) + " ("
                + quote(c.getCode()) + " varchar(20) NOT NULL PRIMARY KEY, "
                + quote(c.getName()) + " varchar(100) NOT NULL, "
                + quote(c.getAddress1()) + " varchar(100), "
                + quote(c.getAddress2()) + " varchar(100), "
                + quote(c.getPostcode()) + " varchar(10), "
                + quote(c.getCity()) + " varchar(60), "
                + quote(c.getPhone()) + " varchar(25), "
                + quote(c.getMobile()) + " varchar(25), "
                + quote(c.getEmail()) + " varchar(100), "
                + quote(c.getSiret()) + " varchar(20), "
                + quote(c.getLastModified()) + " datetime2 NOT NULL DEFAULT LOCALTIMESTAMP ON UPDATE LOCALTIMESTAMP)");
        ddl.add(index(t.getCustomers(), c.getLastModified()));
        ddl.add("CREATE TABLE IF NOT EXISTS " + quote(t.getJobs()) + " ("
                + quote(j.getCode()) + " varchar(20) NOT NULL PRIMARY KEY, "
                + quote(j.getCustomer()) + " varchar(20) NOT NULL, "
                + quote(j.getLabel()) + " varchar(200) NOT NULL, "
                + quote(j.getSiteAddress()) + " varchar(100), "
                + quote(j.getSitePostcode()) + " varchar(10), "
                + quote(j.getSiteCity()) + " varchar(60), "
                + quote(j.getStatus()) + " varchar(20) NOT NULL, "
                + quote(j.getStartDate()) + " date, "
                + quote(j.getEndDate()) + " date, "
                + quote(j.getLastModified()) + " datetime2 NOT NULL DEFAULT LOCALTIMESTAMP ON UPDATE LOCALTIMESTAMP)");
        ddl.add(index(t.getJobs(), j.getCustomer()));
        ddl.add(index(t.getJobs(), j.getLastModified()));
        ddl.add("CREATE TABLE IF NOT EXISTS " + quote(t.getInterventions()) + " ("
                + quote(i.getId()) + " bigint IDENTITY(1,1) NOT NULL PRIMARY KEY, "
                + quote(i.getJob()) + " varchar(20), "
                + quote(i.getCustomer()) + " varchar(20) NOT NULL, "
                + quote(i.getTechnician()) + " varchar(60), "
                + quote(i.getType()) + " varchar(20) NOT NULL, "
                + quote(i.getPlannedStart()) + " datetime2, "
                + quote(i.getPlannedEnd()) + " datetime2, "
                + quote(i.getFinishedAt()) + " datetime2, "
                + quote(i.getStatus()) + " varchar(20) NOT NULL, "
                + quote(i.getReport()) + " varchar(max), "
                + quote(i.getLastModified()) + " datetime2 NOT NULL DEFAULT LOCALTIMESTAMP ON UPDATE LOCALTIMESTAMP)");
        ddl.add(index(t.getInterventions(), i.getJob()));
        ddl.add(index(t.getInterventions(), i.getLastModified()));
        return ddl;
    }

    /** Creates the tables that are missing, then checks that every configured column exists. */
    public static void createSchema(Connection connection, ErpProperties properties) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : schemaStatements(properties)) {
                statement.execute(sql);
            }
        }
        checkColumns(connection, properties);
    }

    /** True when the customers table has no row. */
    public static boolean isEmpty(Connection connection, ErpProperties properties) throws SQLException {
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(properties.getTables().getCustomers()))) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    /** Writes the ERP part of the demo data in one transaction. */
    public static SeedCounts seed(Connection connection, ErpProperties properties, DemoData data) throws SQLException {
        var t = properties.getTables();
        var c = properties.getColumns().getCustomer();
        var j = properties.getColumns().getJob();
        var i = properties.getColumns().getIntervention();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement ps = connection.prepareStatement(insert(t.getCustomers(), c.getCode(), c.getName(),
                    c.getAddress1(), c.getAddress2(), c.getPostcode(), c.getCity(), c.getPhone(), c.getMobile(),
                    c.getEmail(), c.getSiret(), c.getLastModified()))) {
                for (ErpCustomer x : data.erpCustomers()) {
                    bind(ps, x.code(), x.name(), x.address1(), x.address2(), x.postcode(), x.city(), x.phone(),
                            x.mobile(), x.email(), x.siret(), x.lastModified());
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = connection.prepareStatement(insert(t.getJobs(), j.getCode(), j.getCustomer(),
                    j.getLabel(), j.getSiteAddress(), j.getSitePostcode(), j.getSiteCity(), j.getStatus(),
                    j.getStartDate(), j.getEndDate(), j.getLastModified()))) {
                for (ErpJob x : data.erpJobs()) {
                    bind(ps, x.code(), x.customerCode(), x.label(), x.siteAddress(), x.sitePostcode(), x.siteCity(),
                            x.status(), x.startDate(), x.endDate(), x.lastModified());
                }
                ps.executeBatch();
            }
            long maxId = 0;
            try (PreparedStatement ps = connection.prepareStatement(insert(t.getInterventions(), i.getId(), i.getJob(),
                    i.getCustomer(), i.getTechnician(), i.getType(), i.getPlannedStart(), i.getPlannedEnd(),
                    i.getFinishedAt(), i.getStatus(), i.getReport(), i.getLastModified()))) {
                for (ErpIntervention x : data.erpInterventions()) {
                    bind(ps, x.id(), x.jobCode(), x.customerCode(), x.technician(), x.type(), x.plannedStart(),
                            x.plannedEnd(), x.finishedAt(), x.status(), x.report(), x.lastModified());
                    maxId = Math.max(maxId, x.id());
                }
                ps.executeBatch();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + quote(t.getInterventions()) + " ALTER COLUMN " + quote(i.getId())
                        + " RESTART WITH " + (maxId + 1));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new SeedCounts(data.erpCustomers().size(), data.erpJobs().size(), data.erpInterventions().size());
    }

    private static void checkColumns(Connection connection, ErpProperties properties) throws SQLException {
        var t = properties.getTables();
        var c = properties.getColumns().getCustomer();
        var j = properties.getColumns().getJob();
        var i = properties.getColumns().getIntervention();
        List<String> missing = new ArrayList<>();
        missing.addAll(missingColumns(connection, t.getCustomers(), c.getCode(), c.getName(), c.getAddress1(),
                c.getAddress2(), c.getPostcode(), c.getCity(), c.getPhone(), c.getMobile(), c.getEmail(),
                c.getSiret(), c.getLastModified()));
        missing.addAll(missingColumns(connection, t.getJobs(), j.getCode(), j.getCustomer(), j.getLabel(),
                j.getSiteAddress(), j.getSitePostcode(), j.getSiteCity(), j.getStatus(), j.getStartDate(),
                j.getEndDate(), j.getLastModified()));
        missing.addAll(missingColumns(connection, t.getInterventions(), i.getId(), i.getJob(), i.getCustomer(),
                i.getTechnician(), i.getType(), i.getPlannedStart(), i.getPlannedEnd(), i.getFinishedAt(),
                i.getStatus(), i.getReport(), i.getLastModified()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the simulated ERP database was created with other names than relais.erp.tables/columns "
                    + "now configure (missing: " + String.join(", ", missing) + "); delete its files (./data/erp-sim*) "
                    + "to recreate it, or set the names back");
        }
    }

    private static List<String> missingColumns(Connection connection, String table, String... columns) throws SQLException {
        String schema = table.contains(".") ? table.substring(0, table.indexOf('.')) : null;
        String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        List<String> found = new ArrayList<>();
        try (var rs = connection.getMetaData().getColumns(null, schema, name, null)) {
            while (rs.next()) {
                found.add(rs.getString("COLUMN_NAME"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String column : columns) {
            if (!found.contains(column)) {
                missing.add(table + "." + column);
            }
        }
        return missing;
    }

    private static String insert(String table, String... columns) {
        var names = new StringBuilder();
        var marks = new StringBuilder();
        for (String column : columns) {
            names.append(names.isEmpty() ? "" : ", ").append(quote(column));
            marks.append(marks.isEmpty() ? "?" : ", ?");
        }
        return "INSERT INTO " + quote(table) + " (" + names + ") VALUES (" + marks + ")";
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int k = 0; k < values.length; k++) {
            ps.setObject(k + 1, values[k]);
        }
        ps.addBatch();
    }

    private static String index(String table, String column) {
        String simple = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        String name = ("IX_" + simple + "_" + column).toUpperCase(Locale.ROOT);
        return "CREATE INDEX IF NOT EXISTS " + quote(name.length() > 120 ? name.substring(0, 120) : name)
                + " ON " + quote(table) + " (" + quote(column) + ")";
    }

    /** Quotes a configured name (already validated as {@code [schema.]name}) part by part. */
    static String quote(String name) {
        var quoted = new StringBuilder();
        for (String part : name.split("\\.")) {
            quoted.append(quoted.isEmpty() ? "" : ".").append('"').append(part).append('"');
        }
        return quoted.toString();
    }
}
