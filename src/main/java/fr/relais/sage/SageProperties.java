package fr.relais.sage;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the Sage 100 connector ({@code relais.sage.*}), documented in {@code connectors/sage.yaml}.
 * Sage's table and column names are fixed by Sage ({@code F_COMPTET}, {@code F_DOCENTETE}, {@code F_DOCLIGNE}):
 * only how to reach the database is configurable.
 */
@Validated
@ConfigurationProperties("relais.sage")
public class SageProperties {

    @NotNull(message = "must be set: the JDBC URL of the Sage 100 company database, e.g. jdbc:sqlserver://host:1433;databaseName=BIJOU (env RELAIS_SAGE_URL)")
    @Pattern(regexp = "jdbc:[A-Za-z0-9]+:.+",
            message = "must be a JDBC URL such as jdbc:sqlserver://host:1433;databaseName=BIJOU or jdbc:h2:file:./data/sage-sim (env RELAIS_SAGE_URL)")
    private String url;

    private String username = "";

    private String password = "";

    /** Create the simulated Sage tables and seed demo data when the database is empty (H2 only). */
    private boolean simulated = false;

    private boolean readOnly = true;

    @Min(1) @Max(50)
    private int poolSize = 3;

    @NotNull
    private Duration connectTimeout = Duration.ofSeconds(5);

    @NotNull
    private Duration pollInterval = Duration.ofSeconds(30);

    @AssertTrue(message = "relais.sage.simulated=true creates and seeds demo Sage tables and is only allowed on an H2 URL (jdbc:h2:...); "
            + "set relais.sage.simulated=false (env RELAIS_SAGE_SIMULATED=false) for a real Sage database")
    public boolean isSimulationOnH2() {
        return !simulated || url == null || url.isBlank() || url.startsWith("jdbc:h2:");
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public boolean isSimulated() { return simulated; }
    public void setSimulated(boolean simulated) { this.simulated = simulated; }
    public boolean isReadOnly() { return readOnly; }
    public void setReadOnly(boolean readOnly) { this.readOnly = readOnly; }
    public int getPoolSize() { return poolSize; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
}
