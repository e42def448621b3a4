package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;

/**
 * One layer of an LSTM or GRU held by a DJL {@link RecurrentBlock}, computed by this library
 * from the block's parameters with PyTorch's equations (gate order: LSTM i, f, g, o; GRU r, z,
 * n), from a zero initial state: the whole sequence at once ({@link #apply}), or one step at a
 * time with the state carried between calls ({@link #step}). Both go through the same cell
 * equations ({@link #cell}).
 *
 * <p>The block's own forward is not used. libtorch 2.7.1 runs it as oneDNN's RNN primitive,
 * which on some x86 CPUs gives wrong outputs for many state sizes (seen on an AMD EPYC with
 * AVX-512: hidden sizes 1 to 16, 33 and 48 off by up to 0.6, while 17 to 32 and 128 were right;
 * {@code EngineTest} checks this class against a double-precision reference), and whose set-up
 * costs about 7 ms a call (measured at batch 64): too slow for one row at a time. The block stays
 * the owner of the parameters, so checkpoints are unchanged.
 */
public final class RecurrentLayer {
    private final RecurrentBlock block;
    private final String prefix;
    private final int hidden;
    private final boolean gru;

    /**
     * @param block an LSTM or GRU block
     * @param layer which of its layers
     * @param hidden its state size
     * @param gru whether it is a GRU (else an LSTM)
     */
    public RecurrentLayer(RecurrentBlock block, int layer, int hidden, boolean gru) {
        this.block = block;
        this.prefix = "l_" + layer + "_";
        this.hidden = hidden;
        this.gru = gru;
    }

    private int gates() {
        return gru ? 3 : 4;
    }

    private NDArray value(ParameterStore ps, String name, NDArray like, boolean training) {
        Parameter p = block.getParameters().get(prefix + name);
        return ps.getValue(p, like.getDevice(), training);
    }

    /**
     * The layer over whole sequences, differentiable.
     *
     * @param seq (B, T, in)
     * @return (B, T, hidden): the output h after every step
     */
    public NDArray apply(ParameterStore ps, NDArray seq, boolean training) {
        Shape s = seq.getShape();
        long batch = s.get(0);
        long steps = s.get(1);
        NDManager outer = seq.getManager();
        NDArray wi = value(ps, "i2h_WEIGHT", seq, training); // (G·h, in)
        NDArray wh = value(ps, "h2h_WEIGHT", seq, training); // (G·h, h)
        NDArray bi = value(ps, "i2h_BIAS", seq, training);
        NDArray bh = value(ps, "h2h_BIAS", seq, training);
        // The input-to-state term of every step as one product, time-major so that each step
        // reads one contiguous block; only the state-to-state term is sequential.
        NDArray byStep = seq.transpose(1, 0, 2); // (T, B, in), a view
        NDArray xGates = byStep.getNDArrayInternal().linear(byStep, wi, bi).singletonOrThrow(); // (T, B, G·h)
        // One split (its backward one concatenation), not a selection per step (whose backward
        // would fill a zero tensor of the whole sequence for every step).
        NDList perStep = xGates.split(steps, 0); // T × (1, B, G·h)
        NDArray h = outer.zeros(new Shape(batch, hidden));
        NDArray c = gru ? null : outer.zeros(new Shape(batch, hidden));
        NDList outputs = new NDList((int) steps);
        for (long t = 0; t < steps; t++) {
            try (Scope step = Scope.open()) { // this step's temporaries; h and c go on
                step.adopt(c); // the cell state it replaces (the outputs h are all kept)
                NDArray xt = perStep.get((int) t).reshape(batch, (long) gates() * hidden); // (1, B, G·h) -> (B, G·h)
                NDArray hGates = h.getNDArrayInternal().linear(h, wh, bh).singletonOrThrow(); // (B, G·h)
                NDArray[] next = cell(xt, hGates, h, c);
                h = step.keep(next[0]);
                c = next[1] == null ? null : step.keep(next[1]);
            }
            outputs.add(h);
        }
        return NDArrays.stack(outputs, 1); // (B, T, h)
    }

