package io.github.pixelrnn.sample;

import io.github.pixelrnn.model.Decoder;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.Ordering;
import io.github.pixelrnn.model.OutputDistribution;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Progress;
import io.github.pixelrnn.util.Rng;

/**
 * The one sampling loop (paper, Section 2: generation is sequential, pixel by pixel and colour
 * by colour). It takes a partially known canvas: generation is the case where nothing is known,
 * completion the case where the top is known. It walks a {@link Decoder} through the model's
 * {@link Ordering}, feeding it every sub-pixel: the known ones as they are, the unknown ones
 * drawn from the decoder's logits. Known sub-pixels are never changed.
 */
public final class Sampler {
    private final Strategy strategy;

    public Sampler(Strategy strategy) {
        this.strategy = strategy;
    }

    /** The cached decoder ({@link Strategy#CACHED}). */
    public Sampler() {
        this(Strategy.CACHED);
    }

    /** {@code n} new images, N×C×H×W values. */
    public float[] sample(PixelModel model, int n, Rng rng, String label) {
        return sample(model, n, null, rng, label);
    }

    /**
     * {@code n} new images of a class-conditional model, image i drawn from p(x | classes[i])
     * (classes null for an unconditional model).
     */
    public float[] sample(PixelModel model, int n, int[] classes, Rng rng, String label) {
        int dims = model.config().dims();
        return complete(model, new float[n * dims], new boolean[n * dims], n, classes, rng, label);
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
        return complete(model, canvas, known, n, null, rng, label);
    }

    /**
     * Fills the unknown sub-pixels of {@code n} images from p(x | y), image i of class
     * {@code classes[i]} (null for an unconditional model); otherwise as
     * {@link #complete(PixelModel, float[], boolean[], int, Rng, String)}.
     */
    public float[] complete(PixelModel model, float[] canvas, boolean[] known, int n, int[] classes, Rng rng,
            String label) {
        ModelConfig cfg = model.config();
        OutputDistribution dist = model.distribution();
        int dims = cfg.dims();
        int kk = cfg.valuesPerSubPixel();
        float[] out = canvas.clone();
        try (Decoder decoder = strategy.open(model, n, classes)) {
            int last = lastUnknown(decoder, model, known, n);
            Progress progress = label == null || last < 0 ? null
                    : new Progress(label, last + 1, "sub-pixel steps", 1);
            float[] values = new float[n];
            for (int step = 0; step <= last; step++) {
                int offset = decoder.position().offset(cfg.height(), cfg.width());
                boolean anyUnknown = false;
                for (int i = 0; i < n; i++) {
                    values[i] = out[i * dims + offset];
                    anyUnknown |= !known[i * dims + offset];
                }
                if (anyUnknown) {
                    float[] logits = decoder.logits();
                    for (int i = 0; i < n; i++) {
                        if (!known[i * dims + offset]) {
                            values[i] = draw(dist.probabilities(logits, i * kk), rng);
                            out[i * dims + offset] = values[i];
                        }
                    }
                }
                decoder.accept(values);
                if (progress != null && (step % cfg.width() == 0 || step == last)) {
                    progress.update(step + 1, null);
                }
            }
            if (progress != null) {
                progress.close();
            }
        }
        return out;
    }

    /** The last step in the decoder's order at which some image has an unknown sub-pixel, or -1. */
    private static int lastUnknown(Decoder decoder, PixelModel model, boolean[] known, int n) {
        ModelConfig cfg = model.config();
        int dims = cfg.dims();
        int last = -1;
        for (Ordering.Position p : model.ordering().positions(cfg.channels(), cfg.height(), cfg.width())) {
            int offset = p.offset(cfg.height(), cfg.width());
            for (int i = 0; i < n; i++) {
                if (!known[i * dims + offset]) {
                    last = p.index();
                    break;
                }
            }
        }
        return last;
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
