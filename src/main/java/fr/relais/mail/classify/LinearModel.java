package fr.relais.mail.classify;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.util.List;

/**
 * An L2-regularised logistic regression (liblinear's primal trust-region Newton solver, one-vs-rest for
 * more than two classes) over {@link FeatureExtractor} vectors. The solver is deterministic, so the
 * same corpus in the same order gives the same weights. Prediction reads the weights directly
 * (probabilities as liblinear computes them: sigmoid per class, normalised). Immutable, thread-safe.
 */
final class LinearModel {

    private final float[] weights;
    private final int nrW;
    private final int[] labels;
    private final int labelSpace;

    private LinearModel(double[] w, int nrW, int[] labels, int labelSpace) {
        this.weights = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        this.nrW = nrW;
        this.labels = labels;
        this.labelSpace = labelSpace;
    }

    /**
     * Trains a model.
     *
     * @param x          the vectors, in a fixed order
     * @param y          their labels in {@code [0, labelSpace)}
     * @param labelSpace the number of possible labels
     * @param c          the inverse regularisation strength
     * @param weightsByLabel optional class weights (index = label), or null
     */
    static LinearModel train(List<FeatureExtractor.Vector> x, int[] y, int labelSpace, double c, double[] weightsByLabel) {
        Problem problem = new Problem();
        problem.l = x.size();
        problem.n = FeatureExtractor.DIMENSION + 1;
        problem.bias = -1;
        problem.x = new Feature[x.size()][];
        problem.y = new double[x.size()];
        for (int i = 0; i < x.size(); i++) {
            FeatureExtractor.Vector v = x.get(i);
            Feature[] nodes = new Feature[v.indices().length];
            for (int j = 0; j < nodes.length; j++) {
                nodes[j] = new FeatureNode(v.indices()[j], v.values()[j]);
            }
            problem.x[i] = nodes;
            problem.y[i] = y[i];
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, 0.01);
        if (weightsByLabel != null) {
            int[] labels = new int[labelSpace];
            for (int i = 0; i < labelSpace; i++) {
                labels[i] = i;
            }
            parameter.setWeights(weightsByLabel, labels);
        }
        Linear.disableDebugOutput();
        Linear.resetRandom();
        Model model = Linear.train(problem, parameter);
        int nrClass = model.getNrClass();
        return new LinearModel(model.getFeatureWeights(), nrClass == 2 ? 1 : nrClass, model.getLabels(), labelSpace);
    }

    /** Decision values per model class (in the order of {@link #labels}). */
    private double[] decisions(FeatureExtractor.Vector v) {
        double[] dec = new double[nrW];
        int[] idx = v.indices();
        double[] val = v.values();
        for (int j = 0; j < idx.length; j++) {
            int base = (idx[j] - 1) * nrW;
            if (base + nrW > weights.length) {
                continue;
            }
            for (int k = 0; k < nrW; k++) {
                dec[k] += weights[base + k] * val[j];
            }
        }
        return dec;
    }

    /** Probabilities indexed by label ({@code [0, labelSpace)}); labels never seen in training get 0. */
    double[] probabilities(FeatureExtractor.Vector v) {
        double[] dec = decisions(v);
        double[] p = new double[labelSpace];
        if (labels.length == 1) {
            p[labels[0]] = 1.0;
            return p;
        }
        if (labels.length == 2) {
            double p0 = 1.0 / (1.0 + Math.exp(-dec[0]));
            p[labels[0]] = p0;
            p[labels[1]] = 1.0 - p0;
            return p;
        }
        double sum = 0;
        for (int k = 0; k < nrW; k++) {
            double pk = 1.0 / (1.0 + Math.exp(-dec[k]));
            p[labels[k]] = pk;
            sum += pk;
        }
        for (int k = 0; k < labelSpace; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /** The weight of a feature (1-based index) towards a label (for two classes: towards the label). */
    double weight(int index, int label) {
        int base = (index - 1) * nrW;
        if (base + nrW > weights.length) {
            return 0;
        }
        if (labels.length == 2) {
            double w = weights[base];
            return label == labels[0] ? w : -w;
        }
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] == label) {
                return weights[base + k];
            }
        }
        return 0;
    }

    /** Memory held by the weights, in bytes. */
    long weightBytes() {
        return weights.length * 4L;
    }
}
