package io.github.pixelrnn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.Ordering;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Progress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Exact negative log-likelihood of a model on a whole image set (paper, Section 5.1). */
public final class Evaluator {
    /**
     * What the NLL of a class-conditional model means here: given each image's own label, as
     * {@link #evaluate} and {@link #ofTrueLabels} compute it; the words reports and cards use.
     */
    public static final String GIVEN_TRUE_LABEL = "-log p(x | y), y the true label";

    /**
     * @param natsPerImage mean NLL in nats per image
     * @param bitsPerDim the same in bits per sub-pixel
     * @param perImage NLL of each image, nats
     * @param partNames the parts of the likelihood, one per phase of the model's {@link Ordering}
     * @param partNatsPerImage mean NLL of each part in nats per image; they add up to natsPerImage
     */
    public record Result(double natsPerImage, double bitsPerDim, double[] perImage, List<String> partNames,
            double[] partNatsPerImage) {
        public String describe() {
            return String.format(Locale.ROOT, "%.3f nats/image, %.4f bits/dim over %d images",
                    natsPerImage, bitsPerDim, perImage.length);
        }

        /** "small image, -log p(s): 30.12 nats/image; ..." or null for a single-part model. */
        public String describeParts() {
            if (partNames.size() < 2) {
                return null;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < partNames.size(); i++) {
                b.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s: %.3f nats/image",
                        partNames.get(i), partNatsPerImage[i]));
            }
            return b.toString();
        }
    }

    private Evaluator() {
    }

    /**
     * NLL of every image of {@code set} (values already in the model's levels).
     *
     * @param label progress-bar label, or null for no progress bar
     */
    public static Result evaluate(PixelModel model, ImageSet set, int batchSize, String label) {
        EvalData.checkFits(set, model.config(), "the evaluation set");
        int[] labels = EvalData.classes(set, model.config(), "the evaluation set");
        Ordering order = model.ordering();
        double[] per = new double[set.count()];
        double[] parts = new double[order.phases()];
        double total = 0;
        int batches = (set.count() + batchSize - 1) / batchSize;
        Progress progress = label == null ? null : new Progress(label, batches, "img", batchSize);
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(set.count(), from + batchSize);
            float[] ll;
            int[] classes = labels == null ? null : Arrays.copyOfRange(labels, from, to);
            if (order.phases() == 1) {
                ll = logLikelihoods(model, set.toFloats(from, to), classes, to - from);
                parts[0] -= sum(ll);
            } else {
                ll = partLogLikelihoods(model, order, set.toFloats(from, to), classes, to - from, parts);
            }
            for (int i = 0; i < ll.length; i++) {
                per[from + i] = -ll[i];
                total += -ll[i];
            }
            if (progress != null) {
                progress.update(b + 1, String.format(Locale.ROOT, "%.2f nats", total / to));
            }
        }
        if (progress != null) {
            progress.close();
        }
        double nats = total / Math.max(1, set.count());
        for (int p = 0; p < parts.length; p++) {
            parts[p] /= Math.max(1, set.count());
        }
        return new Result(nats, Nll.bitsPerDim(nats, model.config().dims()), per, order.phaseNames(), parts);
    }

    /**
     * The NLL of every image given its own label, read from a class-conditional model's
     * {@link GenerativeClassifier#score scores} of every class instead of one more pass over the
     * set; for a model whose likelihood has one part ({@link Ordering#phases()} 1).
     *
     * @param labels each image's class, the set's labels
     */
    public static Result ofTrueLabels(PixelModel model, GenerativeClassifier.Scores scores, int[] labels) {
        Ordering order = model.ordering();
        if (order.phases() != 1) {
            throw new IllegalArgumentException("a likelihood of " + order.phases() + " parts needs its own pass");
        }
        double[] per = new double[scores.count()];
        double total = 0;
        for (int i = 0; i < per.length; i++) {
            per[i] = -scores.logLikelihoods()[i][labels[i]];
            total += per[i];
        }
        double nats = total / Math.max(1, per.length);
        return new Result(nats, Nll.bitsPerDim(nats, model.config().dims()), per, order.phaseNames(),
                new double[] {nats});
    }

    /** log p(x) of each image, adding minus each phase's share to {@code nllParts}. */
    private static float[] partLogLikelihoods(PixelModel model, Ordering order, float[] values, int[] classes, int n,
            double[] nllParts) {
        var c = model.config();
        int h = c.height();
        int w = c.width();
        int plane = h * w;
        float[] sub = subPixelLogLikelihoods(model, values, classes, n); // N×C×H×W
        float[] ll = new float[n];
        for (int i = 0; i < sub.length; i++) {
            int yx = i % plane;
            ll[i / c.dims()] += sub[i];
            nllParts[order.phase(yx / w, yx % w)] -= sub[i];
        }
        return ll;
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    /** log p(x) in nats of each of {@code n} images given as N×C×H×W values. */
    public static float[] logLikelihoods(PixelModel model, float[] values, int n) {
        return logLikelihoods(model, values, null, n);
    }

    /**
     * log p(x | y) in nats of each of {@code n} images given as N×C×H×W values, image i of class
     * {@code classes[i]} (null for an unconditional model: log p(x)).
     */
    public static float[] logLikelihoods(PixelModel model, float[] values, int[] classes, int n) {
        var c = model.config();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(values, new Shape(n, c.channels(), c.height(), c.width()));
            return model.logLikelihood(x, classes).sum(new int[] {1, 2, 3}).toFloatArray();
        }
    }

    /** log p(x_i | x_&lt;i) in nats of every sub-pixel of {@code n} images, N×C×H×W. */
    public static float[] subPixelLogLikelihoods(PixelModel model, float[] values, int n) {
        return subPixelLogLikelihoods(model, values, null, n);
    }

    /** log p(x_i | x_&lt;i, y) in nats of every sub-pixel of {@code n} images of {@code classes} (null: unconditional), N×C×H×W. */
    public static float[] subPixelLogLikelihoods(PixelModel model, float[] values, int[] classes, int n) {
        var c = model.config();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(values, new Shape(n, c.channels(), c.height(), c.width()));
            return model.logLikelihood(x, classes).toFloatArray();
        }
    }
}
