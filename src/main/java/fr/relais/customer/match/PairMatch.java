package fr.relais.customer.match;

/**
 * A scored pair of records (ERP and Sage, or two records of one system).
 *
 * @param a        first record (the ERP one for a cross-system pair)
 * @param b        second record (the Sage one)
 * @param points   total points of the comparisons
 * @param score    score in [0, 1]
 * @param veto     true when a comparison forbids a LINK
 * @param decision LINK, REVIEW or NONE
 */
public record PairMatch(NormalizedCustomer a, NormalizedCustomer b, double points, double score, boolean veto,
                        Decision decision) {

    PairMatch withDecision(Decision d) {
        return new PairMatch(a, b, points, score, veto, d);
    }
}
