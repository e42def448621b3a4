package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default initialisation for convolutions: uniform in ±1/sqrt(fanIn). The fan-in is
 * given explicitly because a cropped masked kernel has fewer stored taps than the kernel it
 * stands for; we keep the scale of the full kernel so results match a PyTorch reference.
 */
public final class FanInUniform implements Initializer {
    private final float bound;

    public FanInUniform(long fanIn) {
        this.bound = (float) (1.0 / Math.sqrt(fanIn));
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
