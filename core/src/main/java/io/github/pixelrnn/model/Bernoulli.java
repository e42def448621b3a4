package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;

/**
 * One Bernoulli per binary sub-pixel with p(x = 1) = σ(l) (the paper's sigmoid output for
 * MNIST). log p(x) = x·l − softplus(l), which is exact and stable for large |l|.
 */
public final class Bernoulli implements OutputDistribution {

    @Override
    public int logitsPerSubPixel() {
        return 1;
    }

    @Override
    public int levels() {
        return 2;
    }

    @Override
    public NDArray logLikelihood(NDArray logits, NDArray targets) {
        NDArray xl = logits.mul(targets);
        NDArray sp = logits.getNDArrayInternal().softPlus();
        return xl.sub(sp); // (N, C, H, W)
    }

    @Override
    public double[] probabilities(float[] logits, int offset) {
        double p1 = 1.0 / (1.0 + Math.exp(-logits[offset]));
        return new double[] {1.0 - p1, p1};
    }
}
