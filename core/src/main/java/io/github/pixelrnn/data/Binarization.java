package io.github.pixelrnn.data;

import com.google.gson.annotations.SerializedName;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.util.Rng;
import java.util.Locale;

/**
 * Turns 8-bit images into binary ones (values 0 and 1), the usual preprocessing for binary
 * MNIST likelihoods.
 *
 * <p>{@link Mode#STOCHASTIC}: a pixel of value p becomes 1 with probability p/255, drawn afresh
 * each time (a fresh draw per training batch acts as data augmentation; the test set is drawn
 * once with a fixed seed so results are comparable across runs). {@link Mode#THRESHOLD}: a pixel
 * becomes 1 when p/255 &ge; the threshold (0.5 by default).
 */
public final class Binarization {
    /** The usual threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** How an 8-bit value becomes 0 or 1. */
    public enum Mode {
        /** 1 with probability p/255. */
        @SerializedName("stochastic") STOCHASTIC,
        /** 1 when p/255 &ge; threshold. */
        @SerializedName("threshold") THRESHOLD;

        /** The mode named {@code s} ("stochastic" or "threshold", any case). */
        public static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(s.trim())) {
                    return m;
                }
            }
            throw new UserError("unknown binarization '" + s + "'; known: stochastic, threshold");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** p/255 for each byte value p. */
    private static final double[] PROB = new double[256];

    static {
        for (int p = 0; p < 256; p++) {
            PROB[p] = p / 255.0;
        }
    }

    private Binarization() {
    }

    /**
     * A binary copy (levels 2, values 0/1, same labels) of an 8-bit set; stochastic draws come
     * from {@code new Rng(seed)} in pixel order, so the result depends only on the seed. A set
     * that is already binary is returned as is.
     */
    public static ImageSet binarize(ImageSet eightBit, Mode mode, double threshold, long seed) {
        if (eightBit.levels() == 2) {
            return eightBit;
        }
        byte[] in = eightBit.pixels();
        byte[] out = new byte[in.length];
        Rng rng = new Rng(seed);
        boolean[] on = mode == Mode.THRESHOLD ? thresholdTable(threshold) : null;
        for (int i = 0; i < in.length; i++) {
            int p = in[i] & 0xFF;
            boolean one = on != null ? on[p] : rng.nextDouble() < PROB[p];
            out[i] = (byte) (one ? 1 : 0);
        }
        return new ImageSet(out, eightBit.count(), eightBit.channels(), eightBit.height(),
                eightBit.width(), 2, eightBit.labels());
    }

    /**
     * Writes the binarized images {@code indices} of {@code eightBit} to {@code out} as floats
     * 0/1, N×C×H×W, drawing from {@code rng} in stochastic mode (a fresh binarization each call).
     * A set that is already binary is copied.
     */
    public static void binarizeBatch(ImageSet eightBit, int[] indices, Mode mode, double threshold,
            Rng rng, float[] out) {
        if (eightBit.levels() == 2) {
            Batches.copyBatch(eightBit, indices, out);
            return;
        }
        int size = eightBit.imageSize();
        Batches.checkOut(indices.length, size, out);
        byte[] px = eightBit.pixels();
        boolean[] on = mode == Mode.THRESHOLD ? thresholdTable(threshold) : null;
        for (int i = 0; i < indices.length; i++) {
            int src = Batches.checkIndex(eightBit, indices[i]) * size;
            int dst = i * size;
            if (on != null) {
                for (int k = 0; k < size; k++) {
                    out[dst + k] = on[px[src + k] & 0xFF] ? 1f : 0f;
                }
            } else {
                for (int k = 0; k < size; k++) {
                    out[dst + k] = rng.nextDouble() < PROB[px[src + k] & 0xFF] ? 1f : 0f;
                }
            }
        }
    }

    private static boolean[] thresholdTable(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new UserError("binarization threshold must be in [0, 1], not " + threshold);
        }
        boolean[] on = new boolean[256];
        for (int p = 0; p < 256; p++) {
            on[p] = PROB[p] >= threshold;
        }
        return on;
    }

    /** 8-bit black-and-white images (every pixel 0 or 255) as binary ones; anything grey is an error. */
    public static ImageSet fromBlackAndWhite(ImageSet raw) {
        byte[] p = raw.pixels();
        byte[] b = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            int v = p[i] & 0xFF;
            if (v != 0 && v != 255) {
                throw new UserError("image " + i / raw.imageSize() + " has grey levels (" + v + "); a binary model "
                        + "codes black-and-white images only (binarize them first, or use an 8-bit model)");
            }
            b[i] = (byte) (v == 255 ? 1 : 0);
        }
        return new ImageSet(b, raw.count(), raw.channels(), raw.height(), raw.width(), 2, raw.labels());
    }

}
