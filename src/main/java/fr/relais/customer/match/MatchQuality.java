package fr.relais.customer.match;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Quality of cross-system pairs against ground truth (record id to real customer id).
 *
 * @param truePairs    ERP-Sage pairs of records of the same customer
 * @param links        LINK rows
 * @param trueLinks    LINK rows that are true pairs
 * @param reviews      REVIEW rows
 * @param trueReviews  REVIEW rows that are true pairs
 * @param records      records in both files
 */
public record MatchQuality(long truePairs, long links, long trueLinks, long reviews, long trueReviews, long records) {

    /** A pair given as ids with its decision. */
    public record Row(String erpId, String sageId, Decision decision) {
    }

    public static MatchQuality of(Collection<Row> rows, Map<String, String> erpTruth, Map<String, String> sageTruth) {
        Map<String, Integer> erpPerCustomer = new HashMap<>();
        erpTruth.values().forEach(c -> erpPerCustomer.merge(c, 1, Integer::sum));
        long truePairs = 0;
        Map<String, Integer> sagePerCustomer = new HashMap<>();
        sageTruth.values().forEach(c -> sagePerCustomer.merge(c, 1, Integer::sum));
        for (var e : erpPerCustomer.entrySet()) {
            truePairs += (long) e.getValue() * sagePerCustomer.getOrDefault(e.getKey(), 0);
        }
        long links = 0;
        long trueLinks = 0;
        long reviews = 0;
        long trueReviews = 0;
        for (Row r : rows) {
            boolean t = erpTruth.get(r.erpId()) != null && erpTruth.get(r.erpId()).equals(sageTruth.get(r.sageId()));
            if (r.decision() == Decision.LINK) {
                links++;
                trueLinks += t ? 1 : 0;
            } else if (r.decision() == Decision.REVIEW) {
                reviews++;
                trueReviews += t ? 1 : 0;
            }
        }
        return new MatchQuality(truePairs, links, trueLinks, reviews, trueReviews, erpTruth.size() + sageTruth.size());
    }

    public double linkPrecision() {
        return links == 0 ? 1 : (double) trueLinks / links;
    }

    public double linkRecall() {
        return truePairs == 0 ? 1 : (double) trueLinks / truePairs;
    }

    public double linkOrReviewRecall() {
        return truePairs == 0 ? 1 : (double) (trueLinks + trueReviews) / truePairs;
    }

    /** REVIEW rows as a share of the records of both files. */
    public double reviewShare() {
        return records == 0 ? 0 : (double) reviews / records;
    }
}
