package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensor memory of one forward pass (STYLE 12): every NDArray created on this thread while
 * it is open is closed when it closes, whichever manager holds it, except what {@link #keep}
 * hands on. The caller of a pass owns it ({@code PixelModel.logits}); the layers inside create
 * their intermediates freely and close none of them. Built on DJL's {@link NDScope}, which
 * libtorch's arrays register with as they are created.
 *
 * <p>Closing the Java handles ends nothing autograd needs: the graph holds its own references
 * to the tensors its backward pass reads.
 *
 * <p>Loops that make many short-lived arrays (a recurrent layer's rows, a decoder's pixels)
 * keep their own sub-managers, closed every row or pixel; measured in docs/speed.md.
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
     * scope, or, outside every scope, to the caller (and its manager).
     */
    public NDArray keep(NDArray array) {
        NDScope.unregister(array);
        kept.add(array);
        return array;
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
