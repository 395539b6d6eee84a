package fr.relais.mail.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Quality figures of a classifier on labelled mails: confusion matrix, per-category P/R/F1, urgency. */
public final class Evaluation {

    private static final Category[] C = Category.values();
    private final int[][] confusion = new int[C.length][C.length];
    private int urgentTp;
    private int urgentFp;
    private int urgentFn;
    private int total;
    private final List<String> errors = new ArrayList<>();

    /** Records one prediction. */
    public synchronized void add(String id, Category expected, Urgency expectedUrgency, Classification actual) {
        confusion[expected.ordinal()][actual.category().ordinal()]++;
        total++;
        boolean e = expectedUrgency == Urgency.URGENT;
        boolean a = actual.urgency() == Urgency.URGENT;
        if (e && a) {
            urgentTp++;
        } else if (a) {
            urgentFp++;
        } else if (e) {
            urgentFn++;
        }
        if (expected != actual.category() || e != a) {
            errors.add(String.format(Locale.ROOT, "%s expected %s/%s got %s/%s %.2f  %s", id, expected, expectedUrgency,
                    actual.category(), actual.urgency(), actual.confidence(), actual.explanationText()));
        }
    }

    public int total() {
        return total;
    }

    public double precision(Category c) {
        int col = 0;
        for (int[] row : confusion) {
            col += row[c.ordinal()];
        }
        return col == 0 ? 0 : (double) confusion[c.ordinal()][c.ordinal()] / col;
    }

    public double recall(Category c) {
        int row = 0;
        for (int v : confusion[c.ordinal()]) {
            row += v;
        }
        return row == 0 ? 0 : (double) confusion[c.ordinal()][c.ordinal()] / row;
    }

    public double f1(Category c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double sum = 0;
        for (Category c : C) {
            sum += f1(c);
        }
        return sum / C.length;
    }

    public double accuracy() {
        int ok = 0;
        for (int i = 0; i < C.length; i++) {
            ok += confusion[i][i];
        }
        return total == 0 ? 0 : (double) ok / total;
    }

    public double urgentRecall() {
        return urgentTp + urgentFn == 0 ? 0 : (double) urgentTp / (urgentTp + urgentFn);
    }

    public double urgentPrecision() {
        return urgentTp + urgentFp == 0 ? 0 : (double) urgentTp / (urgentTp + urgentFp);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** A text report: headline figures, per-category table and the confusion matrix. */
    public String report(String title) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d mails, macro-F1 %.3f, accuracy %.3f, URGENT recall %.3f (%d/%d) precision %.3f (%d/%d), NON_TICKET precision %.3f%n",
                title, total, macroF1(), accuracy(), urgentRecall(), urgentTp, urgentTp + urgentFn, urgentPrecision(),
                urgentTp, urgentTp + urgentFp, precision(Category.NON_TICKET)));
        out.append(String.format(Locale.ROOT, "  %-12s %6s %6s %6s %5s%n", "category", "P", "R", "F1", "n"));
        for (Category c : C) {
            int n = 0;
            for (int v : confusion[c.ordinal()]) {
                n += v;
            }
            out.append(String.format(Locale.ROOT, "  %-12s %6.3f %6.3f %6.3f %5d%n", c, precision(c), recall(c), f1(c), n));
        }
        out.append("  confusion (rows: expected, columns: predicted)\n  ").append(String.format("%-12s", ""));
        for (Category c : C) {
            out.append(String.format("%6.6s", c.name().substring(0, Math.min(5, c.name().length()))));
        }
        out.append('\n');
        for (Category r : C) {
            out.append("  ").append(String.format("%-12s", r));
            for (Category c : C) {
                out.append(String.format("%6d", confusion[r.ordinal()][c.ordinal()]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
