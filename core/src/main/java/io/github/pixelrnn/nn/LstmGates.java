package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.function.UnaryOperator;

/**
 * The LSTM update shared by the Row LSTM and the Diagonal BiLSTM (PixelRNN paper, Equation 3):
 *
 * <pre>
 *   [o, f, i, g] = [σ, σ, σ, tanh](pre)        pre: 4h maps, gate blocks in this order
 *   c = f ⊙ c_prev + i ⊙ g
 *   h = o ⊙ tanh(c)
 * </pre>
 *
 * One sigmoid over the three σ gates and one tanh, as few large ops as possible per step: every
 * engine call has a fixed cost of several microseconds, whatever its size. Every temporary is
 * released before returning.
 */
final class LstmGates {
    private LstmGates() {
    }

    /**
     * Runs the recurrence over a sequence of slices (rows of the Row LSTM, skewed columns of
     * the Diagonal BiLSTM): at step t, pre = inputs[t] + stateToState(h_{t−1}), then {@link #step}.
     * Releases the inputs and the initial state; every step's temporaries are released at once.
     *
     * @param inputs the input-to-state pre-activations of each step, (N, 4h, ...) each
     * @param h the initial hidden state, (N, h, ...)
     * @param c the initial cell state, (N, h, ...)
     * @param axis the axis along which the steps' hidden states are concatenated
     * @return the hidden states of all steps, concatenated along {@code axis}
     */
    static NDArray scan(NDList inputs, NDArray h, NDArray c, UnaryOperator<NDArray> stateToState, int hidden,
            int axis) {
        return scan(inputs, h, c, stateToState, hidden, 1, axis);
    }

    /** {@link #scan} with the gate blocks along {@code gateAxis} (the maps' axis). */
    static NDArray scan(NDList inputs, NDArray h, NDArray c, UnaryOperator<NDArray> stateToState, int hidden,
            int gateAxis, int axis) {
        NDList out = new NDList(inputs.size());
        for (int t = 0; t < inputs.size(); t++) {
            NDArray ss = stateToState.apply(h); // (N, 4h, ...)
            NDArray[] hc = step(Release.after(inputs.get(t).add(ss), ss), c, hidden, gateAxis);
            Release.all(c, t == 0 ? h : null); // the initial state, then each step's cell state
            h = hc[0];
            c = hc[1];
            out.add(h);
        }
        return Release.after(NDArrays.concat(out, axis), c, inputs, out); // steps × (N, h, ...) -> along axis
    }

    /**
     * @param pre (N, 4h, ...) pre-activations: input-to-state plus state-to-state; released
     * @param cPrev (N, h, ...) previous cell state
     * @return {h, c}, each (N, h, ...)
     */
    static NDArray[] step(NDArray pre, NDArray cPrev, int h) {
        return step(pre, cPrev, h, 1);
    }

    /**
     * {@link #step} with the gate blocks along {@code axis}. The blocks are taken apart with two
     * splits rather than five narrows: a narrow's backward pass allocates a zero array of its
     * input's shape and copies the gradient into it, five times per step, while a split's
     * backward is one concatenation.
     */
    static NDArray[] step(NDArray pre, NDArray cPrev, int h, int axis) {
        NDList parts = pre.split(new long[] {3L * h}, axis); // (.., 3h, ..) σ gates, (.., h, ..) g
        NDArray sig = parts.get(0).getNDArrayInternal().sigmoid();
        NDArray g = Release.after(parts.get(1).tanh(), parts, pre);
        NDList gates = Release.after(sig.split(new long[] {h, 2L * h}, axis), sig); // o, f, i: (.., h, ..) each
        NDArray o = gates.get(0);
        NDArray f = gates.get(1);
        NDArray i = gates.get(2);
        NDArray fc = f.mul(cPrev);
        NDArray ig = i.mul(g);
        NDArray c = Release.after(fc.add(ig), fc, ig, g); // c = f ⊙ c_prev + i ⊙ g
        NDArray tc = c.tanh();
        NDArray hNew = Release.after(o.mul(tc), tc, gates); // h = o ⊙ tanh(c)
        return new NDArray[] {hNew, c};
    }
}
