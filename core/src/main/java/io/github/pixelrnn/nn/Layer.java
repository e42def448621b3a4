package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of every layer and network in this library: a DJL block with one input and one output
 * whose parameter shapes are fixed at construction (they depend only on channel counts, never
 * on the image size), so a model can be built from its config alone and loaded from a
 * checkpoint without a dummy forward pass.
 *
 * <p>Subclasses register parameters and children in their constructor and do their work in
 * {@link #apply}; {@code forwardInternal} only unboxes the {@link NDList}.
 */
public abstract class Layer extends AbstractBlock {
    private static final byte VERSION = 1;

    protected Layer() {
        super(VERSION);
    }

    /** The forward pass on one array. */
    public abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : children.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /** Moves an intermediate result (e.g. a masked weight) onto the manager of the batch. */
    protected static NDArray onBatch(NDArray intermediate, NDArray batch) {
        intermediate.attach(batch.getManager());
        return intermediate;
    }
}
