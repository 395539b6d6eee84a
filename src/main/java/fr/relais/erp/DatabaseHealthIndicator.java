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
    private final Duration timeout;

    public DatabaseHealthIndicator(String system, DataSource dataSource, String url, Duration timeout) {
        super(system + " database health check failed");
        this.dataSource = dataSource;
        this.url = ConnectorDataSource.redact(url);
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("url", url);
        try (Connection connection = dataSource.getConnection();
             var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (var rs = statement.executeQuery("SELECT 1")) {
                rs.next();
            }
            var meta = connection.getMetaData();
            builder.up()
                    .withDetail("database", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion())
                    .withDetail("readOnly", connection.isReadOnly());
        } catch (Exception e) {
            builder.down().withDetail("error", describe(e));
        }
    }

    /** The root cause's class and message, which is what tells why a database cannot be reached. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? e.getMessage() : e.getMessage() + " (cause: " + root.getMessage() + ")";
        return e.getClass().getSimpleName() + ": " + message;
    }
}
