package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with constants that is safe inside an autograd graph.
 *
 * <p>DJL's PyTorch engine implements {@code x.mul(2f)} (and {@code div}, {@code add}, ... with a
 * {@code Number}) by wrapping the number in a tensor that borrows a Java direct buffer, then
 * closing it. Autograd saves that tensor for the backward pass of {@code mul}/{@code div}; once
 * the buffer is garbage-collected its memory is reused, and the backward pass reads garbage:
 * we saw gradients with respect to the input come out as exactly zero about once in a hundred
 * passes, depending on the GC. The constants here are created by libtorch itself
 * ({@code torch.full}), so autograd keeps them alive as long as it needs them.
 */
public final class Scalars {
    private Scalars() {
    }

    /**
     * A constant array whose memory libtorch owns, safe to use inside an autograd graph
     * ({@code manager.create(float[])} borrows a Java buffer, see the class comment).
     */
    public static NDArray constant(ai.djl.ndarray.NDManager manager, float[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }

    /** {@code x · factor}, differentiable. */
    public static NDArray mul(NDArray x, float factor) {
        try (NDArray c = x.getManager().full(new Shape(), factor, x.getDataType())) {
            return x.mul(c);
        }
    }
}
