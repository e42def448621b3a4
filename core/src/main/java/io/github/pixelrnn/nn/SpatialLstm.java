package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * A spatial LSTM layer of the PixelRNN paper, Section 3: the {@link RowLstm} or the
 * {@link DiagonalBiLstm}. Both take 2h maps and return h, can be biased by a conditioning map,
 * and have an incremental form that advances one pixel at a time.
 */
public abstract class SpatialLstm extends ConditionedLayer {

    /**
     * The layer's incremental form, beside its full {@link #apply}.
     *
     * @param manager owns the state (the decoder's manager)
     * @param n images decoded together
     * @param width the image width
     */
    public abstract Step step(ParameterStore ps, NDManager manager, int n, int width);
}
