package fr.relais.customer.match;

import java.util.List;
import java.util.Optional;

/**
 * What the engine decides for one incoming record against a registry (incremental matching).
 *
 * @param decision   LINK to {@link #best()}, REVIEW (Claire decides between the candidates), or NONE: a
 *                   new customer
 * @param incoming   the incoming record, normalised
 * @param candidates the candidates scoring at least the review threshold, best first, each with its
 *                   explanation (at most five)
 */
public record MatchOutcome(Decision decision, NormalizedCustomer incoming, List<Candidate> candidates) {

    /**
     * One registry record compared with the incoming one.
     *
     * @param registryId  id of the registry record
     * @param score       score in [0, 1]
     * @param explanation every field comparison
     */
    public record Candidate(String registryId, double score, MatchExplanation explanation) {
    }

    public Optional<Candidate> best() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
