package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensor memory of one forward pass: every NDArray created on this thread while it is open
 * is closed when it closes, whichever manager holds it, except what {@link #keep}
 * hands on. The caller of a pass owns it ({@code PixelModel.logits}), so whatever a layer leaves
 * open, on whichever manager, goes with the pass. The inner layers that run on every pass
 * ({@code MaskedConv2d}, {@code ResidualBlock}, the LSTM scans) still release their
 * intermediates at once by hand, which measured faster than holding them to the end of a scope.
 * Built on DJL's {@link NDScope}, which libtorch's arrays register with as they are created.
 *
 * <p>Closing the Java handles ends nothing autograd needs: the graph holds its own references
 * to the tensors its backward pass reads.
 *
 * <p>A loop over layers or time steps opens a scope per iteration, which {@link #adopt adopts}
 * the values the iteration replaces and {@link #keep keeps} their replacements, so that memory
 * is given back layer by layer, not at the end of the pass: an inference pass of PixelCNN at
 * batch 256 would otherwise hold every layer's maps at once. See docs/design.md.
 */
public final class Scope implements AutoCloseable {
    private final NDScope arrays = new NDScope();
    private final List<NDArray> kept = new ArrayList<>(1);

    private Scope() {
    }

    /** Opens a scope on this thread; scopes nest. */
    public static Scope open() {
        return new Scope();
    }

    /**
     * Keeps {@code array}, made inside this scope, past it: it then belongs to the enclosing
     * scope, or, outside every scope, to the caller (and its manager). Null passes through.
     */
    public NDArray keep(NDArray array) {
        if (array != null) { // a null (an absent skip sum) is passed through
            NDScope.unregister(array);
            kept.add(array);
        }
        return array;
    }

    /**
     * Takes {@code arrays}, made by this pass in an earlier scope, into this one, to be closed
     * with it: the values a loop carries from one iteration to the next, which this iteration
     * replaces (its replacements are {@link #keep kept}). Nulls are skipped. Call it first, while
     * this is the innermost scope, and never on an array the pass did not make (its input).
     */
    public void adopt(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                NDScope.register(a);
            }
        }
    }

    /**
     * Keeps {@code array} out of every scope open now, for an object that caches it past the
     * pass that made it (a layer's mask); its manager still closes it.
     */
    public static NDArray cache(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    @Override
    public void close() {
        arrays.close();
        for (NDArray a : kept) {
            NDScope.register(a); // with the enclosing scope, if there is one
        }
    }
}
