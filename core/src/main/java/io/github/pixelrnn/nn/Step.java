package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;

/**
 * The incremental form of a layer or a whole network: its state in one decoding session, advanced
 * one position at a time in raster order (paper, Section 2: the pixels are generated in that
 * order, each from the ones before). It keeps, on the decoder's manager and never in the layer,
 * what later positions need of earlier ones: a masked convolution the rows its kernel reaches, a
 * Row LSTM the states of the row above, a Diagonal BiLSTM its left-to-right states along the row.
 * Every layer implements this one method beside its full pass, and the two are tested against
 * each other at every position.
 *
 * <p>Colours: a pixel of a colour image is visited once per colour, with one more colour of the
 * pixel known each time ({@link Cursor#channel}), and once more, complete, before the decoder moves
 * on. A layer's output at a position never depends on the pixel's colours it may not see (the
 * masks), so every visit returns what the full pass would given the colours known; the last
 * visit's input and states are the position's, and a visit to a later position keeps them.
 */
public interface Step {

    /**
     * The output at {@code at}, given the input there.
     *
     * @param x (N, in), the input at this position; the result lives on its manager
     * @param condition (N, w), the conditioning bias at this position, or null
     * @param at the position: at or after the last one visited, in raster order
     * @return (N, out)
     */
    NDArray step(NDArray x, NDArray condition, Cursor at);

    /**
     * Where a decoding session is: pixel (row, col) in raster order, and the colour being predicted
     * there; the pixel's colours before {@code channel} are known, the others are zero in the input.
     * A channel equal to the number of colours marks the visit of the complete pixel, whose output
     * nobody reads.
     */
    record Cursor(int row, int col, int channel) {

        /** Whether this is the same pixel as {@code other} (a later colour, or the complete pixel). */
        public boolean samePixel(Cursor other) {
            return other != null && other.row == row && other.col == col;
        }
    }
}
