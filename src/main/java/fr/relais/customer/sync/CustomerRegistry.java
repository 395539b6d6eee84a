package fr.relais.customer.sync;

import fr.relais.customer.match.CustomerIndex;
import fr.relais.customer.match.CustomerMatcher;
import fr.relais.customer.match.CustomerNormalizer;
import fr.relais.customer.match.MatchOutcome;

import java.util.Map;

/**
 * The hub's canonical customers held in memory for matching (the matching engine's index over the
 * {@code customer} table), loaded once and kept up to date as the sync creates customers. Callers hold the
 * sync's lock. After a failed transaction the registry is reloaded (a customer added in memory may have been
 * rolled back in the store).
 */
public final class CustomerRegistry {

    private final CustomerMatcher matcher;
    private final SyncStore store;
    private CustomerIndex index;

    public CustomerRegistry(CustomerMatcher matcher, SyncStore store) {
        this.matcher = matcher;
        this.store = store;
    }

    private CustomerIndex index() {
        if (index == null) {
            CustomerIndex fresh = matcher.newIndex();
            store.forEachCustomer((id, fields) ->
                    fresh.add(CustomerNormalizer.normalize(SourceRecord.toCustomerRecord(String.valueOf(id), fields))));
            index = fresh;
        }
        return index;
    }

    /** The engine's decision for a record against every canonical customer (registry ids are customer ids). */
    public MatchOutcome match(SourceRecord record) {
        return matcher.match(record.toCustomerRecord(), index());
    }

    public void add(long customerId, Map<String, String> fields) {
        index().add(CustomerNormalizer.normalize(SourceRecord.toCustomerRecord(String.valueOf(customerId), fields)));
    }

    /** Forgets the in-memory index: the next match reloads it from the store. */
    public void invalidate() {
        index = null;
    }

    public CustomerMatcher matcher() {
        return matcher;
    }
}
