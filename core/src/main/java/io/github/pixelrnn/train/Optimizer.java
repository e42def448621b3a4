package io.github.pixelrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.store.TrainConfig;
import java.util.List;

/**
 * A first-order optimizer whose state can be checkpointed (DJL never saves optimizer state, and
 * its PyTorch engine lacks RMSProp; see docs/engine-notes.md). {@link #step} reads each
 * parameter's gradient, updates the parameter in place and zeroes the gradient.
 */
public interface Optimizer {

    /** One update of every parameter with learning rate {@code lr}. */
    void step(List<Parameter> params, double lr);

    /** The optimizer's state (moments, step count) in parameter order, for a checkpoint. */
    NDList state();

    /** Restores what {@link #state()} returned. */
    void loadState(NDList state);

    String name();

    /** Builds an optimizer by name: {@code adam} or {@code rmsprop}. */
    static Optimizer named(String name, NDManager manager) {
        return named(name, manager, 0);
    }

    /** Builds an optimizer by name, with an L2 penalty of {@code weightDecay} (see {@link #create}). */
    static Optimizer named(String name, NDManager manager, double weightDecay) {
        return create(TrainConfig.OptimizerKind.named(name), manager, weightDecay);
    }

    /**
     * Builds an optimizer of kind {@code kind} with an L2 penalty: each gradient g becomes
     * g + λ·w before the update, the gradient of (λ/2)·‖w‖² added to the loss (the regularised
     * background models of Ren et al. 2019, Section 4).
     */
    static Optimizer create(TrainConfig.OptimizerKind kind, NDManager manager, double weightDecay) {
        return switch (kind) {
            case ADAM -> new Adam(manager, 0.9, 0.999, 1e-8, weightDecay);
            case RMSPROP -> new RmsProp(manager, 0.95, 1e-6, weightDecay);
        };
    }

    /** Sets a gradient to zero in place (DJL does not do this for custom optimizers). */
    static void zero(NDArray grad) {
        grad.muli(0f);
    }
}
