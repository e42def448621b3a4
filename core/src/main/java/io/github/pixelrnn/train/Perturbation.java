package io.github.pixelrnn.train;

import io.github.pixelrnn.util.Rng;

/**
 * Randomly perturbed training inputs for the background model of a likelihood ratio (Ren et al.
 * 2019, "Likelihood Ratios for Out-of-Distribution Detection", Section 3.1): every sub-pixel is
 * replaced with probability μ by a value drawn uniformly from the levels, so the model learns
 * the population-level statistics of the data (the background) but little of its semantics.
 * For binary data the replacement is a flip (a uniform draw over {0, 1} would leave half of
 * the chosen pixels as they were), so a pixel changes with probability exactly μ.
 */
public final class Perturbation {
    /** Mixed into the training seed so that the perturbation's stream is not the binarization's. */
    static final long STREAM = 0x5045525455524221L;

    private Perturbation() {
    }

    /**
     * Perturbs {@code values} (sub-pixel values 0..levels-1) in place.
     *
     * @param mu the replacement probability, in [0, 1)
     */
    public static void apply(float[] values, int levels, double mu, Rng rng) {
        for (int i = 0; i < values.length; i++) {
            if (rng.nextDouble() < mu) {
                values[i] = levels == 2 ? 1 - values[i] : rng.nextInt(levels);
            }
        }
    }
}
