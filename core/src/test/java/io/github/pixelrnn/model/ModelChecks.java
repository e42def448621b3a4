package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.pixelrnn.util.Rng;

/**
 * The two properties every autoregressive model must have, checked the same way for all
 * architectures: causality by gradients and normalisation by enumeration.
 */
public final class ModelChecks {
    private ModelChecks() {
    }

    /**
     * For {@code probes} random sub-pixels k (plus the last one), differentiates log p(x_k | ·)
     * with respect to the input image and asserts the gradient is exactly zero at every input
     * sub-pixel at or after k, and non-zero somewhere before k (when k is not the first).
     * "Before" and "after" are in the model's {@link Ordering}: raster order for single-scale
     * models, the subsampled grid first for multi-scale ones.
     *
     * @return how many earlier input sub-pixels k's term depended on, summed over probes
     */
    public static long assertCausal(PixelModel model, int probes, long seed) {
        return assertCausal(model, probes, seed, null);
    }

    /** {@link #assertCausal(PixelModel, int, long)} for p(x | y) of a class-conditional model, y = {@code cls}. */
    public static long assertCausal(PixelModel model, int probes, long seed, Integer cls) {
        int[] classes = cls == null ? null : new int[] {cls};
        ModelConfig c = model.config();
        int ch = c.channels();
        int h = c.height();
        int w = c.width();
        Ordering order = model.ordering();
        Rng rng = new Rng(seed);
        float[] image = new float[ch * h * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = rng.nextInt(c.levels());
        }
        long seen = 0;
        for (int probe = 0; probe <= probes; probe++) {
            int k = probe == probes ? image.length - 1 : rng.nextInt(image.length);
            int kc = k / (h * w);
            int ky = (k / w) % h;
            int kx = k % w;
            long kOrder = order.rank(kc, ky, kx, ch, h, w);
            float[] grad;
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray input = m.create(image, new Shape(1, ch, h, w));
                NDArray target = m.create(image, new Shape(1, ch, h, w));
                input.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray ll = model.logLikelihood(input, target, classes, true);
                    NDArray term = ll.get(0, kc, ky, kx);
                    gc.backward(term);
                }
                grad = input.getGradient().toFloatArray();
            }
            int before = 0;
            for (int j = 0; j < grad.length; j++) {
                int jc = j / (h * w);
                int jy = (j / w) % h;
                int jx = j % w;
                long jOrder = order.rank(jc, jy, jx, ch, h, w);
                if (jOrder >= kOrder && grad[j] != 0f) {
                    fail("sub-pixel (c=" + kc + ", y=" + ky + ", x=" + kx + ") depends on input (c=" + jc
                            + ", y=" + jy + ", x=" + jx + "): gradient " + grad[j]);
                }
                if (jOrder < kOrder && grad[j] != 0f) {
                    before++;
                }
            }
            if (kOrder > 0) {
                assertTrue(before > 0, "sub-pixel (c=" + kc + ", y=" + ky + ", x=" + kx
                        + ") depends on no earlier input: the model ignores its context");
            }
            seen += before;
        }
        return seen;
    }

    /**
     * The gradient map (C, H, W) of log p(x_k) for sub-pixel (c, y, x) with respect to the
     * input, as booleans "depends on this input": the receptive field of one output.
     */
    public static boolean[] dependsOn(PixelModel model, int c, int y, int x, long seed) {
        return dependsOn(model, c, y, x, seed, null);
    }

    /** {@link #dependsOn(PixelModel, int, int, int, long)} for p(x | y) of a class-conditional model, y = {@code cls}. */
    public static boolean[] dependsOn(PixelModel model, int c, int y, int x, long seed, Integer cls) {
        ModelConfig cfg = model.config();
        Rng rng = new Rng(seed);
        float[] image = new float[cfg.dims()];
        for (int i = 0; i < image.length; i++) {
            image[i] = rng.nextInt(cfg.levels());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, cfg.channels(), cfg.height(), cfg.width());
            NDArray input = m.create(image, shape);
            NDArray target = m.create(image, shape);
            input.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(model.logLikelihood(input, target, cls == null ? null : new int[] {cls}, true)
                        .get(0, c, y, x));
            }
            float[] g = input.getGradient().toFloatArray();
            boolean[] out = new boolean[g.length];
            for (int i = 0; i < g.length; i++) {
                out[i] = g[i] != 0f;
            }
            return out;
        }
    }

    /**
     * {@link #dependsOn} over {@code images} random images, or-ed: what the sub-pixel's
     * distribution depends on at any of them. A ReLU that is off at one image cuts the paths
     * through it there, so a dependency the network has may be invisible at a single image.
     */
    public static boolean[] dependsOnAny(PixelModel model, int c, int y, int x, int images) {
        boolean[] any = null;
        for (long seed = 1; seed <= images; seed++) {
            boolean[] one = dependsOn(model, c, y, x, seed);
            if (any == null) {
                any = one;
            } else {
                for (int i = 0; i < any.length; i++) {
                    any[i] |= one[i];
                }
            }
        }
        return any;
    }

    /**
     * Sums p(x) over every image of the model's (tiny) space and asserts the total is 1.
     *
     * @return the total probability
     */
    public static double assertNormalised(PixelModel model, double tolerance) {
        return assertNormalised(model, tolerance, null);
    }

    /** {@link #assertNormalised(PixelModel, double)} for p(x | y) of a class-conditional model, y = {@code cls}. */
    public static double assertNormalised(PixelModel model, double tolerance, Integer cls) {
        ModelConfig c = model.config();
        int dims = c.dims();
        long count = (long) Math.pow(c.levels(), dims);
        assertTrue(count <= 1 << 20, "space too large to enumerate: " + count);
        float[] all = new float[(int) count * dims];
        for (int n = 0; n < count; n++) {
            long rest = n;
            for (int d = dims - 1; d >= 0; d--) {
                all[n * dims + d] = rest % c.levels();
                rest /= c.levels();
            }
        }
        double total = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(all, new Shape(count, c.channels(), c.height(), c.width()));
            int[] classes = null;
            if (cls != null) {
                classes = new int[(int) count];
                java.util.Arrays.fill(classes, cls);
            }
            float[] perImage = model.logLikelihood(x, classes).sum(new int[] {1, 2, 3}).toFloatArray();
            for (float ll : perImage) {
                total += Math.exp(ll);
            }
        }
        assertEquals(1.0, total, tolerance, "probabilities of all " + count + " images");
        return total;
    }
}
