package io.github.pixelrnn.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * One direction of the Diagonal BiLSTM (PixelRNN paper, Section 3.2): an LSTM that runs over
 * the columns of the skewed map, left to right.
 *
 * <pre>
 *   input-to-state  1×1 convolution, mask B -> 4h (computed for the whole map, then skewed)
 *   state-to-state  2×1 convolution along the column over the previous column's state:
 *                   pre[r] += K_0 · h_{c−1}[r−1] + K_1 · h_{c−1}[r]
 * </pre>
 *
 * In image coordinates the state at (r, j) thus reads the states at (r−1, j) and (r, j−1):
 * everything above and to the left is in its receptive field.
 *
 * <p>{@link #kernels} serve the same recurrence cell by cell in image coordinates. The
 * skew pads every row r with r positions on the left and H−1−r on the right. The left ones have
 * zero input-to-state maps (the skew pads after the convolution and its bias) and start from the
 * zero state, so their states stay exactly zero: pre = 0 gives c = σ(0)·0 + σ(0)·tanh(0) = 0 and
 * h = σ(0)·tanh(0) = 0. The right ones are never read by a real position, which only reads
 * (r−1, j) and (r, j−1). So a row's first cell starts from zero states and nothing else of the
 * padding matters; {@code DiagonalStepTest} pins both facts on the full pass's skewed states.
 */
final class DiagonalLstm extends Layer {
    private final int hidden;
    private final MaskedConv2d inputToState;
    private final Parameter stateToState;

    DiagonalLstm(int in, int hidden, int groups) {
        this.hidden = hidden;
        this.inputToState = addChildBlock("inputToState",
                new MaskedConv2d(MaskType.B, in, 4 * hidden, 1, 1, groups, 4, true));
        this.stateToState = addParameter(Parameter.builder().setName("stateToState")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(4L * hidden, hidden, 2, 1))
                .optInitializer(new FanInUniform(2L * hidden)).build());
    }

    /**
     * Not a pass of its own: a direction is a block only to own its parameters (their names in
     * checkpoints); {@link DiagonalBiLstm#apply} scans both directions at once ({@link #scan}).
     */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        throw new UnsupportedOperationException("a Diagonal LSTM direction runs inside DiagonalBiLstm.apply");
    }

    /**
     * The input-to-state maps, channels-last, with {@code bias} (N, 4h, H, W) added when not
     * null: (N, C, H, W) -> (N, H, W, 4h).
     */
    NDArray inputToState(ParameterStore ps, NDArray x, NDArray bias, boolean training) {
        NDArray in = Layout.CHANNELS_LAST.fromChannelsFirst(x); // (N, H, W, in), a view
        NDArray is = Release.after(inputToState.apply(ps, in, Layout.CHANNELS_LAST, training), in); // (N, H, W, 4h)
        if (bias == null) {
            return is;
        }
        NDArray b = Layout.CHANNELS_LAST.fromChannelsFirst(bias); // (N, H, W, 4h), a view
        return Release.after(is.add(b), is, b);
    }

    /**
     * The 2×1 state-to-state kernel as one matrix, [K_0 K_1]ᵀ: (2h, 4h), whose first h rows read
     * the state of row r−1 and the next h the state of row r.
     */
    NDArray kernel(ParameterStore ps, Device device, boolean training) {
        NDArray kss = ps.getValue(stateToState, device, training); // (4h, h, 2, 1)
        return Release.chain(kss.transpose(0, 2, 1, 3), // (4h, 2, h, 1): tap 0 reads row r−1, tap 1 row r
                taps -> taps.reshape(4L * hidden, 2L * hidden), // (4h, 2h) = [K_0 K_1], a copy
                kernel -> kernel.transpose()); // (2h, 4h), a view
    }

    /**
     * The scan over the columns of the skewed map of D directions at once, stacked along the
     * batch axis (the Diagonal BiLSTM runs both of its directions in one scan, so that each
     * column is one set of operations for both, half the calls into the engine). Releases
     * {@code is}.
     *
     * <p>It runs channels-last: the input-to-state maps are skewed as (D·N, H, W+H−1, 4h) and
     * copied once to (columns, D·N, H, 4h), so that each column is one contiguous block, and the
     * 2×1 state-to-state convolution is one batched matrix product over the state and the state
     * shifted down a row, [h(r−1), h(r)] · [K_0 K_1]ᵀ, direction by direction. Channels-first, as
     * a convolution on the strided (N, h, H, 1) columns of an (N, 4h, H, W+H−1) map, a column's
     * convolution took 6 ms and its addition 7.6 ms at batch 500: three quarters of the forward
     * pass.
     *
     * @param is the input-to-state maps, (D·N, H, W, 4h), direction d's images at d·N .. d·N+N−1
     * @param kernels each direction's {@link #kernel}, (D, 2h, 4h)
     * @return every column's hidden states, (W+H−1, D·N, H, h)
     */
    static NDArray scan(NDArray is, NDArray kernels, int hidden) {
        Shape s = is.getShape();
        long n = s.get(0);
        long height = s.get(1);
        long width = s.get(2);
        long directions = kernels.getShape().get(0);
        long perDirection = n / directions * height;
        int columns = (int) (width + height - 1);
        // Flattening the transposed view copies it (a reshape to its own shape would return the view itself).
        NDArray contiguous = Release.chain(Release.after(Skew.skewLast(is), is), // (D·N, H, W+H−1, 4h)
                skewed -> skewed.transpose(2, 0, 1, 3), // (W+H−1, D·N, H, 4h), a view
                byColumn -> byColumn.reshape(columns, n * height * 4L * hidden), // (W+H−1, D·N·H·4h), contiguous
                flat -> flat.reshape(columns, n, height, 4L * hidden)); // (W+H−1, D·N, H, 4h), a view
        NDList cols = Release.after(contiguous.split(columns, 0), contiguous); // columns × (1, D·N, H, 4h)
        NDArray h = cols.head().getManager().zeros(new Shape(1, n, height, hidden));
        NDArray c = cols.head().getManager().zeros(new Shape(1, n, height, hidden));
        return LstmGates.scan(cols, h, c, prev -> {
            NDArray padded = prev.pad(new Shape(0, 0, 1, 0), 0); // (1, D·N, H+1, h): a zero row on top
            NDArray above = Slices.narrow(padded, 2, 0, height); // (1, D·N, H, h): row r holds h(r−1)
            NDArray both = Release.after(NDArrays.concat(new NDList(above, prev), 3), padded, above); // (1, D·N, H, 2h)
            return Release.chain(both.reshape(directions, perDirection, 2L * hidden), // (D, N·H, 2h), a view
                    byDirection -> Release.after(byDirection.matMul(kernels), both), // (D, N·H, 4h)
                    product -> product.reshape(1, n, height, 4L * hidden)); // (1, D·N, H, 4h), a view
        }, hidden, 3, 0); // columns × (1, D·N, H, h) -> (W+H−1, D·N, H, h)
    }

    /** This direction's kernels in image coordinates, for the incremental form (see the class comment), on {@code manager}. */
    Kernels kernels(ParameterStore ps, NDManager manager, int n) {
        NDArray k = ps.getValue(stateToState, manager.getDevice(), false); // (4h, h, 2, 1)
        return new Kernels(inputToState.step(ps, manager, n, 1, true), tap(k, 0, manager), tap(k, 1, manager),
                manager.zeros(new Shape(n, hidden)), hidden);
    }

    /** Tap {@code row} of the 2×1 kernel as a matrix, (4h, h, 2, 1) -> (h, 4h), on {@code manager}. */
    private NDArray tap(NDArray k, int row, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray t = Slices.narrow(k, 2, row, row + 1); // (4h, h, 1, 1)
            t.attach(scope);
            NDArray y = t.reshape(4L * hidden, hidden).transpose().duplicate(); // (4h, h) -> (h, 4h)
            y.attach(manager);
            return y;
        }
    }

    /**
     * One direction's kernels in image coordinates: the state at (r, j) reads the input there, the
     * state above it through K_0 and the previous one along the row through K_1 (and its cell state).
     *
     * @param inputToState the 1×1 mask-B input-to-state convolution with its bias, (..., in) -> (..., 4h)
     * @param above (h, 4h): K_0 transposed, applied to the state of (r−1, j)
     * @param along (h, 4h): K_1 transposed, applied to the state of (r, j−1)
     * @param zeroCell (N, h) zeros: the cell state before the first position of a row
     * @param hidden h
     */
    record Kernels(MaskedConv2d.Step inputToState, NDArray above, NDArray along, NDArray zeroCell, int hidden) {

        /**
         * The states at one position, Equation 3 with the 2×1 state-to-state kernel.
         *
         * @param pre (N, 4h): the input-to-state maps plus the term from above
         * @param hPrev (N, h): the state before this one along the row, or null at the row's start
         * @param cPrev its cell state, or null at the row's start
         * @return {h, c}, (N, h) each, on pre's manager
         */
        NDArray[] states(NDArray pre, NDArray hPrev, NDArray cPrev) {
            if (hPrev == null) {
                return LstmGates.step(pre, zeroCell, hidden);
            }
            NDArray alongTerm = hPrev.matMul(along); // (N, 4h)
            alongTerm.attach(pre.getManager());
            NDArray all = pre.add(alongTerm);
            return LstmGates.step(all, cPrev, hidden);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), hidden, s.get(2), s.get(3))};
    }
}
