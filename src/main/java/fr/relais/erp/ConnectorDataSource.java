package fr.relais.erp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Builds the small connection pool of an external database (ERP, Sage): read-only by default, short
 * timeouts, and a pool that starts even when the database is down (health then says DOWN, and the
 * connector works again as soon as the database is back).
 */
public final class ConnectorDataSource {

    private static final Pattern SECRET_IN_URL =
            Pattern.compile("(?i)((?:password|pwd|secret|token)\\s*=)[^;&]*");

    private static final Pattern USER_INFO_IN_URL = Pattern.compile("//[^/@;]+@");

    private ConnectorDataSource() {
    }

    /**
     * @param name           pool name, shown in logs and metrics ({@code erp}, {@code sage})
     * @param connectTimeout longest wait for a connection; at least 250 ms
     */
    public static HikariDataSource create(String name, String url, String username, String password,
                                          boolean readOnly, int poolSize, Duration connectTimeout) {
        var config = new HikariConfig();
        config.setPoolName("relais-" + name);
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setReadOnly(readOnly);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        long timeoutMs = Math.max(250, connectTimeout.toMillis());
        config.setConnectionTimeout(timeoutMs);
        config.setValidationTimeout(Math.max(250, Math.min(timeoutMs, 5_000)));
        // Do not fail the start when the database is down: the health indicator reports it.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** The URL without passwords or user info, fit for logs and health details. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String redacted = SECRET_IN_URL.matcher(url).replaceAll("$1******");
        return USER_INFO_IN_URL.matcher(redacted).replaceAll("//******@");
    }
}
