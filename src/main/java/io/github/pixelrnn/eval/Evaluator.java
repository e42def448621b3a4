package io.github.pixelrnn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Progress;

/** Exact negative log-likelihood of a model on a whole image set (paper, Section 5.1). */
public final class Evaluator {

    /**
     * @param natsPerImage mean NLL in nats per image
     * @param bitsPerDim the same in bits per sub-pixel
     * @param perImage NLL of each image, nats
     */
    public record Result(double natsPerImage, double bitsPerDim, double[] perImage) {
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%.3f nats/image, %.4f bits/dim over %d images",
                    natsPerImage, bitsPerDim, perImage.length);
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
        double[] per = new double[set.count()];
        double total = 0;
        int batches = (set.count() + batchSize - 1) / batchSize;
        Progress progress = label == null ? null : new Progress(label, batches, "img", batchSize);
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(set.count(), from + batchSize);
            float[] ll = logLikelihoods(model, set.toFloats(from, to), to - from);
            for (int i = 0; i < ll.length; i++) {
                per[from + i] = -ll[i];
                total += -ll[i];
            }
            if (progress != null) {
                progress.update(b + 1, String.format(java.util.Locale.ROOT, "%.2f nats", total / to));
            }
        }
        if (progress != null) {
            progress.close();
        }
        double nats = total / Math.max(1, set.count());
        return new Result(nats, Nll.bitsPerDim(nats, model.config().dims()), per);
    }

    /** log p(x) in nats of each of {@code n} images given as N×C×H×W values. */
    public static float[] logLikelihoods(PixelModel model, float[] values, int n) {
        var c = model.config();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(values, new Shape(n, c.channels(), c.height(), c.width()));
            return model.logLikelihood(x).sum(new int[] {1, 2, 3}).toFloatArray();
        }
    }

    /** log p(x_i | x_&lt;i) in nats of every sub-pixel of {@code n} images, N×C×H×W. */
    public static float[] subPixelLogLikelihoods(PixelModel model, float[] values, int n) {
        var c = model.config();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(values, new Shape(n, c.channels(), c.height(), c.width()));
            return model.logLikelihood(x).toFloatArray();
        }
    }
}
