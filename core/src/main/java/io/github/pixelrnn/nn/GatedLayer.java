package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One layer of the Gated PixelCNN (van den Oord et al. 2016b, "Conditional Image Generation
 * with PixelCNN Decoders", Section 2.2 and Figure 2), on channels-last maps: a vertical stack
 * that sees the rows above and a horizontal stack that sees the current row to the left, each
 * with gated units y = tanh(W_f ∗ x) ⊙ σ(W_g ∗ x) (Equation 2), computed as one convolution to
 * 2p maps cut in halves.
 *
 * <pre>
 *   vertical:    v_pre = V ∗ v            (⌈k/2⌉ × k: the rows above and the whole current row)
 *                v'    = gate(v_pre + c_v)
 *   link:        l     = 1×1(v_pre shifted down a row)      (only rows above the pixel)
 *   horizontal:  h_pre = H ∗ h + l + c_h   (1 × ⌈k/2⌉: the current row to the left; mask A in the
 *                                           first layer, B after, colour groups as in Section 3.4)
 *                h'    = 1×1(gate(h_pre)) + h               (the residual; none in the first layer)
 * </pre>
 *
 * The vertical stack's output at row r has seen all of row r, so it reaches the horizontal stack
 * only shifted down a row: the horizontal stack at row r gets vertical information from rows
 * &lt; r. Nothing flows from the horizontal stack to the vertical one. Together the two stacks see
 * every pixel above and to the left: the PixelCNN's blind spot (the wedge above and to the right
 * that stacked masked kernels never reach) is gone. {@code c_v} and {@code c_h} are the
 * conditioning biases of the two stacks (a class, or a multi-scale model's upsampled image),
 * added inside both the tanh and the σ (Equation 4).
 *
 * <p>The link is added before the gate, as the paper's Figure 2 draws it (public
 * reimplementations have added it after), and is a 1×1 convolution, unmasked: it only carries
 * rows above.
 *
 * <p>Incremental form: the vertical stack runs once per completed row ({@link #verticalStep},
 * whose positions are rows), the horizontal one once per pixel ({@link #horizontalStep}, whose
 * condition is the link of the row above plus its own conditioning bias).
 */
public final class GatedLayer extends Layer {
    private final int p;
    private final boolean residual;
    private final MaskedConv2d vertical;
    private final MaskedConv2d link;
    private final MaskedConv2d horizontal;
    private final MaskedConv2d out;

    /**
     * @param in maps of both stacks' input: the colours in the first layer, p after
     * @param p the maps of each stack (the gates make 2p)
     * @param k the kernel size n: a ⌈n/2⌉ × n vertical and a 1 × ⌈n/2⌉ horizontal convolution
     * @param groups colour groups of the data (1 or 3)
     * @param first whether it is the first layer: mask A, and no residual connection (its input is the image)
     * @param residual the horizontal stack's residual connection (the paper's; off for an ablation)
     */
    public GatedLayer(int in, int p, int k, int groups, boolean first, boolean residual) {
        this.p = p;
        this.residual = residual && !first && in == p;
        this.vertical = addChildBlock("vertical", new MaskedConv2d(MaskType.V, in, 2 * p, k, k, groups, 2, true));
        this.link = addChildBlock("link", new MaskedConv2d(null, 2 * p, 2 * p, 1, 1, groups, false));
        this.horizontal = addChildBlock("horizontal",
                new MaskedConv2d(first ? MaskType.A : MaskType.B, in, 2 * p, 1, k, groups, 2, true));
        this.out = addChildBlock("out", MaskedConv2d.pointwise(MaskType.B, p, p, groups));
    }

    /** Channels of each stack's conditioning bias: 2p (both halves of the gate). */
    public int conditionChannels() {
        return 2 * p;
    }

    /**
     * The layer on channels-last maps.
     *
     * @param v the vertical stack's input (N, H, W, in)
     * @param h the horizontal stack's input (N, H, W, in)
     * @param vBias (N, H, W, 2p) or null
     * @param hBias (N, H, W, 2p) or null
     * @return {v', h'}, (N, H, W, p) each
     */
    public NDArray[] apply(ParameterStore ps, NDArray v, NDArray h, NDArray vBias, NDArray hBias, boolean training) {
        long height = v.getShape().get(1);
        NDArray vPre = vertical.apply(ps, v, Layout.CHANNELS_LAST, training); // (N, H, W, 2p)
        NDArray vOut = vBias == null ? gate(vPre, p) : gated(vPre.add(vBias), p); // (N, H, W, p)
        NDArray shifted = Release.chain(vPre.pad(new Shape(0, 0, 0, 0, 1, 0), 0), // (N, H+1, W, 2p): a zero row on top
                padded -> Slices.narrow(padded, 1, 0, height)); // (N, H, W, 2p): row r holds row r−1
        NDArray l = Release.after(link.apply(ps, shifted, Layout.CHANNELS_LAST, training), shifted, vPre); // (N, H, W, 2p)
        NDArray hConv = horizontal.apply(ps, h, Layout.CHANNELS_LAST, training); // (N, H, W, 2p)
        NDArray hPre = Release.after(hConv.add(l), hConv, l);
        if (hBias != null) {
            hPre = Release.after(hPre.add(hBias), hPre);
        }
        return new NDArray[] {vOut, output(ps, h, gated(hPre, p), training)};
    }

    /** The first layer's pass on its own, both stacks reading {@code x}: (N, H, W, in) -> h' (N, H, W, p). */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray[] vh = apply(ps, x, x, null, null, training);
        return Release.after(vh[1], vh[0]);
    }

    /** h' from the gated horizontal maps (released): the 1×1 output convolution, plus the input when residual. */
    private NDArray output(ParameterStore ps, NDArray h, NDArray gated, boolean training) {
        NDArray y = Release.after(out.apply(ps, gated, Layout.CHANNELS_LAST, training), gated);
        return residual ? Release.after(y.add(h), y) : y;
    }

    /**
     * The gated unit, tanh(first half) ⊙ σ(second half) of the last axis: (..., 2p) -> (..., p).
     * Each half is grouped like the p maps it makes (R, G, B), so a colour group's gate only
     * multiplies its own group.
     */
    static NDArray gate(NDArray pre, int p) {
        NDList halves = pre.split(new long[] {p}, pre.getShape().dimension() - 1); // the tanh half, the σ half
        NDArray f = halves.get(0).tanh();
        NDArray g = Release.after(halves.get(1).getNDArrayInternal().sigmoid(), halves);
        return Release.after(f.mul(g), f, g);
    }

    /** {@link #gate}, releasing {@code pre}. */
    private static NDArray gated(NDArray pre, int p) {
        return Release.after(gate(pre, p), pre);
    }

    /**
     * The vertical stack a row at a time: its positions are rows ({@link Step.Cursor#row}); the
     * input of a visit is a whole row of the stack's input, (N, W, in), and its condition the
     * row's conditioning bias (N, W, 2p) or null; the output is {v_pre, v'} as one array
     * (N, W, 3p): the pre-gate maps (2p, which the link takes to the row below) and the gated
     * maps (p, the next layer's input). It keeps the ⌈k/2⌉ − 1 rows above.
     */
    public Step verticalStep(ParameterStore ps, NDManager manager, int n, int width) {
        return new VerticalStep(ps, manager, n, width);
    }

    /** The state of {@link #verticalStep}: the input rows above, oldest first, and the last visit's row. */
    private final class VerticalStep implements Step {
        private final ParameterStore ps;
        private final NDManager manager;
        private final Deque<NDArray> above = new ArrayDeque<>();
        private final int rowsAbove;
        /** The input of the last visit; it joins the rows above when the next row is visited. */
        private NDArray lastRow;
        private int row = -1;

        VerticalStep(ParameterStore ps, NDManager manager, int n, int width) {
            this.ps = ps;
            this.manager = manager;
            this.rowsAbove = vertical.storedRows() - 1;
            for (int r = 0; r < rowsAbove; r++) {
                above.addLast(manager.zeros(new Shape(n, width, vertical.inChannels()))); // the zero padding on top
            }
        }

        @Override
        public NDArray step(NDArray x, NDArray condition, Cursor at) {
            if (at.row() != row && lastRow != null && rowsAbove > 0) {
                Release.all(above.removeFirst()); // the next row: the last one joins the rows above
                above.addLast(lastRow);
            } else {
                Release.all(lastRow); // a row's first visit with nothing to keep, or a visit again
            }
            row = at.row();
            lastRow = x.duplicate();
            lastRow.attach(manager);
            NDList rows = new NDList(above);
            rows.add(x);
            long centre = rowsAbove;
            NDArray pre = Release.chain(NDArrays.stack(rows, 1), // (N, ⌈k/2⌉, W, in): the rows above, then this one
                    stacked -> vertical.apply(ps, stacked, Layout.CHANNELS_LAST, false), // (N, ⌈k/2⌉, W, 2p)
                    all -> Slices.narrow(all, 1, centre, centre + 1), // (N, 1, W, 2p): the output at this row
                    one -> one.squeeze(1)); // (N, W, 2p)
            NDArray gatedRow = condition == null ? gate(pre, p) : gated(pre.add(condition), p); // (N, W, p)
            return Release.after(NDArrays.concat(new NDList(pre, gatedRow), 2), pre, gatedRow); // (N, W, 3p)
        }
    }

    /**
     * The horizontal stack a pixel at a time, its condition the link of the row above at this
     * pixel plus the stack's conditioning bias, (N, 2p): x (N, in) -> h' (N, p).
     */
    public Step horizontalStep(ParameterStore ps, NDManager manager, int n, int width) {
        MaskedConv2d.Step hStep = horizontal.step(ps, manager, n, width, true);
        MaskedConv2d.Step outStep = out.step(ps, manager, n, width, true);
        return (x, condition, at) -> {
            NDArray pre = hStep.step(x, condition, at); // (N, 2p)
            NDArray y = outStep.step(gated(pre, p), null, at); // (N, p)
            return residual ? y.add(x) : y;
        };
    }

    /** The link's 1×1 convolution as a step (any leading axes), for a network's incremental pass. */
    public MaskedConv2d.Step linkStep(ParameterStore ps, NDManager manager, int n) {
        return link.step(ps, manager, n, 1, false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2), p)};
    }
}
