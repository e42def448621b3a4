package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;

/**
 * The incremental form of a spatial layer (SPEC §8): it produces its output one position at a
 * time, in raster order, and keeps in its own state (on the decoder's manager, never in the
 * layer) what later positions need of the earlier ones.
 *
 * <p>A colour image runs each position once per colour, each time with one more colour of the
 * pixel known, so {@link #apply} may run several times at one position; {@link #commit} then
 * keeps the states of the last run, which must have had every colour the layer's states depend
 * on. The arrays of uncommitted runs belong to the caller's scope.
 */
public interface LayerStep {

    /**
     * The layer's output at column {@code col} of the current row.
     *
     * @param x (N, in), the layer's input there; the result lives on its manager
     * @param condition (N, w), the conditioning bias at this position, or null
     * @return (N, out)
     */
    NDArray apply(NDArray x, NDArray condition, int col);

    /** Keeps the states of the last {@link #apply} as the position's; the next one moves on. */
    void commit();

    /** The current row is complete (every position committed); the next call starts the next row. */
    void nextRow();
}
