package fr.relais.customer.write;

import fr.relais.erp.SqlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Writes MDE ERP customers as rows of a staging table that the ERP imports from (table and columns configurable,
 * {@code relais.erp.writer.staging-table.*}), through a writable ERP DataSource: one parameterised INSERT in one
 * transaction per write. A write whose correlation id is already in the table is not inserted again. Answers
 * QUEUED (the ERP processes the table on its own schedule).
 */
public final class ErpStagingTableWriter implements ErpWriter {

    private static final Logger log = LoggerFactory.getLogger(ErpStagingTableWriter.class);

    private final DataSource dataSource;
    private final String table;
    private final ErpLayout layout;
    private final Shortener shortener;
    private final Supplier<ColumnLengths> lengths;
    private final Clock clock;
    private final String insert;

    public ErpStagingTableWriter(DataSource dataSource, String table, ErpLayout layout, Shortener shortener,
                                 Supplier<ColumnLengths> lengths, Clock clock) {
        if (!table.matches(SqlName.PATTERN)) {
            throw new IllegalArgumentException("the staging table must be a SQL name (letters, digits, _; optional schema.): " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.layout = layout;
        this.shortener = shortener;
        this.lengths = lengths;
        this.clock = clock;
        List<ErpLayout.Column> columns = layout.columns();
        this.insert = "INSERT INTO " + table + " (" + columns.stream().map(ErpLayout.Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    public String table() {
        return table;
    }

    @Override
    public WriteOutcome write(CustomerWrite write) {
        if (write.kind() == CustomerWrite.Kind.UPDATE && (write.targetId() == null || write.targetId().isBlank())) {
            return new WriteOutcome(WriteOutcome.Status.REFUSED, null, WriterMessages.format("no.target.id", "l'ERP"), null);
        }
        ColumnLengths columnLengths = lengths.get();
        Shortener.Shortened shortened = shortener.shorten(write.fields(), layout.fieldLengths(columnLengths));
        if (!shortened.ok()) {
            var problem = shortened.problems().entrySet().iterator().next();
            return new WriteOutcome(WriteOutcome.Status.REFUSED, write.targetId(), WriterMessages.format("field.too.long",
                    problem.getKey(), "l'ERP", shortened.values().get(problem.getKey()).length(),
                    layout.fieldLengths(columnLengths).get(problem.getKey())), null);
        }
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        List<Object> row = layout.row(write, shortened.values(), now);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (alreadyStaged(connection, write.correlationId())) {
                    connection.rollback();
                    log.info("ERP staging: write {} already in {}, not inserted again", write.correlationId(), table);
                    return new WriteOutcome(WriteOutcome.Status.QUEUED, write.targetId(), null, shortened.values());
                }
                try (PreparedStatement ps = connection.prepareStatement(insert)) {
                    for (int k = 0; k < row.size(); k++) {
                        Object value = row.get(k);
                        ps.setObject(k + 1, value instanceof LocalDateTime t ? Timestamp.valueOf(t) : value);
                    }
                    ps.executeUpdate();
                }
                connection.commit();
                return new WriteOutcome(WriteOutcome.Status.QUEUED, write.targetId(), null, shortened.values());
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("22") || state.startsWith("23")) {
                return new WriteOutcome(WriteOutcome.Status.REFUSED, write.targetId(),
                        WriterMessages.format("staging.refused", table, e.getMessage()), null);
            }
            return new WriteOutcome(WriteOutcome.Status.UNAVAILABLE, write.targetId(),
                    WriterMessages.format("staging.failed", table, e.getMessage()), null);
        }
    }

    private boolean alreadyStaged(Connection connection, String correlationId) throws SQLException {
        String column = layout.correlationColumn();
        if (column == null) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE " + column + " = ?")) {
            ps.setString(1, correlationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The DDL of a staging table for this layout (the simulated ERP of the demo mode creates it; for the real MDE
     * the table is MDE's). SQL Server types, also accepted by H2 in SQL Server mode.
     */
    public static List<String> stagingTableDdl(String table, ErpLayout layout) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table).append(" (")
                .append("STAGING_ID bigint IDENTITY(1,1) NOT NULL PRIMARY KEY");
        for (ErpLayout.Column c : layout.columns()) {
            sql.append(", ").append(c.name()).append(' ').append(switch (c.source()) {
                case "@operation" -> "varchar(10) NOT NULL";
                case "@targetId" -> "varchar(20)";
                case "@correlationId" -> "varchar(128) NOT NULL UNIQUE";
                case "@writtenAt" -> "datetime2 NOT NULL";
                case "name", "address1", "address2", "email" -> "varchar(100)";
                case "postcode" -> "varchar(10)";
                case "city" -> "varchar(60)";
                case "country" -> "varchar(35)";
                case "phone", "mobile" -> "varchar(25)";
                case "siret" -> "varchar(20)";
                default -> "varchar(100)";
            });
        }
        sql.append(", STATUT varchar(20) NOT NULL DEFAULT 'A_TRAITER')");
        return List.of(sql.toString());
    }

    /** Creates the staging table when missing (demo mode only). */
    public static void createStagingTable(DataSource dataSource, String table, ErpLayout layout) throws SQLException {
        if (!table.matches(SqlName.PATTERN)) {
            throw new IllegalArgumentException("not a SQL name: " + table);
        }
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            if (table.contains(".")) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + table.substring(0, table.indexOf('.')));
            }
            for (String ddl : stagingTableDdl(table, layout)) {
                statement.execute(ddl);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }
}