    /**
     * The cell: the new (h, c) from the step's input-to-state and state-to-state terms (biases
     * included), for both {@link #apply} and {@link Step}. LSTM: [i, f, o] = σ(·), g = tanh(·),
     * c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'). GRU: [r, z] = σ(x_rz + h_rz),
     * n = tanh(x_n + r ⊙ h_n), h' = n + z ⊙ (h − n), and c is null. The results live on the
     * manager of {@code xGates}; nothing given is released.
     *
     * @param xGates (B, G·h)
     * @param hGates (B, G·h)
     * @param h (B, h), the previous output (read by the GRU only)
     * @param c (B, h), the previous cell state (LSTM), or null
     */
    private NDArray[] cell(NDArray xGates, NDArray hGates, NDArray h, NDArray c) {
        NDManager scope = xGates.getManager();
        long hd = hidden;
        if (!gru) {
            NDArray pre = xGates.add(hGates); // (B, 4h)
            NDArray sig = pre.getNDArrayInternal().sigmoid(); // one sigmoid for i, f and o (g's part unused)
            NDArray i = Slices.narrow(sig, 1, 0, hd);
            NDArray f = Slices.narrow(sig, 1, hd, 2 * hd);
            NDArray o = Slices.narrow(sig, 1, 3 * hd, 4 * hd);
            NDArray gPre = Slices.narrow(pre, 1, 2 * hd, 3 * hd);
            NDArray gt = gPre.tanh();
            NDArray fc = f.mul(c);
            NDArray ig = i.mul(gt);
            NDArray cNew = fc.add(ig);
            NDArray tc = cNew.tanh();
            NDArray hNew = o.mul(tc);
            Release.all(pre, sig, i, f, o, gPre, gt, fc, ig, tc);
            cNew.attach(scope);
            hNew.attach(scope);
            return new NDArray[] {hNew, cNew};
        }
        NDArray xrz = Slices.narrow(xGates, 1, 0, 2 * hd);
        NDArray hrz = Slices.narrow(hGates, 1, 0, 2 * hd);
        NDArray rzPre = xrz.add(hrz);
        NDArray rz = rzPre.getNDArrayInternal().sigmoid(); // (B, 2h)
        NDArray r = Slices.narrow(rz, 1, 0, hd);
        NDArray z = Slices.narrow(rz, 1, hd, 2 * hd);
        NDArray xn = Slices.narrow(xGates, 1, 2 * hd, 3 * hd);
        NDArray hn = Slices.narrow(hGates, 1, 2 * hd, 3 * hd);
        NDArray rhn = r.mul(hn);
        NDArray nPre = xn.add(rhn);
        NDArray n = nPre.tanh();
        NDArray diff = h.sub(n);
        NDArray zd = z.mul(diff);
        NDArray hNew = n.add(zd); // (1 − z) ⊙ n + z ⊙ h
        Release.all(xrz, hrz, rzPre, rz, r, z, xn, hn, rhn, nPre, n, diff, zd);
        hNew.attach(scope);
        return new NDArray[] {hNew, null};
    }

    /**
     * The layer one time step at a time, its state (h, and c for an LSTM) carried on
     * {@code manager} from a zero state; the weights are transposed once here. Its positions are
     * the time steps ({@link Step.Cursor#row}); a repeated visit of one step recomputes it from the
     * state before.
     *
     * @param n sequences stepped together
     */
    public Step step(ParameterStore ps, NDManager manager, int n) {
        return new TimeStep(ps, manager, n);
    }

    /** The state of {@link #step}: it lives on the caller's manager, not in the layer. */
    private final class TimeStep implements Step {
        private final NDManager manager;
        /** (in, G·h) and (h, G·h): the weights, transposed once (a plain product beats linear's addmm). */
        private final NDArray inputWeights;
        private final NDArray stateWeights;
        private final NDArray inputBias;
        private final NDArray stateBias;
        /** The state before the current time step, and after its last visit. */
        private NDArray[] before;
        private NDArray[] after;
        private int current = -1;

        private TimeStep(ParameterStore ps, NDManager manager, int n) {
            this.manager = manager;
            NDArray probe = manager.zeros(new Shape(1));
            this.inputWeights = transposed(value(ps, "i2h_WEIGHT", probe, false));
            this.stateWeights = transposed(value(ps, "h2h_WEIGHT", probe, false));
            this.inputBias = value(ps, "i2h_BIAS", probe, false);
            this.stateBias = Release.after(value(ps, "h2h_BIAS", probe, false), probe);
            this.after = new NDArray[] {manager.zeros(new Shape(n, hidden)), gru ? null : manager.zeros(new Shape(n, hidden))};
        }

        private NDArray transposed(NDArray w) {
            NDArray t = w.transpose(); // (G·h, in) -> (in, G·h), a view
            NDArray y = Release.after(t.duplicate(), t);
            y.attach(manager);
            return y;
        }

        /** (N, in) on a scope -> (N, hidden) on that scope, the new h. */
        @Override
        public NDArray step(NDArray x, NDArray condition, Cursor at) {
            if (condition != null) {
                throw new IllegalArgumentException("a recurrent layer takes no conditioning bias");
            }
            if (at.row() != current) { // the next time step starts from the last one's state
                close(before);
                before = after;
                after = null;
                current = at.row();
            }
            NDArray xGates = x.matMul(inputWeights).addi(inputBias); // (N, G·h)
            NDArray hGates = before[0].matMul(stateWeights); // (N, G·h), on the state's manager
            hGates.attach(x.getManager());
            hGates.addi(stateBias);
            NDArray[] next = cell(xGates, hGates, before[0], before[1]);
            close(after);
            after = new NDArray[] {kept(next[0]), next[1] == null ? null : kept(next[1])};
            return next[0];
        }

        private NDArray kept(NDArray a) {
            NDArray y = a.duplicate();
            y.attach(manager);
            return y;
        }

        private void close(NDArray[] state) {
            if (state != null) {
                Release.all(state);
            }
        }
    }
}
