package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.ConditionedLayer;

/**
 * A whole network of an autoregressive image model, as a {@link NetworkConfig} builds it: scaled
 * images (N, C, H, W) in, the logits of every sub-pixel's distribution (N, C·K, H, W) out, with
 * its incremental pass beside the full one. Every network may take conditioning maps
 * ({@link #conditionChannels()} of them; 0 for one that takes none).
 */
abstract class Network extends ConditionedLayer {

    /** Its incremental pass for {@code n} images, its state on {@code manager}. */
    abstract NetworkDecoder decoder(ParameterStore ps, NDManager manager, int n);

    /**
     * Logits that are exact at the positions generated in {@code phase} of the model's
     * {@link Ordering} and arbitrary elsewhere, computing only what that phase needs (for the
     * re-running reference strategy). Single-phase networks run their full pass.
     *
     * @param x (N, C, H, W) scaled values
     * @return (N, C·K, H, W)
     */
    NDArray applyPhase(ParameterStore ps, NDArray x, int phase, boolean training) {
        return apply(ps, x, training);
    }

    /** The refusal of a conditioning map by a network that takes none. */
    static IllegalArgumentException noConditioning(String network) {
        return new IllegalArgumentException(network + " takes no conditioning maps");
    }
}
