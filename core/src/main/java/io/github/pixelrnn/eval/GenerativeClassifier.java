package io.github.pixelrnn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Progress;
import java.util.Arrays;

/**
 * A class-conditional model read as a classifier, by Bayes' rule on its exact likelihoods:
 * p(y | x) = p(x | y) p(y) / Σ_y' p(x | y') p(y'), with the uniform prior p(y) = 1/K. The
 * denominator is the model's exact unconditional likelihood of x, its marginal
 * log p(x) = log Σ_y p(x | y) p(y).
 *
 * <p>Every image costs K passes, one per class, each over a whole batch: log p(x | y) for every
 * class is what both the posterior and the marginal need.
 */
public final class GenerativeClassifier {

    private GenerativeClassifier() {
    }

    /**
     * log p(x | y) of every image for every class, in nats, and what follows from them.
     *
     * @param logLikelihoods n×K: row i holds log p(x_i | y) for y = 0..K-1
     */
    public record Scores(double[][] logLikelihoods) {

        /** The images scored. */
        public int count() {
            return logLikelihoods.length;
        }

        /** K, the classes. */
        public int classes() {
            return logLikelihoods.length == 0 ? 0 : logLikelihoods[0].length;
        }

        /** log p(x_i) = log Σ_y p(x_i | y) / K in nats: the exact marginal likelihood of image i. */
        public double marginal(int i) {
            return logSumExp(logLikelihoods[i]) - Math.log(classes());
        }

        /** −log p(x) averaged over the images, in nats per image. */
        public double marginalNatsPerImage() {
            double s = 0;
            for (int i = 0; i < count(); i++) {
                s -= marginal(i);
            }
            return s / Math.max(1, count());
        }

        /** p(y | x_i) for every class y (they sum to 1). */
        public double[] posterior(int i) {
            double[] ll = logLikelihoods[i];
            double z = logSumExp(ll);
            double[] p = new double[ll.length];
            for (int y = 0; y < ll.length; y++) {
                p[y] = Math.exp(ll[y] - z);
            }
            return p;
        }

        /** The most probable class of image i, argmax_y p(x_i | y). */
        public int predicted(int i) {
            double[] ll = logLikelihoods[i];
            int best = 0;
            for (int y = 1; y < ll.length; y++) {
                if (ll[y] > ll[best]) {
                    best = y;
                }
            }
            return best;
        }

        /** The fraction of images whose predicted class is their label. */
        public double accuracy(int[] labels) {
            int right = 0;
            for (int i = 0; i < count(); i++) {
                right += predicted(i) == labels[i] ? 1 : 0;
            }
            return (double) right / Math.max(1, count());
        }

        /** K×K counts: row the label, column the predicted class. */
        public int[][] confusion(int[] labels) {
            int k = classes();
            int[][] m = new int[k][k];
            for (int i = 0; i < count(); i++) {
                m[labels[i]][predicted(i)]++;
            }
            return m;
        }

        /** The {@code n} images whose most probable class has the lowest posterior, least sure first. */
        public int[] leastSure(int n) {
            Integer[] order = new Integer[count()];
            double[] top = new double[count()];
            for (int i = 0; i < count(); i++) {
                order[i] = i;
                top[i] = posterior(i)[predicted(i)];
            }
            Arrays.sort(order, (a, b) -> Double.compare(top[a], top[b]));
            int m = Math.min(n, order.length);
            int[] out = new int[m];
            for (int i = 0; i < m; i++) {
                out[i] = order[i];
            }
            return out;
        }
    }

    /**
     * log p(x | y) for every image of {@code set} and every class of the model, K batched passes
     * per batch of images.
     *
     * @param label progress-bar label, or null for none
     */
    public static Scores score(PixelModel model, ImageSet set, int batchSize, String label) {
        int k = model.config().classCount();
        if (k == 0) {
            throw new IllegalArgumentException("the model is unconditional: it has no classes to compare");
        }
        EvalData.checkFits(set, model.config(), "the image set");
        double[][] ll = new double[set.count()][k];
        int batches = (set.count() + batchSize - 1) / batchSize;
        Progress progress = label == null ? null : new Progress(label, batches, "img", batchSize);
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(set.count(), from + batchSize);
            int[] classes = new int[to - from];
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = m.create(set.toFloats(from, to), new Shape(to - from, set.channels(), set.height(),
                        set.width())); // the batch, made once for its K passes
                for (int y = 0; y < k; y++) {
                    Arrays.fill(classes, y);
                    float[] given = model.logLikelihood(x, classes).sum(new int[] {1, 2, 3}).toFloatArray();
                    for (int i = 0; i < given.length; i++) {
                        ll[from + i][y] = given[i];
                    }
                }
            }
            if (progress != null) {
                progress.update(b + 1, null);
            }
        }
        if (progress != null) {
            progress.close();
        }
        return new Scores(ll);
    }

    static double logSumExp(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : a) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }
}
