package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** What every network of {@link Architectures} offers beside its full pass. */
interface Decodable {

    /**
     * Its incremental pass for {@code n} images, its state on {@code manager}.
     */
    NetworkDecoder decoder(ParameterStore ps, NDManager manager, int n);

    /**
     * Logits that are exact at the positions generated in {@code phase} of the model's
     * {@link Ordering} and arbitrary elsewhere, computing only what that phase needs (for the
     * re-running reference strategy). Single-phase networks run their full pass.
     *
     * @param x (N, C, H, W) scaled values
     * @return (N, C·K, H, W)
     */
    NDArray applyPhase(ParameterStore ps, NDArray x, int phase, boolean training);
}
