package io.github.pixelrnn.eval;

/**
 * The one definition of the reported metrics (paper, Section 5.1, "Evaluation"): negative
 * log-likelihood in nats per image, and bits per dimension = nats / (ln 2 · C·H·W). Used by
 * training logs, evaluation and benchmarks alike.
 */
public final class Nll {
    private static final double LN2 = Math.log(2);

    private Nll() {
    }

    /** Bits per sub-pixel from nats per image of {@code dims} = C·H·W sub-pixels. */
    public static double bitsPerDim(double natsPerImage, int dims) {
        return natsPerImage / (LN2 * dims);
    }

    /** "80.54 nats/image (0.1482 bits/dim)". */
    public static String format(double natsPerImage, int dims) {
        return String.format(java.util.Locale.ROOT, "%.2f nats/image (%.4f bits/dim)", natsPerImage,
                bitsPerDim(natsPerImage, dims));
    }
}
