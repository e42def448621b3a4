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
 * A k_h×k_w convolution with a causal mask A or B (PixelRNN paper, Section 3.4; the masks are
 * drawn in {@link Masks}), stride 1, output the same size as the input.
 *
 * <p>The rows of the kernel below the centre are always masked out, so they are never stored
 * nor computed: the weight holds only the top {@code kh/2 + 1} rows (the rows above plus the
 * centre row); with the usual zero padding the first H output rows are exactly the output of
 * the full masked kernel. A 3×3 mask-B layer
 * thus costs 6 taps instead of 9, a 7×7 mask-A layer 28 instead of 49. The remaining zero taps
 * (right of the centre, and the centre itself where colour groups forbid it) are applied as
 * {@code weight · mask} inside the forward pass; parameters are never edited in place.
 *
 * <p>With {@code mask == null} the layer is an ordinary ("unmasked") full convolution with
 * symmetric padding, used e.g. for conditioning maps.
 *
 * <p>It works on channels-first maps, or channels-last ones ({@link Layout}); its parameters
 * are the same either way. {@link #step} is its incremental form, one output position at a
 * time, for the decoders of generation and compression (docs/incremental-decoding.md).
 */
public final class MaskedConv2d extends Layer {
    /** Layers with at most this many input channels (the data) are computed by {@link #im2col}. */
    private static final int IM2COL_MAX_IN = 3;

    private final MaskType mask;
    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final int groups;
    private final int outBlocks;
    private final int storedRows;
    private final boolean needsMask;
    /** Whether the layer runs as {@link #im2col}: a masked k×k layer over the data's channels. */
    private final boolean gathersTaps;
    private final Parameter weight;
    private final Parameter bias;
    private NDArray maskArray;

    /**
     * @param mask A, B, or null for an unmasked convolution
     * @param in input channels
     * @param out output channels
     * @param kh kernel height (odd)
     * @param kw kernel width (odd)
     * @param groups colour groups of the data (1 for grey, 3 for RGB)
     * @param withBias whether to add a learned bias
     */
    public MaskedConv2d(MaskType mask, int in, int out, int kh, int kw, int groups, boolean withBias) {
        this(mask, in, out, kh, kw, groups, 1, withBias);
    }

    /**
     * As above, for output maps made of {@code outBlocks} equal blocks that are each grouped
     * like the hidden maps (an LSTM's input-to-state convolution: 4 gate blocks of h).
     */
    public MaskedConv2d(MaskType mask, int in, int out, int kh, int kw, int groups, int outBlocks,
            boolean withBias) {
        if (in <= 0 || out <= 0 || kh <= 0 || kw <= 0 || kh % 2 == 0 || kw % 2 == 0) {
            throw new IllegalArgumentException("bad conv " + in + "->" + out + " " + kh + "x" + kw);
        }
        this.mask = mask;
        this.in = in;
        this.out = out;
        this.kh = kh;
        this.kw = kw;
        this.groups = groups;
        this.storedRows = mask == null ? kh : kh / 2 + 1;
        this.outBlocks = outBlocks;
        this.gathersTaps = in <= IM2COL_MAX_IN && mask != null && kh > 1;
        this.needsMask = mask != null && !allOnes(Masks.cropped(mask, out, in, kh, kw, groups, outBlocks));
        long fanIn = (long) in * kh * kw;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, storedRows, kw))
                .optInitializer(new FanInUniform(fanIn))
                .build());
        this.bias = withBias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .optShape(new Shape(out))
                        .optInitializer(new FanInUniform(fanIn))
                        .build())
                : null;
    }

    /** Convenience: a masked 1×1 convolution (mask B mixes colour groups causally). */
    public static MaskedConv2d pointwise(MaskType mask, int in, int out, int groups) {
        return new MaskedConv2d(mask, in, out, 1, 1, groups, true);
    }

    public int outChannels() {
        return out;
    }

    public int inChannels() {
        return in;
    }

    /** The kernel's rows that are stored: kh/2 + 1 for a masked kernel (the rows above and the centre), kh unmasked. */
    public int storedRows() {
        return storedRows;
    }

    /** Multiply-adds per output pixel actually computed (the stored taps, masked or not). */
    public long macsPerPixel() {
        return (long) out * in * storedRows * kw;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return apply(ps, x, Layout.CHANNELS_FIRST, training);
    }

    /**
     * The layer on maps in {@code layout}: (N, in, H, W) -> (N, out, H, W) channels-first,
     * (N, H, W, in) -> (N, H, W, out) channels-last.
     */
    public NDArray apply(ParameterStore ps, NDArray x, Layout layout, boolean training) {
        return compute(ps, x, layout, true, training);
    }

    /**
     * The layer without its bias, for a caller that adds the biases of several layers whose
     * outputs it sums in one go ({@link OutputStack}); see {@link #bias}.
     */
    public NDArray applyUnbiased(ParameterStore ps, NDArray x, Layout layout, boolean training) {
        return compute(ps, x, layout, false, training);
    }

    /** The weight as stored, (out, in, storedRows, kw), unmasked. */
    public NDArray weight(ParameterStore ps, Device device, boolean training) {
        return ps.getValue(weight, device, training);
    }

    /** The bias, (out), or null when the layer has none. */
    public NDArray bias(ParameterStore ps, Device device, boolean training) {
        return bias == null ? null : ps.getValue(bias, device, training);
    }

    private NDArray compute(ParameterStore ps, NDArray x, Layout layout, boolean withBias, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = withBias ? bias(ps, x.getDevice(), training) : null;
        if (needsMask) {
            w = onBatch(w.mul(mask(w.getManager())), x);
        }
        NDArray y = layout == Layout.CHANNELS_LAST ? channelsLast(x, w, b) : channelsFirst(x, w, b);
        return needsMask ? Release.after(y, w) : y;
    }

    /** @param w (out, in, storedRows, kw), already masked */
    private NDArray channelsFirst(NDArray x, NDArray w, NDArray b) {
        if (gathersTaps) {
            return im2col(x, w, b, Layout.CHANNELS_FIRST); // (N, out, H, W)
        }
        if (mask == null || kh == 1) {
            return Convolutions.conv2d(x, w, b, kh / 2, kw / 2); // (N, out, H, W)
        }
        // Symmetric zero padding of kh/2 rows gives H + kh/2 output rows; the kernel's last
        // stored row is the centre row, so output row y sees input rows y-kh/2 .. y, and the
        // first H rows are exactly the masked convolution. (One convolution with symmetric
        // padding is faster in libtorch than padding the top only.)
        long height = x.getShape().get(2);
        NDArray full = Convolutions.conv2d(x, w, b, kh / 2, kw / 2); // (N, out, H + kh/2, W)
        return Release.after(Slices.narrow(full, 2, 0, height), full); // (N, out, H, W)
    }

    /**
     * The same on channels-last maps: a 1×1 layer is one matrix product over all N·H·W pixels,
     * a k×k layer oneDNN's NHWC convolution on a permuted view.
     *
     * @param x (N, H, W, in)
     * @param w (out, in, storedRows, kw), already masked
     */
    private NDArray channelsLast(NDArray x, NDArray w, NDArray b) {
        if (kh == 1 && kw == 1) {
            NDArray w2 = w.reshape(out, in); // (out, in, 1, 1) -> (out, in)
            // linear on the 4-D map: libtorch folds it into one (N·H·W, in) × (in, out) product
            // and adds the bias in place (measured faster than addmm with the bias fused).
            return Release.after(x.getNDArrayInternal().linear(x, w2, b).singletonOrThrow(), w2); // (N, H, W, out)
        }
        if (gathersTaps) {
            return im2col(x, w, b, Layout.CHANNELS_LAST); // (N, H, W, out)
        }
        // Masked: pad kh/2 zero rows on top only, so the H output rows are exactly the masked
        // convolution. (Padding both sides and narrowing the output, as channelsFirst does,
        // hands the convolution's backward a channels-first gradient and costs more here.)
        boolean topOnly = mask != null && kh > 1;
        NDArray padded = topOnly ? x.pad(new Shape(0, 0, 0, 0, kh / 2, 0), 0) : x; // (N, H + kh/2, W, in)
        NDArray nchw = padded.transpose(0, 3, 1, 2); // (N, in, H + kh/2, W), channels-last strides
        NDArray full = Convolutions.conv2d(nchw, w, b, topOnly ? 0 : kh / 2, kw / 2); // (N, out, H, W), channels-last strides
        // (N, H, W, out), contiguous (a strided view for a padded out)
        return Release.after(full.transpose(0, 2, 3, 1), full, nchw, padded != x ? padded : null);
    }

    /**
     * The convolution as one matrix product over explicitly gathered taps, for the input layer:
     * with one to three input channels oneDNN's convolution is slow, its weight gradient
     * especially (pixelcnn-mnist at batch 64: 31 ms of a 700 ms step as a convolution, about
     * 14 ms as this matmul, forward and backward).
     *
     * @param x (N, in, H, W), or (N, H, W, in) channels-last
     * @param w (out, in, storedRows, kw), already masked
     */
    private NDArray im2col(NDArray x, NDArray w, NDArray b, Layout layout) {
        boolean last = layout == Layout.CHANNELS_LAST;
        int rowAxis = last ? 1 : 2;
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(rowAxis);
        long width = s.get(rowAxis + 1);
        long taps = (long) in * storedRows * kw;
        // kh/2 zero rows on top and kw/2 zero columns on each side: tap (dy, dx) of output (y, x)
        // reads padded (y + dy, x + dx). Pad widths are given from the last axis back.
        Shape pad = last ? new Shape(0, 0, kw / 2, kw / 2, kh / 2, 0) : new Shape(kw / 2, kw / 2, kh / 2, 0);
        NDArray padded = x.pad(pad, 0); // rows H + kh/2, columns W + kw − 1
        NDList views = new NDList(storedRows * kw);
        for (int dy = 0; dy < storedRows; dy++) {
            NDArray rows = Slices.narrow(padded, rowAxis, dy, dy + h); // rows H
            for (int dx = 0; dx < kw; dx++) {
                views.add(Slices.narrow(rows, rowAxis + 1, dx, dx + width)); // (N, in, H, W) or (N, H, W, in)
            }
        }
        // The taps of one input channel next to each other, in the weight's (in, dy, dx) order.
        // (N, H, W, in, taps) or (N, in, taps, H, W)
        NDArray stacked = Release.after(NDArrays.stack(views, last ? 4 : 2), views, padded);
        NDArray w2 = w.reshape(out, taps); // (out, in·taps)
        NDArray y;
        if (last) {
            NDArray cols = stacked.reshape(n * h * width, taps); // (N·H·W, in·taps)
            NDArray prod = Release.after(cols.getNDArrayInternal().linear(cols, w2, b).singletonOrThrow(), cols); // (N·H·W, out)
            y = Release.after(prod.reshape(n, h, width, out), prod); // (N, H, W, out)
        } else {
            NDArray cols = stacked.reshape(n, taps, h * width); // (N, in·taps, H·W)
            NDArray prod = Release.after(w2.matMul(cols), cols); // (N, out, H·W)
            y = Release.after(prod.reshape(n, out, h, width), prod); // (N, out, H, W)
            if (b != null) {
                NDArray bias4 = b.reshape(1, out, 1, 1); // (1, out, 1, 1)
                y = Release.after(y.add(bias4), y, bias4);
            }
        }
        return Release.after(y, stacked, w2);
    }

    /**
     * The layer's incremental form (docs/incremental-decoding.md): one output position per call,
     * in raster order, for a decoder that knows the input only up to the current position. It
     * keeps the last
     * {@code kh/2 + 1} rows of the input: the current row, and the rows above it that the stored
     * kernel reads. Their contribution to a whole output row is one convolution, run once when
     * the row above is complete; each step then writes the new input into the current row and
     * multiplies the kw/2 + 1 taps that end at it (the centre row of the mask, up to and with
     * its centre), with the masked weights built once here. A 1×1 layer keeps no rows. Compare
     * {@link #apply}: the same taps and the same mask, for every position at once.
     *
     * @param ps the parameters
     * @param manager owns the weights and the rows (the decoder's manager)
     * @param n images decoded together
     * @param width the image width
     * @param withBias whether the step adds the bias (see {@link #applyUnbiased})
     */
    public Step step(ParameterStore ps, NDManager manager, int n, int width, boolean withBias) {
        return new Step(ps, manager, n, width, withBias);
    }

    /** A 1×1 layer's masked weight as a contiguous (out, in) matrix on {@code manager}. */
    public NDArray pointwiseWeights(ParameterStore ps, NDManager manager) {
        if (kh != 1 || kw != 1) {
            throw new IllegalStateException("a " + kh + "x" + kw + " layer is not one matrix product");
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray w = ps.getValue(weight, manager.getDevice(), false);
            NDArray masked = needsMask ? w.mul(mask(w.getManager())) : w.duplicate(); // (out, in, 1, 1)
            masked.attach(scope);
            NDArray y = masked.reshape(out, in).duplicate(); // (out, in)
            y.attach(manager);
            return y;
        }
    }

    /** The state of {@link #step}: it lives on the decoder's manager, not in the layer. */
    public final class Step implements io.github.pixelrnn.nn.Step {
        private final NDManager manager;
        private final int n;
        private final int width;
        private final int centreTaps;
        private final long paddedWidth;
        /**
         * ((kw/2 + 1)·in, out): the masked centre row's taps up to the centre, in the current
         * row's (column, channel) order: a transposed view of an (out, taps) matrix, which
         * libtorch multiplies faster than the same matrix stored (taps, out) (for 4 × 4096 by
         * 4096 × 1024: 3.9 against 7.6 ms), and faster than linear with a bias on a 2-D input,
         * which copies the bias first (35 against 15 µs at batch 64, 2 threads).
         */
        private final NDArray centre;
        /** (out, in, kh/2, kw): the rows of the kernel above the centre (unmasked); null for kh = 1. */
        private final NDArray aboveKernel;
        private final NDArray bias;
        /** (N, W + kw/2, in): the current row of the input, kw/2 zero columns on the left; null for 1×1. */
        private NDArray row;
        /** The kh/2 rows above it, oldest first, (N, W + kw/2, in) each; empty for kh = 1. */
        private final NDArray[] rowsAbove;
        /** (W, N, out): what the rows above (and the bias) add to each output of the current row; null for kh = 1. */
        private NDArray above;
        /** The image row that {@link #row} holds. */
        private int rowIndex;

        private Step(ParameterStore ps, NDManager manager, int n, int width, boolean withBias) {
            if (mask == null && kh > 1) {
                throw new IllegalStateException("an unmasked " + kh + "x" + kw + " convolution sees rows below; it has no step");
            }
            if (mask == MaskType.V && kw > 1) {
                throw new IllegalStateException("a vertical " + kh + "x" + kw + " convolution sees the rest of its row; it"
                        + " steps a row at a time (GatedLayer)");
            }
            this.manager = manager;
            this.n = n;
            this.width = width;
            this.centreTaps = kw / 2 + 1;
            this.paddedWidth = width + kw / 2;
            this.bias = withBias ? bias(ps, manager.getDevice(), false) : null;
            try (NDManager scope = manager.newSubManager()) {
                NDArray w = ps.getValue(weight, manager.getDevice(), false).duplicate(); // (out, in, storedRows, kw)
                w.attach(scope);
                NDArray masked = needsMask ? w.mul(mask(ps.getValue(weight, manager.getDevice(), false).getManager())) : w;
                NDArray centreRow = Slices.narrow(Slices.narrow(masked, 2, storedRows - 1, storedRows), 3, 0, centreTaps);
                NDArray ordered = centreRow.transpose(0, 3, 2, 1); // (out, kw/2+1, 1, in)
                NDArray rows = ordered.reshape(out, (long) centreTaps * in); // (out, (kw/2+1)·in), a copy
                this.centre = rows.transpose(); // ((kw/2+1)·in, out), a view
                this.centre.attach(manager);
                if (storedRows > 1) {
                    this.aboveKernel = Slices.narrow(masked, 2, 0, storedRows - 1).duplicate(); // (out, in, kh/2, kw)
                    this.aboveKernel.attach(manager);
                } else {
                    this.aboveKernel = null;
                }
            }
            this.rowsAbove = new NDArray[storedRows - 1];
            if (kh > 1 || kw > 1) {
                this.row = manager.zeros(new Shape(n, paddedWidth, in));
                for (int r = 0; r < rowsAbove.length; r++) {
                    rowsAbove[r] = manager.zeros(new Shape(n, paddedWidth, in));
                }
                this.above = aboveTerm();
            }
        }

        /**
         * The output at {@code at} given the input there; a repeated visit replaces the input
         * written before. A 1×1 layer keeps no state and takes any leading axes.
         *
         * @param x (N, in); the result lives on its manager
         * @param condition (N, out) added to the output, or null
         * @return (N, out)
         */
        @Override
        public NDArray step(NDArray x, NDArray condition, Cursor at) {
            NDArray y;
            if (row == null) {
                y = x.matMul(centre); // (..., out)
                if (bias != null) {
                    y.addi(bias);
                }
            } else {
                while (rowIndex < at.row()) {
                    nextRow();
                }
                int col = at.col();
                NDArray column = x.reshape(n, 1, in); // (N, in) -> (N, 1, in)
                Slices.assign(row, new long[] {0, col + kw / 2L, 0}, column); // the padded column of col
                Release.all(column);
                NDArray taps = Slices.narrow(row, 1, col, col + centreTaps); // (N, kw/2+1, in): columns col−kw/2 .. col
                taps.attach(x.getManager());
                // a view with rows W + kw/2 apart, which the matrix product reads in place
                NDArray flat = taps.reshape(n, (long) centreTaps * in); // (N, (kw/2+1)·in)
                y = flat.matMul(centre); // (N, out)
                if (above != null) {
                    y.addi(Slices.at(above, col, x.getManager()));
                } else if (bias != null) {
                    y.addi(bias);
                }
            }
            return condition == null ? y : y.addi(condition);
        }

        /** The current row is complete: it joins the rows above, and the new current row is zero. */
        private void nextRow() {
            if (rowsAbove.length == 0) {
                Release.all(row);
            } else {
                Release.all(rowsAbove[0]);
                System.arraycopy(rowsAbove, 1, rowsAbove, 0, rowsAbove.length - 1);
                rowsAbove[rowsAbove.length - 1] = row;
            }
            row = manager.zeros(new Shape(n, paddedWidth, in));
            rowIndex++;
            if (above != null) {
                above = Release.after(aboveTerm(), above);
            }
        }

        /** (W, N, out): the kernel's rows above the centre over the rows above, plus the bias; null for kh = 1. */
        private NDArray aboveTerm() {
            if (aboveKernel == null) {
                return null;
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray rows = NDArrays.stack(new NDList(rowsAbove), 1); // (N, kh/2, W + kw/2, in)
                rows.attach(scope);
                NDArray padded = rows.pad(new Shape(0, 0, 0, kw / 2, 0, 0), 0); // (N, kh/2, W + kw − 1, in)
                NDArray nchw = padded.transpose(0, 3, 1, 2); // (N, in, kh/2, W + kw − 1)
                NDArray y = Convolutions.conv2d(nchw, aboveKernel, bias, 0, 0); // (N, out, 1, W)
                NDArray byColumn = y.reshape(n, out, width).transpose(2, 0, 1); // (W, N, out)
                NDArray kept = byColumn.duplicate(); // contiguous
                kept.attach(manager);
                return kept;
            }
        }
    }

    /**
     * The paper's "ReLU followed by convolution" unit, conv(ReLU(x)), on maps in {@code layout};
     * releases {@code x}, which must be an intermediate the caller no longer needs.
     */
    public NDArray applyAfterRelu(ParameterStore ps, NDArray x, Layout layout, boolean training) {
        NDArray r = Release.after(x.getNDArrayInternal().relu(), x);
        return Release.after(apply(ps, r, layout, training), r);
    }

    private synchronized NDArray mask(NDManager manager) { // built once, by whichever gradient worker comes first
        if (maskArray == null) {
            float[] m = Masks.cropped(mask, out, in, kh, kw, groups, outBlocks);
            maskArray = Scope.cache(Scalars.constant(manager, m, new Shape(out, in, storedRows, kw))); // kept past the pass
        }
        return maskArray;
    }

    private static boolean allOnes(float[] m) {
        for (float v : m) {
            if (v != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }

    @Override
    public String toString() {
        return "MaskedConv2d(" + (mask == null ? "none" : mask) + ", " + in + "->" + out + ", "
                + kh + "x" + kw + ")";
    }
}
