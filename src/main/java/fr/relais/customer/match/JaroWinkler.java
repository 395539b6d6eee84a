package fr.relais.customer.match;

/**
 * Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), the same values as commons-text's
 * {@code JaroWinklerSimilarity} from 0.8 up, where the engine's thresholds are (checked by a test
 * with the textbook values; below 0.8 both say "different"), but allocation-free for strings up to 64
 * characters (the matched flags are the bits of two longs): the engine calls it tens of millions of times
 * and commons-text's version, generic over character inputs, was most of the run time.
 */
final class JaroWinkler {

    private JaroWinkler() {
    }

    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        if (la > lb) {
            String t = a;
            a = b;
            b = t;
            la = a.length();
            lb = b.length();
        }
        return lb <= 64 ? shortStrings(a, b, la, lb) : longStrings(a, b, la, lb);
    }

    /**
     * The similarity when it can reach {@code floor}; otherwise some value below {@code floor} (an upper
     * bound from the characters the two strings have in common, without aligning them). For callers whose
     * decisions only tell values below {@code floor} apart from the others, not from each other.
     */
    static double similarity(String a, String b, double floor) {
        if (floor > 0 && !a.equals(b)) {
            double bound = upperBound(a, b);
            if (bound < floor) {
                return bound;
            }
        }
        return similarity(a, b);
    }

    /**
     * An upper bound of the similarity: at most as many matches as common characters (counted in 64
     * buckets, which can only overcount), no transposition, the full prefix bonus.
     */
    static double upperBound(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        int[] counts = new int[64];
        for (int i = 0; i < la; i++) {
            counts[a.charAt(i) & 63]++;
        }
        int common = 0;
        for (int i = 0; i < lb; i++) {
            if (counts[b.charAt(i) & 63]-- > 0) {
                common++;
            }
        }
        if (common == 0) {
            return 0.0;
        }
        double jaro = ((double) common / la + (double) common / lb + 1.0) / 3.0;
        return Math.min(1.0, jaro + 0.4 * (1.0 - jaro));
    }

    /** Both strings at most 64 characters: the matched flags are the bits of two longs. */
    private static double shortStrings(String a, String b, int la, int lb) {
        int range = Math.max(lb / 2 - 1, 0);
        long ma = 0;
        long mb = 0;
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a.charAt(i);
            int lo = Math.max(0, i - range);
            int hi = Math.min(i + range + 1, lb);
            for (int j = lo; j < hi; j++) {
                if ((mb & (1L << j)) == 0 && c == b.charAt(j)) {
                    ma |= 1L << i;
                    mb |= 1L << j;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        long ra = ma;
        long rb = mb;
        while (ra != 0) {
            int i = Long.numberOfTrailingZeros(ra);
            int k = Long.numberOfTrailingZeros(rb);
            if (a.charAt(i) != b.charAt(k)) {
                transpositions++;
            }
            ra &= ra - 1;
            rb &= rb - 1;
        }
        return winkler(a, b, la, lb, matches, transpositions);
    }

    private static double winkler(String a, String b, int la, int lb, int matches, int transpositions) {
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3.0;
        if (jaro < 0.7) {
            return jaro;
        }
        int prefix = 0;
        int max = Math.min(4, la);
        while (prefix < max && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + 0.1 * prefix * (1.0 - jaro);
    }

    private static double longStrings(String a, String b, int la, int lb) {
        int range = Math.max(lb / 2 - 1, 0);
        boolean[] ma = new boolean[la];
        boolean[] mb = new boolean[lb];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a.charAt(i);
            int lo = Math.max(0, i - range);
            int hi = Math.min(i + range + 1, lb);
            for (int j = lo; j < hi; j++) {
                if (!mb[j] && c == b.charAt(j)) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < la; i++) {
            if (ma[i]) {
                while (!mb[k]) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    transpositions++;
                }
                k++;
            }
        }
        return winkler(a, b, la, lb, matches, transpositions);
    }
}
