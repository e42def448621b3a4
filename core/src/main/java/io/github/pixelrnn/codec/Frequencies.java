package io.github.pixelrnn.codec;

/**
 * The model's distribution of one sub-pixel as integer frequencies for the arithmetic coder:
 * a total of 2^{@value #PRECISION_BITS}, every value at least 1 (so none is impossible and none
 * certain). The arithmetic is {@link StrictMath} in a fixed order, so the same logits give the
 * same frequencies on every JVM and machine; the logits themselves must be the same on both
 * sides, which is why encoder and decoder both take them from the incremental decoder.
 */
public final class Frequencies {
    /** Bits of precision of the frequencies. */
    public static final int PRECISION_BITS = 16;
    public static final int TOTAL = 1 << PRECISION_BITS;

    private Frequencies() {
    }

    /**
     * Cumulative frequencies of one sub-pixel, {@code levels + 1} values from 0 to
     * {@link #TOTAL}: value v has the interval [cum[v], cum[v + 1]).
     *
     * @param logits the model's logits; one for a Bernoulli (levels 2), else {@code levels}
     * @param offset where this sub-pixel's logits start
     */
    public static int[] cumulative(float[] logits, int offset, int levels, int[] cum) {
        if (levels == 2) {
            return bernoulli(logits[offset], cum);
        }
        return softmax(logits, offset, levels, cum);
    }

    /** p(1) = σ(l); f(1) = 1 + ⌊p(1)·(TOTAL − 2)⌋, f(0) = TOTAL − f(1). */
    static int[] bernoulli(float logit, int[] cum) {
        checkFinite(logit);
        double p1 = 1.0 / (1.0 + StrictMath.exp(-(double) logit));
        int f1 = 1 + (int) StrictMath.floor(p1 * (TOTAL - 2));
        cum[0] = 0;
        cum[1] = TOTAL - f1;
        cum[2] = TOTAL;
        return cum;
    }

    /**
     * p(v) = softmax(l)_v; f(v) = 1 + ⌊p(v)·(TOTAL − K)⌋, and what the floors leave over goes to
     * the first most likely value.
     */
    static int[] softmax(float[] logits, int offset, int k, int[] cum) {
        double max = Double.NEGATIVE_INFINITY;
        int argmax = 0;
        for (int v = 0; v < k; v++) {
            float l = logits[offset + v];
            checkFinite(l);
            if (l > max) {
                max = l;
                argmax = v;
            }
        }
        double[] e = new double[k];
        double sum = 0;
        for (int v = 0; v < k; v++) {
            e[v] = StrictMath.exp(logits[offset + v] - max);
            sum += e[v];
        }
        int spread = TOTAL - k;
        int used = 0;
        int[] f = new int[k];
        for (int v = 0; v < k; v++) {
            f[v] = 1 + (int) StrictMath.floor(e[v] / sum * spread);
            used += f[v];
        }
        f[argmax] += TOTAL - used;
        cum[0] = 0;
        for (int v = 0; v < k; v++) {
            cum[v + 1] = cum[v] + f[v];
        }
        return cum;
    }

    /** The value whose interval holds {@code target}, by binary search over {@code cum}. */
    public static int find(int[] cum, int levels, long target) {
        int lo = 0;
        int hi = levels - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cum[mid] <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static void checkFinite(float l) {
        if (!Float.isFinite(l)) {
            throw new IllegalStateException("the model gave a non-finite logit (" + l + "); it cannot code");
        }
    }
}
