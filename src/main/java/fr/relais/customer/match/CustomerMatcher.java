package fr.relais.customer.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The matching engine: compares customers through blocking and {@link PairScorer}, and decides.
 * <ul>
 *   <li>{@link #match(CustomerRecord, CustomerIndex)}: one incoming record against a registry of
 *       canonical customers (incremental use by the customer sync);</li>
 *   <li>{@link #matchSystems(List, List)}: two whole systems, one-to-one (an ERP record links to at most
 *       one Sage record and back);</li>
 *   <li>{@link #duplicates(CustomerIndex, PairScorer.IdentifierCounts)}: duplicates inside one system.</li>
 * </ul>
 * Plain Java, thread-safe once built; the batch methods use parallel streams.
 */
public final class CustomerMatcher {

    private final MatchingConfig config;
    private final PairScorer scorer;

    public CustomerMatcher(MatchingConfig config) {
        this.config = config;
        this.scorer = new PairScorer(config);
    }

    public static CustomerMatcher withDefaults() {
        return new CustomerMatcher(MatchingConfig.defaults());
    }

    public MatchingConfig config() {
        return config;
    }

    public PairScorer scorer() {
        return scorer;
    }

    /** An empty registry or system index with this configuration's block cap. */
    public CustomerIndex newIndex() {
        return new CustomerIndex(config.maxBlockSize());
    }

    /** Builds the index of a whole system (records normalised in parallel). */
    public CustomerIndex index(List<CustomerRecord> records) {
        List<NormalizedCustomer> normalized = records.parallelStream().map(CustomerNormalizer::normalize).toList();
        List<List<String>> keys = normalized.parallelStream().map(CustomerIndex::blockingKeys).toList();
        CustomerIndex index = newIndex();
        for (int i = 0; i < normalized.size(); i++) {
            index.add(normalized.get(i), keys.get(i));
        }
        return index;
    }

    /** The explanation of a pair, as a review ticket shows it. */
    public MatchExplanation explain(NormalizedCustomer a, NormalizedCustomer b, PairScorer.IdentifierCounts counts) {
        return scorer.explain(a, b, counts);
    }

    // ------------------------------------------------------------------ incremental

    /**
     * Matches one incoming record against a registry: LINK when the best candidate is certain and no
     * other candidate comes close, REVIEW when one is likely, NONE (a new customer) otherwise.
     * The registry is not modified: add the record afterwards if it becomes a new customer.
     */
    public MatchOutcome match(CustomerRecord incoming, CustomerIndex registry) {
        NormalizedCustomer q = CustomerNormalizer.normalize(incoming);
        PairScorer.IdentifierCounts counts = counts(registry);
        List<PairMatch> scored = new ArrayList<>();
        for (int i : registry.candidates(q)) {
            NormalizedCustomer c = registry.get(i);
            PairScorer.Score s = scorer.score(q, c, counts);
            if (s.score() >= config.reviewThreshold()) {
                scored.add(new PairMatch(q, c, s.points(), s.score(), s.veto(), Decision.REVIEW));
            }
        }
        scored.sort(Comparator.comparingDouble(PairMatch::points).reversed());
        Decision decision = Decision.NONE;
        if (!scored.isEmpty()) {
            PairMatch best = scored.get(0);
            decision = Decision.REVIEW;
            if (best.score() >= config.linkThreshold() && !best.veto()) {
                boolean ambiguous = false;
                for (int i = 1; i < scored.size(); i++) {
                    PairMatch other = scored.get(i);
                    if (!other.veto() && other.points() > best.points() - config.ambiguityMargin()
                            && !likelySame(best.b(), other.b(), counts, config.reviewThreshold())) {
                        ambiguous = true;
                        break;
                    }
                }
                decision = ambiguous ? Decision.REVIEW : Decision.LINK;
            }
        }
        List<MatchOutcome.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < Math.min(5, scored.size()); i++) {
            PairMatch p = scored.get(i);
            candidates.add(new MatchOutcome.Candidate(p.b().id(), p.score(), scorer.explain(q, p.b(), counts)));
        }
        return new MatchOutcome(decision, q, List.copyOf(candidates));
    }

    // ------------------------------------------------------------------ two systems

    /** Result of matching two systems: the LINK and REVIEW pairs, and what they were computed on. */
    public record SystemsMatch(List<PairMatch> pairs, CustomerIndex erp, CustomerIndex sage,
                               PairScorer.IdentifierCounts counts, long comparisons) {
    }

    /**
     * Identifier counts over a registry or two systems: the largest of them (shared inside one system), at
     * least 1.
     */
    public static PairScorer.IdentifierCounts counts(CustomerIndex... indexes) {
        return new PairScorer.IdentifierCounts() {
            @Override
            public int count(String key) {
                int n = 1;
                for (CustomerIndex index : indexes) {
                    n = Math.max(n, index.count(key));
                }
                return n;
            }

            @Override
            public int holders(String key, CustomerName a, CustomerName b) {
                int n = 1;
                for (CustomerIndex index : indexes) {
                    n = Math.max(n, index.holders(key, a, b));
                }
                return n;
            }

            @Override
            public int persons() {
                int n = 0;
                for (CustomerIndex index : indexes) {
                    n = Math.max(n, index.persons());
                }
                return n;
            }
        };
    }

    public SystemsMatch matchSystems(List<CustomerRecord> erp, List<CustomerRecord> sage) {
        // the two indexes are built side by side (filling an index is one thread's work)
        java.util.concurrent.CompletableFuture<CustomerIndex> sageIndex =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> index(sage));
        CustomerIndex erpIndex = index(erp);
        return matchSystems(erpIndex, sageIndex.join());
    }

    public SystemsMatch matchSystems(CustomerIndex erp, CustomerIndex sage) {
        PairScorer.IdentifierCounts counts = counts(erp, sage);
        double review = config.reviewThreshold();
        java.util.concurrent.atomic.LongAdder comparisons = new java.util.concurrent.atomic.LongAdder();
        List<PairMatch> pairs = IntStream.range(0, erp.size()).parallel().boxed().flatMap(i -> {
            NormalizedCustomer e = erp.get(i);
            List<PairMatch> found = new ArrayList<>(2);
            int[] cands = sage.candidates(e);
            comparisons.add(cands.length);
            for (int j : cands) {
                NormalizedCustomer s = sage.get(j);
                PairScorer.Score sc = scorer.score(e, s, counts);
                if (sc.score() >= review) {
                    found.add(new PairMatch(e, s, sc.points(), sc.score(), sc.veto(), Decision.NONE));
                }
            }
            return found.stream();
        }).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        return new SystemsMatch(assignOneToOne(pairs, counts), erp, sage, counts, comparisons.sum());
    }

    /**
     * One-to-one assignment, best points first: a certain pair is linked when neither record is taken
     * and no other free candidate of either record comes within the ambiguity margin (unless that
     * candidate is a duplicate of the same customer in its own system). A record typed twice in one
     * system (a certain duplicate of an already linked record) is linked to the same counterpart. Ambiguous pairs go to REVIEW;
     * a likely pair whose record is already linked elsewhere is dropped unless it is itself certain.
     */
    private List<PairMatch> assignOneToOne(List<PairMatch> pairs, PairScorer.IdentifierCounts counts) {
        pairs.sort(Comparator.comparingDouble(PairMatch::points).reversed()
                .thenComparing(p -> p.a().id()).thenComparing(p -> p.b().id()));
        java.util.Map<NormalizedCustomer, List<PairMatch>> byA = new java.util.IdentityHashMap<>();
        java.util.Map<NormalizedCustomer, List<PairMatch>> byB = new java.util.IdentityHashMap<>();
        for (PairMatch p : pairs) {
            byA.computeIfAbsent(p.a(), k -> new ArrayList<>(2)).add(p);
            byB.computeIfAbsent(p.b(), k -> new ArrayList<>(2)).add(p);
        }
        java.util.Set<NormalizedCustomer> takenA = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Set<NormalizedCustomer> takenB = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Decision[] decisions = new Decision[pairs.size()];
        Arrays.fill(decisions, Decision.NONE);
        double link = config.linkThreshold();
        double margin = config.ambiguityMargin();
        java.util.Map<NormalizedCustomer, NormalizedCustomer> firstOfA = new java.util.IdentityHashMap<>();
        java.util.Map<NormalizedCustomer, NormalizedCustomer> firstOfB = new java.util.IdentityHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            PairMatch p = pairs.get(i);
            if (p.score() < link || p.veto()) {
                continue;
            }
            boolean aTaken = takenA.contains(p.a());
            boolean bTaken = takenB.contains(p.b());
            if (aTaken && bTaken) {
                continue;
            }
            if (aTaken || bTaken) {
                // one record already linked: link this one too only when it is a certain duplicate, in its own
                // system, of the record linked there (the same customer typed twice in one system)
                NormalizedCustomer linkedTwin = aTaken ? firstOfA.get(p.a()) : firstOfB.get(p.b());
                NormalizedCustomer self = aTaken ? p.b() : p.a();
                if (linkedTwin != null && !(aTaken ? takenB.contains(self) : takenA.contains(self))
                        && likelySame(linkedTwin, self, counts, config.duplicateLinkThreshold())) {
                    decisions[i] = Decision.LINK;
                    if (aTaken) {
                        takenB.add(self);
                    } else {
                        takenA.add(self);
                    }
                }
                continue;
            }
            boolean ambiguous = false;
            for (PairMatch q : byA.get(p.a())) {
                if (q != p && !q.veto() && !takenB.contains(q.b()) && q.points() > p.points() - margin
                        && !likelySame(p.b(), q.b(), counts, config.reviewThreshold())) {
                    ambiguous = true;
                    break;
                }
            }
            if (!ambiguous) {
                for (PairMatch q : byB.get(p.b())) {
                    if (q != p && !q.veto() && !takenA.contains(q.a()) && q.points() > p.points() - margin
                            && !likelySame(p.a(), q.a(), counts, config.reviewThreshold())) {
                        ambiguous = true;
                        break;
                    }
                }
            }
            if (ambiguous) {
                decisions[i] = Decision.REVIEW;
            } else {
                decisions[i] = Decision.LINK;
                takenA.add(p.a());
                takenB.add(p.b());
                firstOfA.put(p.a(), p.b());
                firstOfB.put(p.b(), p.a());
            }
        }
        java.util.Map<NormalizedCustomer, NormalizedCustomer> linkOfA = new java.util.IdentityHashMap<>();
        java.util.Map<NormalizedCustomer, NormalizedCustomer> linkOfB = new java.util.IdentityHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (decisions[i] == Decision.LINK) {
                linkOfA.put(pairs.get(i).a(), pairs.get(i).b());
                linkOfB.put(pairs.get(i).b(), pairs.get(i).a());
            }
        }
        double duplicate = config.duplicateReviewThreshold();
        List<PairMatch> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            PairMatch p = pairs.get(i);
            Decision d = decisions[i];
            if (d == Decision.NONE) {
                boolean free = !takenA.contains(p.a()) && !takenB.contains(p.b());
                if (!free && alreadyMatchedElsewhere(p, linkOfA, linkOfB, counts)) {
                    continue;
                }
                if (free || (p.score() >= link && !p.veto())) {
                    d = Decision.REVIEW;
                } else if (!p.veto()) {
                    // lost to a link of its record: still worth a look when it is a duplicate of the linked one
                    NormalizedCustomer otherB = linkOfA.get(p.a());
                    NormalizedCustomer otherA = linkOfB.get(p.b());
                    if ((otherB != null && otherB != p.b() && likelySame(otherB, p.b(), counts, duplicate))
                            || (otherA != null && otherA != p.a() && likelySame(otherA, p.a(), counts, duplicate))) {
                        d = Decision.REVIEW;
                    }
                }
            }
            if (d != Decision.NONE) {
                out.add(p.withDecision(d));
            }
        }
        return out;
    }

    /**
     * Both records of a pair are already linked, each to another record, and neither of those is a certain
     * duplicate (at {@code duplicate-link}) of the other side: each has found its own counterpart, so the pair
     * is two look-alikes (a household, namesakes at one address), not a question worth asking. The pair would
     * only be true for a customer typed twice in both systems, which the duplicate check keeps.
     */
    private boolean alreadyMatchedElsewhere(PairMatch p, java.util.Map<NormalizedCustomer, NormalizedCustomer> linkOfA,
                                            java.util.Map<NormalizedCustomer, NormalizedCustomer> linkOfB,
                                            PairScorer.IdentifierCounts counts) {
        NormalizedCustomer otherB = linkOfA.get(p.a());
        NormalizedCustomer otherA = linkOfB.get(p.b());
        double certain = config.duplicateLinkThreshold();
        return otherB != null && otherA != null && otherB != p.b() && otherA != p.a()
                && !likelySame(otherB, p.b(), counts, certain) && !likelySame(otherA, p.a(), counts, certain);
    }

    private boolean likelySame(NormalizedCustomer x, NormalizedCustomer y, PairScorer.IdentifierCounts counts,
                               double threshold) {
        PairScorer.Score s = scorer.score(x, y, counts);
        return !s.veto() && s.score() >= threshold;
    }

    // ------------------------------------------------------------------ one system

    /**
     * Duplicates inside one system: every pair scoring at least the duplicate review threshold, LINK when
     * at least the duplicate link threshold and nothing vetoes it.
     */
    public List<PairMatch> duplicates(CustomerIndex index, PairScorer.IdentifierCounts counts) {
        double review = config.duplicateReviewThreshold();
        double link = config.duplicateLinkThreshold();
        return IntStream.range(0, index.size()).parallel().boxed().flatMap(i -> {
            NormalizedCustomer a = index.get(i);
            List<PairMatch> found = new ArrayList<>(1);
            for (int j : index.candidates(CustomerIndex.duplicateKeys(a))) {
                if (j <= i) {
                    continue;
                }
                NormalizedCustomer b = index.get(j);
                PairScorer.Score s = scorer.score(a, b, counts, review);
                if (s.score() >= review) {
                    Decision d = s.score() >= link && !s.veto() ? Decision.LINK : Decision.REVIEW;
                    found.add(new PairMatch(a, b, s.points(), s.score(), s.veto(), d));
                }
            }
            return found.stream();
        }).toList();
    }
}
