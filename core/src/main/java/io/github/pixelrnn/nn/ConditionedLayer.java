package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * A layer that can be biased by a conditioning map, as every layer of the conditional network
 * of the Multi-scale PixelRNN is (paper, Section 3.6: "each of its layers is biased with an
 * upsampled version of the small image"). The map is given, fully known data, so adding it
 * anywhere keeps the layer causal in its input.
 *
 * <p>A recurrent layer adds its map to the input-to-state maps, a convolutional block to the
 * output of its k×k convolution; a whole network takes the c upsampled maps and projects them
 * to every layer itself.
 */
public abstract class ConditionedLayer extends Layer {

    /** Channels of the conditioning map this layer takes, (N, channels, H, W). */
    public abstract int conditionChannels();

    /**
     * The forward pass biased by {@code condition}.
     *
     * @param condition (N, {@link #conditionChannels()}, H, W), or null for no conditioning
     */
    public abstract NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training);

    @Override
    public final NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return apply(ps, x, null, training);
    }

    /** {@code a + condition}, releasing {@code a}; {@code a} itself when there is no condition. */
    protected static NDArray biased(NDArray a, NDArray condition) {
        if (condition == null) {
            return a;
        }
        return Release.after(a.add(condition), a);
    }
}
