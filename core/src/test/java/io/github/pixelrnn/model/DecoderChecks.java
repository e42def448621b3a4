package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.util.Rng;

/** Compares a model's incremental decoder with its full pass, sub-pixel by sub-pixel. */
public final class DecoderChecks {
    private DecoderChecks() {
    }

    /** n random images of the model's space, N×C×H×W. */
    public static float[] randomImages(ModelConfig c, int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n * c.dims()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(c.levels());
        }
        return v;
    }

    /**
     * Feeds {@code images} through the model's decoder and asserts that its logits equal the full
     * pass's at every sub-pixel of every image, within {@code tolerance}.
     *
     * @return the largest difference seen
     */
    public static double assertMatchesFullPass(PixelModel model, float[] images, int n, double tolerance) {
        try (Decoder d = model.decoder(n)) {
            return assertMatchesFullPass(model, d, images, n, null, tolerance);
        }
    }

    /** The same for a class-conditional model, image i of class {@code classes[i]}. */
    public static double assertMatchesFullPass(PixelModel model, float[] images, int[] classes, double tolerance) {
        try (Decoder d = model.decoder(classes.length, classes)) {
            return assertMatchesFullPass(model, d, images, classes.length, classes, tolerance);
        }
    }

    /** The same for a given fresh decoder of the model, which it walks to the end. */
    public static double assertMatchesFullPass(PixelModel model, Decoder d, float[] images, int n, double tolerance) {
        return assertMatchesFullPass(model, d, images, n, null, tolerance);
    }

    /** The same for a given fresh decoder of images of {@code classes} (null: unconditional). */
    public static double assertMatchesFullPass(PixelModel model, Decoder d, float[] images, int n, int[] classes,
            double tolerance) {
        ModelConfig c = model.config();
        int ch = c.channels();
        int h = c.height();
        int w = c.width();
        int k = c.valuesPerSubPixel();
        float[] full;
        try (NDManager m = model.manager().newSubManager()) {
            full = model.logits(m.create(images, new Shape(n, ch, h, w)), classes, false).toFloatArray(); // (N, C·K, H, W)
        }
        double worst = 0;
        int steps = 0;
        {
            float[] values = new float[n];
            while (!d.done()) {
                Ordering.Position p = d.position();
                float[] got = d.logits();
                assertEquals(n * k, got.length);
                for (int i = 0; i < n; i++) {
                    for (int v = 0; v < k; v++) {
                        float want = full[(((i * ch + p.channel()) * k + v) * h + p.y()) * w + p.x()];
                        double diff = Math.abs(want - got[i * k + v]);
                        worst = Math.max(worst, diff);
                        if (!(diff <= tolerance)) {
                            throw new AssertionError(c.describe() + ": image " + i + " sub-pixel " + p + " value " + v
                                    + ": decoder " + got[i * k + v] + ", full pass " + want);
                        }
                    }
                    values[i] = images[i * c.dims() + p.offset(h, w)];
                }
                d.accept(values);
                steps++;
            }
        }
        assertEquals(c.dims(), steps, "every sub-pixel passes through the decoder");
        assertTrue(worst < tolerance);
        return worst;
    }
}
