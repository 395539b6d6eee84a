package fr.relais.customer.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** Settings of the customer sync, {@code relais.sync.*} (documented in connectors/sync.yaml). */
@Validated
@ConfigurationProperties("relais.sync")
public class SyncProperties {

    private boolean enabled = true;
    private boolean writesEnabled = false;
    @Min(100)
    private long erpPollDelay = 2000;
    @Min(100)
    private long sagePollDelay = 2000;
    @Min(1000)
    private long keysPollDelay = 600_000;
    @Min(0)
    private long initialDelay = 5000;
    private Duration overlap = Duration.ofMinutes(2);
    @Min(1)
    @Max(100)
    private int maxWriteAttempts = 5;
    private Duration retryDelay = Duration.ofSeconds(30);
    private String erpMapping = "";
    private String sageMapping = "";
    private String dryRunDir = "./data/sync-dry-run";

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public boolean isWritesEnabled() { return writesEnabled; }
    public void setWritesEnabled(boolean writesEnabled) { this.writesEnabled = writesEnabled; }
    public long getErpPollDelay() { return erpPollDelay; }
    public void setErpPollDelay(long erpPollDelay) { this.erpPollDelay = erpPollDelay; }
    public long getSagePollDelay() { return sagePollDelay; }
    public void setSagePollDelay(long sagePollDelay) { this.sagePollDelay = sagePollDelay; }
    public long getKeysPollDelay() { return keysPollDelay; }
    public void setKeysPollDelay(long keysPollDelay) { this.keysPollDelay = keysPollDelay; }
    public long getInitialDelay() { return initialDelay; }
    public void setInitialDelay(long initialDelay) { this.initialDelay = initialDelay; }
    public Duration getOverlap() { return overlap; }
    public void setOverlap(Duration overlap) { this.overlap = overlap; }
    public int getMaxWriteAttempts() { return maxWriteAttempts; }
    public void setMaxWriteAttempts(int maxWriteAttempts) { this.maxWriteAttempts = maxWriteAttempts; }
    public Duration getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
    public String getErpMapping() { return erpMapping; }
    public void setErpMapping(String erpMapping) { this.erpMapping = erpMapping; }
    public String getSageMapping() { return sageMapping; }
    public void setSageMapping(String sageMapping) { this.sageMapping = sageMapping; }
    public String getDryRunDir() { return dryRunDir; }
    public void setDryRunDir(String dryRunDir) { this.dryRunDir = dryRunDir; }

    public CustomerSync.Settings toSettings() {
        return new CustomerSync.Settings(overlap, writesEnabled, maxWriteAttempts, retryDelay);
    }
}
