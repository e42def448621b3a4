package io.github.pixelrnn.sample;

import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.Ordering;
import io.github.pixelrnn.model.OutputDistribution;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Progress;
import io.github.pixelrnn.util.Rng;

/**
 * The one sampling loop (paper, Section 2: generation is sequential, pixel by pixel and colour
 * by colour). It takes a partially known canvas: generation is the case where nothing is known,
 * completion the case where the top is known. Unknown sub-pixels are filled in the model's
 * {@link Ordering}: phase by phase, each in raster order (rows, then columns, then R, G, B);
 * known ones are never changed.
 */
public final class Sampler {
    private final SamplingStrategy strategy;

    public Sampler(SamplingStrategy strategy) {
        this.strategy = strategy;
    }

    public Sampler() {
        this(new Recompute());
    }

    /** {@code n} new images, N×C×H×W values. */
    public float[] sample(PixelModel model, int n, Rng rng, String label) {
        int dims = model.config().dims();
        return complete(model, new float[n * dims], new boolean[n * dims], n, rng, label);
    }

    /**
     * Fills the unknown sub-pixels of {@code n} images.
     *
     * @param canvas n×C×H×W values; unknown entries are ignored and overwritten
     * @param known same layout; true where the value is given
     * @param label progress-bar label, or null for none
     * @return a new array: the completed images
     */
    public float[] complete(PixelModel model, float[] canvas, boolean[] known, int n, Rng rng, String label) {
        ModelConfig cfg = model.config();
        OutputDistribution dist = model.distribution();
        int ch = cfg.channels();
        int h = cfg.height();
        int w = cfg.width();
        int kk = cfg.valuesPerSubPixel();
        float[] out = canvas.clone();
        long work = 0;
        for (int i = 0; i < known.length; i++) {
            work += known[i] ? 0 : 1;
        }
        Ordering order = model.ordering();
        int rows = 0;
        for (int p = 0; p < order.phases(); p++) {
            for (int y = 0; y < h; y++) {
                rows += inPhase(order, p, y, w) ? 1 : 0;
            }
        }
        Progress progress = label == null || work == 0 ? null : new Progress(label, rows, "rows", 1);
        int done = 0;
        for (int p = 0; p < order.phases(); p++) {
            for (int y = 0; y < h; y++) {
                if (!inPhase(order, p, y, w)) {
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    if (order.phase(y, x) != p) {
                        continue;
                    }
                    for (int c = 0; c < ch; c++) {
                        int offset = (c * h + y) * w + x;
                        if (!anyUnknown(known, n, ch * h * w, offset)) {
                            continue;
                        }
                        float[] logits = strategy.logits(model, out, n, c, y, x);
                        for (int i = 0; i < n; i++) {
                            int at = i * ch * h * w + offset;
                            if (!known[at]) {
                                out[at] = draw(dist.probabilities(logits, i * kk), rng);
                            }
                        }
                    }
                }
                if (progress != null) {
                    progress.update(++done, null);
                }
            }
        }
        if (progress != null) {
            progress.close();
        }
        return out;
    }

    private static boolean inPhase(Ordering order, int phase, int y, int width) {
        for (int x = 0; x < width; x++) {
            if (order.phase(y, x) == phase) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyUnknown(boolean[] known, int n, int stride, int offset) {
        for (int i = 0; i < n; i++) {
            if (!known[i * stride + offset]) {
                return true;
            }
        }
        return false;
    }

    /** Inverse-CDF draw from a discrete distribution. */
    static int draw(double[] p, Rng rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int k = 0; k < p.length; k++) {
            acc += p[k];
            if (u < acc) {
                return k;
            }
        }
        return p.length - 1;
    }
}
