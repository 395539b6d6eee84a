package fr.relais.erp;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;

/**
 * UP when the database answers a trivial query within the timeout, DOWN otherwise. The details name the
 * database (product, version, redacted URL) and the error, never a credential.
 */
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DataSource dataSource;
    private final String url;
    private final boolean readOnly;
    private final Duration timeout;

    /**
     * @param readOnly whether the pool asks for read-only connections (a hint to the driver: the real guard is
     *                 the database login's rights)
     */
    public DatabaseHealthIndicator(String system, DataSource dataSource, String url, boolean readOnly, Duration timeout) {
        super(system + " database health check failed");
        this.dataSource = dataSource;
        this.url = ConnectorDataSource.redact(url);
        this.readOnly = readOnly;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("url", url).withDetail("readOnlyPool", readOnly);
        try (Connection connection = dataSource.getConnection();
             var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (var rs = statement.executeQuery("SELECT 1")) {
                rs.next();
            }
            var meta = connection.getMetaData();
            builder.up()
                    .withDetail("database", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (Exception e) {
            builder.down().withDetail("error", describe(e));
        }
    }

    /** The exception and its causes (what tells why a database cannot be reached), without repeats. */
    static String describe(Throwable e) {
        var text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && cause != e && depth < 4; depth++, cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !text.toString().contains(message)) {
                text.append(" <- ").append(message);
            }
        }
        return text.toString();
    }
}
