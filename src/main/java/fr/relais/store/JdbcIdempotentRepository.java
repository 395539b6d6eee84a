package fr.relais.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Camel idempotent repository over the hub's {@code processed_item} table, one instance per processor
 * (route or poller): {@code new JdbcIdempotentRepository(dataSource, "mail-inbound")}.
 * <ul>
 * <li>Keys of any length: uniqueness is on the SHA-256 of the key (Graph ids and Message-IDs can exceed
 * any sensible index); the key itself is kept, cut to 512 characters, for people reading the table.</li>
 * <li>Safe for competing consumers, on several hub instances too: {@link #add} is a plain INSERT and
 * a unique-key violation means "already seen". There is no read-then-write window.</li>
 * <li>Each statement runs in a nested transaction: alone it commits at once; inside a transaction of
 * the hub's database (same {@code DataSource}) it becomes part of it, on a savepoint, so a duplicate
 * does not spoil the surrounding transaction (PostgreSQL would otherwise abort it) and the key commits
 * or rolls back together with the effect it guards.</li>
 * <li>{@link #confirm} marks the key as done; {@link #remove} forgets it (Camel calls it when the
 * exchange failed, so that a redelivery is processed again).</li>
 * <li>Optionally ({@link #setUnconfirmedExpiry}), a key added but never confirmed (the hub died between
 * {@code add} and {@code confirm}) can be taken over again once it is older than the expiry, so that the
 * redelivered item is not skipped forever. Off by default.</li>
 * </ul>
 */
public class JdbcIdempotentRepository extends ServiceSupport implements IdempotentRepository {

    static final int KEY_MAX = 512;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate nested;
    private final String processorName;
    private final Clock clock;
    private Duration unconfirmedExpiry;

    public JdbcIdempotentRepository(DataSource dataSource, String processorName) {
        this(dataSource, processorName, Clock.systemUTC());
    }

    public JdbcIdempotentRepository(DataSource dataSource, String processorName, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (processorName == null || processorName.isBlank() || processorName.length() > 128) {
            throw new IllegalArgumentException("processorName must be 1 to 128 characters");
        }
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.nested = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.processorName = processorName;
        this.clock = clock;
    }

    public String getProcessorName() {
        return processorName;
    }

    public Duration getUnconfirmedExpiry() {
        return unconfirmedExpiry;
    }

    /** After this duration an unconfirmed key counts as abandoned and {@link #add} may take it over; null = never. */
    public void setUnconfirmedExpiry(Duration unconfirmedExpiry) {
        this.unconfirmedExpiry = unconfirmedExpiry;
    }

    /** The SHA-256 (hex) under which a key is stored. */
    public static String hash(String key) {
        return DigestUtils.sha256Hex(key);
    }

    /** Records the key; true when it was not there yet (the caller should process the item). */
    @Override
    public boolean add(String key) {
        Instant now = Instant.now(clock);
        MapSqlParameterSource params = params(key)
                .addValue("itemKey", SqlValues.cut(key, KEY_MAX))
                .addValue("now", SqlValues.utc(now));
        try {
            nested.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO processed_item (processor, key_sha256, item_key, confirmed, created_at)"
                            + " VALUES (:processor, :hash, :itemKey, FALSE, :now)", params));
            return true;
        } catch (DataIntegrityViolationException alreadySeen) {
            return unconfirmedExpiry != null && takeOverAbandoned(params, now);
        }
    }

    private boolean takeOverAbandoned(MapSqlParameterSource params, Instant now) {
        params.addValue("cutoff", SqlValues.utc(now.minus(unconfirmedExpiry)));
        Integer updated = nested.execute(status -> jdbc.update(
                "UPDATE processed_item SET created_at = :now"
                        + " WHERE processor = :processor AND key_sha256 = :hash"
                        + " AND confirmed = FALSE AND created_at < :cutoff", params));
        return updated != null && updated == 1;
    }

    @Override
    public boolean contains(String key) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM processed_item"
                + " WHERE processor = :processor AND key_sha256 = :hash", params(key), Integer.class);
        return count != null && count > 0;
    }

    /** Forgets the key; true when it was there. */
    @Override
    public boolean remove(String key) {
        Integer deleted = nested.execute(status -> jdbc.update("DELETE FROM processed_item"
                + " WHERE processor = :processor AND key_sha256 = :hash", params(key)));
        return deleted != null && deleted > 0;
    }

    /** Marks the key as processed for good; true when it was there. */
    @Override
    public boolean confirm(String key) {
        Integer updated = nested.execute(status -> jdbc.update("UPDATE processed_item SET confirmed = TRUE"
                + " WHERE processor = :processor AND key_sha256 = :hash", params(key)));
        return updated != null && updated > 0;
    }

    /** True when the key was added and confirmed. */
    public boolean isConfirmed(String key) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM processed_item WHERE processor = :processor"
                + " AND key_sha256 = :hash AND confirmed = TRUE", params(key), Integer.class);
        return count != null && count > 0;
    }

    /** Forgets every key of this processor (only this one). */
    @Override
    public void clear() {
        nested.executeWithoutResult(status -> jdbc.update("DELETE FROM processed_item WHERE processor = :processor",
                new MapSqlParameterSource("processor", processorName)));
    }

    private MapSqlParameterSource params(String key) {
        Objects.requireNonNull(key, "key");
        return new MapSqlParameterSource("processor", processorName).addValue("hash", hash(key));
    }

    @Override
    protected void doStart() {
        // nothing to open: the table is created by the Flyway migrations
    }

    @Override
    protected void doStop() {
        // nothing to close: connections come from the pool per statement
    }

    @Override
    public String toString() {
        return "JdbcIdempotentRepository[" + processorName + "]";
    }
}
