package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;

/**
 * The distribution of one sub-pixel given its logits (PixelRNN paper, Section 2.2): a Bernoulli
 * for binarized data, a 256-way softmax for 8-bit data. The likelihood is exact and discrete.
 */
public interface OutputDistribution {

    /** Logits per sub-pixel K: the network outputs C·K maps, colour c in maps [cK, (c+1)K). */
    int logitsPerSubPixel();

    /** Values a sub-pixel can take. */
    int levels();

    /**
     * Log-probability (nats) of every sub-pixel of {@code targets}.
     *
     * @param logits (N, C·K, H, W)
     * @param targets (N, C, H, W), values 0..levels-1 as floats; never differentiated
     * @return (N, C, H, W)
     */
    NDArray logLikelihood(NDArray logits, NDArray targets);

    /** Probabilities of each value 0..levels-1 from the K logits of one sub-pixel. */
    double[] probabilities(float[] logits, int offset);

    static OutputDistribution forLevels(int levels) {
        return levels == 2 ? new Bernoulli() : new Categorical(levels);
    }
}
