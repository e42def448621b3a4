package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.ConditionedLayer;
import io.github.pixelrnn.nn.Step;

/**
 * A whole network of an autoregressive image model, as a {@link NetworkConfig} builds it: scaled
 * images (N, C, H, W) in, the logits of every sub-pixel's distribution (N, C·K, H, W) out, with
 * its incremental pass beside the full one. Every network may take conditioning maps
 * ({@link #conditionChannels()} of them; 0 for one that takes none).
 */
abstract class Network extends ConditionedLayer {

    /**
     * Its incremental pass for {@code n} images, its state on {@code manager}: a {@link Step} from
     * a pixel's scaled values (N, C) to the logits there (N, C·K), null at the visit of a complete
     * pixel. Each pixel costs one position of every layer, not a pass over the image, and the
     * logits equal the full pass's to float precision.
     *
     * @param condition the conditioning maps (N, c, H, W) of the whole decode, or null
     */
    abstract Step step(ParameterStore ps, NDManager manager, int n, NDArray condition);

    /**
     * Logits that are exact at the positions generated in {@code phase} of the model's
     * {@link Ordering} and arbitrary elsewhere, computing only what that phase needs (for the
     * re-running reference strategy). Single-phase networks run their full pass.
     *
     * @param x (N, C, H, W) scaled values
     * @param condition the conditioning maps (N, c, H, W), or null
     * @return (N, C·K, H, W)
     */
    NDArray applyPhase(ParameterStore ps, NDArray x, NDArray condition, int phase, boolean training) {
        return apply(ps, x, condition, training);
    }

    /**
     * Refuses a visit out of turn: a network's step goes to the pixel of its last visit (the same
     * or a later colour), or to the next pixel in raster order once the last one was complete.
     *
     * @param last the last visit, or null before the first
     */
    static void checkTurn(Step.Cursor last, Step.Cursor at, int width, int colours) {
        boolean ok;
        if (last == null) {
            ok = at.row() == 0 && at.col() == 0;
        } else if (at.samePixel(last)) {
            ok = at.channel() >= last.channel();
        } else {
            int next = last.row() * width + last.col() + 1;
            ok = last.channel() == colours && at.row() * width + at.col() == next;
        }
        if (!ok || at.channel() < 0 || at.channel() > colours) {
            throw new IllegalStateException("the network is at pixel " + (last == null ? "(0, 0)"
                    : "(" + last.row() + ", " + last.col() + ") colour " + last.channel()) + ", not at ("
                    + at.row() + ", " + at.col() + ") colour " + at.channel());
        }
    }

    /** Refuses conditioning maps given to a network's step at a visit: they are given when the step is made. */
    static void refuseLateCondition(NDArray condition) {
        if (condition != null) {
            throw new IllegalArgumentException("a network's step takes its conditioning maps when it is made");
        }
    }

    /** The refusal of a conditioning map by a network that takes none. */
    static IllegalArgumentException noConditioning(String network) {
        return new IllegalArgumentException(network + " takes no conditioning maps");
    }
}
