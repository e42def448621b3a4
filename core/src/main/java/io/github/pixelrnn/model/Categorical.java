package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A softmax over the {@code levels} values of each sub-pixel (paper, Section 2.2: "a discrete
 * distribution ... a multinomial distribution implemented with a softmax layer"). No
 * dequantisation: log p(x) = logits[x] − logsumexp(logits).
 */
public final class Categorical implements OutputDistribution {
    private final int levels;

    public Categorical(int levels) {
        this.levels = levels;
    }

    @Override
    public int logitsPerSubPixel() {
        return levels;
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public NDArray logLikelihood(NDArray logits, NDArray targets) {
        Shape t = targets.getShape();
        long n = t.get(0);
        long c = t.get(1);
        long h = t.get(2);
        long w = t.get(3);
        NDArray grouped = logits.reshape(n, c, levels, h, w); // (N, C·K, H, W) -> (N, C, K, H, W)
        NDArray logp = grouped.logSoftmax(2);
        NDArray index = targets.toType(DataType.INT64, false).reshape(n, c, 1, h, w); // (N, C, 1, H, W)
        NDArray picked = logp.gather(index, 2); // (N, C, 1, H, W)
        return picked.reshape(n, c, h, w); // -> (N, C, H, W)
    }

    @Override
    public double[] probabilities(float[] logits, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < levels; k++) {
            max = Math.max(max, logits[offset + k]);
        }
        double[] p = new double[levels];
        double sum = 0;
        for (int k = 0; k < levels; k++) {
            p[k] = Math.exp(logits[offset + k] - max);
            sum += p[k];
        }
        for (int k = 0; k < levels; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
