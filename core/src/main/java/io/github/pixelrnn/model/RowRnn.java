package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.nn.FanInUniform;
import io.github.pixelrnn.nn.Flops;
import io.github.pixelrnn.nn.RecurrentLayer;
import io.github.pixelrnn.nn.Release;
import io.github.pixelrnn.nn.Scope;
import io.github.pixelrnn.nn.Slices;
import io.github.pixelrnn.nn.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The row-by-row RNN baseline of practitioners' lab notes (docs/models.md, "Row-RNN baseline"):
 * every image row, flattened over its colour channels, is one time step of an LSTM or GRU (input
 * size W·C); a learned start row stands in for row −1. The RNN's output after reading rows
 * 0..t−1 is mapped by one linear head to the W·C·K logits of row t. The pixels of a row are
 * independent given the rows above, so the likelihood is exact (and every sub-pixel's
 * prediction depends only on earlier rows, which is stricter than raster-order causality).
 *
 * <ul>
 *   <li>{@code many-to-many} (seq2seq): one run over [start, row 0, ..., row H−2]; the output at
 *       step t predicts row t.
 *   <li>{@code many-to-one} (seq2vec): for every row t a separate run over the prefix
 *       [start, row 0, ..., row t−1] whose summary predicts row t: its last output, or, when
 *       bidirectional, the forward direction's last output next to the backward direction's
 *       output at the first step (both have read exactly the known rows). O(H²) work.
 * </ul>
 *
 * <p>A bidirectional many-to-many network would read the row it predicts, so it is rejected
 * ({@link #validate}). Optional batch normalisation after every recurrent layer
 * ({@link RowBatchNorm}) uses per-row batch statistics in training, running ones in inference.
 *
 * <p>Its incremental pass ({@link #step}) computes each row's logits once, when the rows above
 * are known.
 */
public final class RowRnn extends Network implements Flops.Counted {
    private final int channels;
    private final int height;
    private final int width;
    private final int k;
    private final int hidden;
    private final int layers;
    private final int gates;
    private final boolean bidirectional;
    private final boolean manyToOne;
    private final Parameter start;
    /** Unidirectional without batch norm: one fused multi-layer block; null otherwise. */
    private final RecurrentBlock rnn;
    /** Otherwise per layer: a forward block, a backward one if bidirectional, a batch norm if asked. */
    private final List<RecurrentBlock> forwardLayers = new ArrayList<>();
    private final List<RecurrentBlock> backwardLayers = new ArrayList<>();
    private final List<RowBatchNorm> norms = new ArrayList<>();
    private final Linear head;
    /** K, the classes of a class-conditional model (0: unconditional). */
    private final int classes;
    /** A class-conditional model's learned embedding of each class as a row, (K, C·W); null otherwise. */
    private final Parameter classRows;

    /**
     * @param image the images it models
     * @param c its settings
     * @param classes K, for a class-conditional network: it takes K one-hot class maps and adds a
     *     learned embedding of the class to every row it reads, the start row included (0:
     *     unconditional)
     */
    public RowRnn(ImageShape image, RowRnnConfig c, int classes) {
        validate(c);
        this.classes = classes;
        this.channels = image.channels();
        this.height = image.height();
        this.width = image.width();
        this.k = image.valuesPerSubPixel();
        this.hidden = c.hidden();
        this.layers = c.layers();
        this.gates = c.cell().gates();
        this.bidirectional = c.bidirectional();
        this.manyToOne = c.mode() == RnnMode.MANY_TO_ONE;
        int rowSize = channels * width;
        this.start = addParameter(Parameter.builder()
                .setName("start")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, 1, rowSize))
                .optInitializer(new FanInUniform(1))
                .build());
        this.classRows = classes == 0 ? null : addParameter(Parameter.builder()
                .setName("classRows")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, rowSize))
                .optInitializer(new FanInUniform(1))
                .build());
        boolean gru = c.cell() == RnnCell.GRU;
        if (bidirectional || c.batchNorm()) {
            // DJL's own bidirectional blocks hand their parameters to libtorch in the wrong order
            // (all weights of both directions, then all biases), so they fail on the PyTorch
            // engine; each direction of each layer is its own single-layer block instead.
            // Batch norm between layers also needs the layers apart.
            for (int l = 0; l < c.layers(); l++) {
                forwardLayers.add(addChildBlock("forward" + l, cell(gru, 1)));
                if (bidirectional) {
                    backwardLayers.add(addChildBlock("backward" + l, cell(gru, 1)));
                }
                if (c.batchNorm()) {
                    norms.add(addChildBlock("norm" + l, new RowBatchNorm(height, hidden * directions())));
                }
            }
            this.rnn = null;
        } else {
            this.rnn = addChildBlock("rnn", cell(gru, c.layers()));
        }
        this.head = addChildBlock("head", Linear.builder().setUnits((long) rowSize * k).build());
    }

    private RecurrentBlock cell(boolean gru, int layers) {
        // The blocks own the parameters (and their names in checkpoints); RecurrentLayer computes
        // them, for whole sequences and for the decoder's steps.
        RecurrentBlock block = gru
                ? GRU.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true).build()
                : LSTM.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true).build();
        // PyTorch's default for recurrent layers: every weight and bias uniform in ±1/sqrt(hidden).
        block.setInitializer(new FanInUniform(hidden), p -> true);
        return block;
    }

    /** The row-RNN settings of {@code c}; a one-line {@link UserError} for the first bad one. */
    public static void validate(RowRnnConfig c) {
        if (c.bidirectional() && c.mode() != RnnMode.MANY_TO_ONE) {
            throw new UserError("bidirectional rowrnn needs --mode many-to-one: a bidirectional "
                    + "many-to-many network would read the row it predicts");
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0]; // (N, C, H, W)
        long n = s.get(0);
        long h = s.get(2);
        if (rnn != null) {
            rnn.initialize(manager, dataType, new Shape(n, h, (long) channels * width));
        }
        for (int l = 0; l < forwardLayers.size(); l++) {
            Shape in = new Shape(n, h, l == 0 ? (long) channels * width : (long) hidden * directions());
            forwardLayers.get(l).initialize(manager, dataType, in);
            if (bidirectional) {
                backwardLayers.get(l).initialize(manager, dataType, in);
            }
            if (!norms.isEmpty()) {
                norms.get(l).initialize(manager, dataType, new Shape(n, h, (long) hidden * directions()));
            }
        }
        head.initialize(manager, dataType, new Shape(n, h, (long) hidden * directions()));
    }

    private int directions() {
        return bidirectional ? 2 : 1;
    }

    @Override
    public int conditionChannels() {
        return classes;
    }

    /**
     * The row each image's class adds to every row the RNN reads, (N, 1, C·W); null for an
     * unconditional pass. The class is read from its one-hot maps (N, K, H, W), constant over the
     * image, as their mean over the image.
     */
    private NDArray classRow(ParameterStore ps, NDArray condition, boolean training) {
        if (condition == null ? classes > 0 : condition.getShape().get(1) != classes) {
            throw classes == 0 ? noConditioning("the unconditional row-RNN")
                    : new IllegalArgumentException("the row-RNN takes " + classes + " class maps");
        }
        if (condition == null) {
            return null;
        }
        long n = condition.getShape().get(0);
        NDArray oneHot = condition.reshape(n, classes, -1).mean(new int[] {2}); // (N, K, H·W) -> (N, K)
        NDArray rows = ps.getValue(classRows, condition.getDevice(), training); // (K, C·W)
        return oneHot.matMul(rows).reshape(n, 1, (long) channels * width); // (N, C·W) -> (N, 1, C·W)
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        NDArray classRow = classRow(ps, condition, training); // (N, 1, C·W) or null
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long rowSize = (long) channels * width;
        NDArray st = ps.getValue(start, x.getDevice(), training); // (1, 1, C·W)
        NDArray startRows = onBatch(st.broadcast(new Shape(n, 1, rowSize)), x); // (N, 1, C·W)
        NDArray seq; // (N, H, C·W): [start, row 0, ..., row H−2]
        if (h == 1) {
            seq = startRows;
        } else {
            NDArray above = x.get(new NDIndex(":, :, 0:{}, :", h - 1)); // (N, C, H−1, W)
            NDArray byRow = above.transpose(0, 2, 1, 3); // (N, H−1, C, W)
            NDArray rows = byRow.reshape(n, h - 1, rowSize); // (N, H−1, C·W)
            seq = NDArrays.concat(new NDList(startRows, rows), 1);
        }
        if (classRow != null) {
            seq = seq.add(classRow); // (N, H, C·W): every row read, biased by the class
        }
        NDArray summary = manyToOne
                ? (bidirectional ? prefixRunsOneByOne(ps, seq, training) : prefixRunsPadded(ps, seq, training))
                : run(ps, seq, training); // (N, H, hidden·directions)
        NDArray logits = head.forward(ps, new NDList(summary), training).singletonOrThrow(); // (N, H, C·K·W)
        NDArray r = logits.reshape(n, h, (long) channels * k, width); // (N, H, C·K, W)
        return r.transpose(0, 2, 1, 3); // (N, C·K, H, W)
    }

    /**
     * The stacked RNN over (B, T, C·W): outputs (B, T, hidden·directions). Bidirectional layers
     * concatenate the forward output at step s with the backward direction's output at step s
     * (which has read steps s..T−1), like a bidirectional torch.nn.LSTM.
     */
    private NDArray run(ParameterStore ps, NDArray seq, boolean training) {
        NDArray in = seq;
        for (int l = 0; l < layers; l++) {
            try (Scope layer = Scope.open()) { // the layer's input goes once it is read (not seq, the caller's)
                if (in != seq) {
                    layer.adopt(in);
                }
                in = layer.keep(layer(ps, l, in, training));
            }
        }
        return in;
    }

    /** Recurrent layer {@code l} (both directions, batch norm) on (B, T, in): (B, T, hidden·directions). */
    private NDArray layer(ParameterStore ps, int l, NDArray in, boolean training) {
        NDArray out = forward(l).apply(ps, in, training); // (B, T, h)
        if (bidirectional) {
            NDArray br = backward(l).apply(ps, in.flip(1), training);
            NDArray b = br.flip(1); // (B, T, h): step s has read steps s..T−1
            out = NDArrays.concat(new NDList(out, b), 2); // (B, T, 2h)
        }
        return norms.isEmpty() ? out : norms.get(l).apply(ps, out, training); // (B, T, h·directions)
    }

    /** Layer {@code l}'s forward direction, computed by {@link RecurrentLayer} from its block's parameters. */
    private RecurrentLayer forward(int l) {
        return rnn != null ? new RecurrentLayer(rnn, l, hidden, gates == 3)
                : new RecurrentLayer(forwardLayers.get(l), 0, hidden, gates == 3);
    }

    /** Layer {@code l}'s backward direction (bidirectional networks). */
    private RecurrentLayer backward(int l) {
        return new RecurrentLayer(backwardLayers.get(l), 0, hidden, gates == 3);
    }

    /**
     * Unidirectional many-to-one: the H prefix runs as one batch of N·H sequences of length H,
     * run t being [start, row 0, ..., row t−1] followed by zero rows. A forward RNN's output at
     * step t has not read the padding after it, so it is exactly the last output of the prefix.
     */
    private NDArray prefixRunsPadded(ParameterStore ps, NDArray seq, boolean training) {
        Shape s = seq.getShape();
        long n = s.get(0);
        long h = s.get(1);
        long rowSize = s.get(2);
        NDManager m = seq.getManager();
        try (NDArray idx = m.arange((int) h)) {
            NDArray t = idx.reshape(1, h, 1, 1); // run t
            NDArray step = idx.reshape(1, 1, h, 1); // time step
            NDArray keepBool = step.lte(t); // (1, H, H, 1): step ≤ t
            NDArray keep = keepBool.toType(seq.getDataType(), false);
            NDArray diagBool = step.eq(t);
            NDArray diag = diagBool.toType(seq.getDataType(), false);
            NDArray expanded = seq.expandDims(1); // (N, 1, H, C·W)
            NDArray padded = expanded.mul(keep); // (N, H runs, H steps, C·W)
            NDArray batch = padded.reshape(n * h, h, rowSize); // (N·H, H, C·W)
            NDArray out = run(ps, batch, training); // (N·H, H, hidden)
            NDArray perRun = out.reshape(n, h, h, -1); // (N, H runs, H steps, hidden)
            NDArray picked = perRun.mul(diag); // only step t of run t
            return picked.sum(new int[] {2}); // (N, H, hidden)
        }
    }

    /**
     * Bidirectional many-to-one: one run per prefix length (zero padding would be read by the
     * backward direction). Run t sees [start, row 0, ..., row t−1] only; its summary is the
     * forward output at the last step next to the backward output at the first step.
     */
    private NDArray prefixRunsOneByOne(ParameterStore ps, NDArray seq, boolean training) {
        long h = seq.getShape().get(1);
        List<NDArray> summaries = new ArrayList<>();
        for (long t = 0; t < h; t++) {
            NDArray prefix = seq.get(new NDIndex(":, 0:{}, :", t + 1)); // (N, t+1, C·W)
            summaries.add(prefixSummary(ps, prefix, training)); // (N, 2·hidden)
        }
        return NDArrays.stack(new NDList(summaries), 1); // (N, H, 2·hidden)
    }

    /**
     * The bidirectional summary of one prefix (N, t+1, C·W): the forward output at its last step
     * next to the backward output at its first; (N, 2·hidden).
     */
    private NDArray prefixSummary(ParameterStore ps, NDArray prefix, boolean training) {
        long t = prefix.getShape().get(1) - 1;
        NDArray out = run(ps, prefix, training); // (N, t+1, 2·hidden)
        NDArray fwd = out.get(new NDIndex(":, {}, 0:{}", t, hidden)); // (N, hidden)
        NDArray bwd = out.get(new NDIndex(":, 0, {}:", hidden)); // (N, hidden)
        return NDArrays.concat(new NDList(fwd, bwd), 1); // (N, 2·hidden)
    }

    @Override
    Step step(ParameterStore ps, NDManager manager, int n, NDArray condition) {
        NDArray classRow = classRow(ps, condition, false);
        if (classRow != null) {
            classRow.attach(manager);
        }
        return new RowStep(ps, manager, n, classRow);
    }

    /**
     * The incremental pass, row by row. The pixels of row t are independent given the rows above,
     * so row t's logits are computed once, when row t−1 is complete, and each pixel of the row only
     * reads them. Many-to-many and unidirectional many-to-one carry every recurrent layer's state
     * (h, and c for an LSTM) from row to row: one RNN step per row (the prefix runs of many-to-one
     * end in exactly those states). Bidirectional many-to-one re-reads the known rows once per row,
     * since its backward direction has to start from the last known row: row t costs t + 1 RNN
     * steps, O(H²) in all, as in its full pass.
     */
    private final class RowStep implements Step {
        private final ParameterStore ps;
        private final NDManager manager;
        private final int n;
        /** n × C·W: the scaled values of the current row, in the row layout of {@link #apply}. */
        private final float[] rowValues;
        private int row;
        private int col;
        /** (W, N, C·K): the current row's logits, by column; null past the last row. */
        private NDArray rowLogits;
        /** Unidirectional: every recurrent layer's step and carried state; made at the first row. */
        private List<Step> cells;
        /** Bidirectional: the sequence read so far, [start, row 0, ..., row t−1], (N, t+1, C·W). */
        private NDArray sequence;
        /** The class's row added to every row read (N, 1, C·W), or null. */
        private final NDArray classRow;

        RowStep(ParameterStore ps, NDManager manager, int n, NDArray classRow) {
            this.ps = ps;
            this.manager = manager;
            this.n = n;
            this.classRow = classRow;
            this.rowValues = new float[n * channels * width];
            try (NDManager scope = manager.newSubManager()) {
                NDArray st = ps.getValue(start, manager.getDevice(), false); // (1, 1, C·W)
                NDArray first = st.broadcast(new Shape(n, 1, (long) channels * width)); // (N, 1, C·W)
                first.attach(scope);
                read(first.duplicate(), scope);
            }
        }

        /** The logits (N, C·K) of the pixel at {@code at}; null for the visit of a complete pixel. */
        @Override
        public NDArray step(NDArray pixel, NDArray condition, Cursor at) {
            if (condition != null) {
                throw noConditioning("the row-RNN");
            }
            if (at.row() != row || at.col() != col) {
                throw new IllegalStateException("the network is at pixel (" + row + ", " + col + "), not (" + at.row()
                        + ", " + at.col() + ")");
            }
            if (at.channel() < channels) {
                return Slices.at(rowLogits, col, pixel.getManager()); // (N, C·K)
            }
            float[] v = pixel.toFloatArray(); // n × C
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    rowValues[(i * channels + c) * width + col] = v[i * channels + c];
                }
            }
            if (++col == width) {
                col = 0;
                row++;
                try (NDManager scope = manager.newSubManager()) {
                    read(scope.create(rowValues, new Shape(n, 1, (long) channels * width)), scope); // (N, 1, C·W)
                }
            }
            return null;
        }

        /** Reads one more row, (N, 1, C·W) on {@code scope}, and computes the next row's logits. */
        private void read(NDArray known, NDManager scope) {
            if (row >= height) {
                return; // the last row has no successor (and batch norm has no statistics for one)
            }
            NDArray input = classRow == null ? known : known.add(classRow); // (N, 1, C·W)
            input.attach(scope);
            NDArray summary; // (N, 1, hidden·directions)
            if (bidirectional) {
                NDArray seq = sequence == null ? input : NDArrays.concat(new NDList(sequence, input), 1);
                seq.attach(manager);
                if (sequence != null) {
                    sequence.close();
                }
                sequence = seq;
                NDArray s;
                try (Scope pass = Scope.open()) {
                    s = pass.keep(prefixSummary(ps, sequence, false)); // (N, 2·hidden)
                }
                s.attach(scope);
                summary = s.reshape(n, 1, 2L * hidden);
            } else {
                summary = carried(input);
            }
            NDArray logits = head.forward(ps, new NDList(summary), false).singletonOrThrow(); // (N, 1, C·K·W)
            NDArray byColumn = logits.reshape(n, (long) channels * k, width).transpose(2, 0, 1); // (W, N, C·K)
            NDArray kept = byColumn.duplicate(); // contiguous
            kept.attach(manager);
            rowLogits = Release.after(kept, rowLogits);
        }

        /** One step of every recurrent layer from its carried state; (N, 1, C·W) -> (N, 1, hidden). */
        private NDArray carried(NDArray input) {
            if (cells == null) {
                cells = new ArrayList<>();
                for (int l = 0; l < layers; l++) {
                    cells.add(forward(l).step(ps, manager, n));
                }
            }
            Cursor timeStep = new Cursor(row, 0, 0); // the recurrence's position is the row
            NDArray in = input.reshape(n, (long) channels * width); // (N, 1, C·W) -> (N, C·W)
            for (int l = 0; l < layers; l++) {
                in = cells.get(l).step(in, null, timeStep); // (N, hidden)
                if (!norms.isEmpty()) {
                    NDArray seq = in.reshape(n, 1, hidden); // (N, 1, hidden)
                    in = norms.get(l).applyAt(ps, seq, row).reshape(n, hidden); // row t's step of the sequence
                }
            }
            return in.reshape(n, 1, hidden); // (N, 1, hidden)
        }
    }

    /**
     * Multiply-adds of the recurrent matrix products and the head, ×2: per step and direction a
     * layer costs gates·hidden·(input + hidden). Many-to-many runs H steps; unidirectional
     * many-to-one H² (the padded batch); bidirectional many-to-one H(H+1)/2 per direction.
     */
    @Override
    public long forwardFlops(int height, int w) {
        long h = height;
        long dirs = directions();
        long perStep = 0;
        for (int l = 0; l < layers; l++) {
            long in = l == 0 ? (long) channels * w : hidden * dirs;
            perStep += dirs * gates * hidden * (in + hidden);
        }
        long steps = !manyToOne ? h : bidirectional ? h * (h + 1) / 2 : h * h;
        long headMacs = h * hidden * dirs * channels * w * k;
        return 2 * (steps * perStep + headMacs);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), (long) channels * k, s.get(2), s.get(3))};
    }
}
