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
 * One sigmoid over the three σ gates and one tanh, as few large ops as possible per step
 * (ENGINE.md). Every temporary is released before returning.
 */
final class LstmGates {
    private LstmGates() {
    }

    /**
     * Runs the recurrence over a sequence of slices (rows of the Row LSTM, skewed columns of
     * the Diagonal BiLSTM): at step t, pre = inputs[t] + stateToState(h_{t−1}), then {@link #step}.
     * Each step's temporaries live in a {@link Scope} of their own, closed as the step ends; its
     * h and c go on to the enclosing scope.
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
            try (Scope step = Scope.open()) {
                step.adopt(c); // the cell state this step replaces (the outputs h are all kept)
                NDArray pre = inputs.get(t).add(stateToState.apply(h)); // (N, 4h, ...)
                NDArray[] hc = step(pre, c, hidden, gateAxis);
                h = step.keep(hc[0]);
                c = step.keep(hc[1]);
            }
            out.add(h);
        }
        return NDArrays.concat(out, axis); // steps × (N, h, ...) -> along axis
    }

    /**
     * @param pre (N, 4h, ...) pre-activations: input-to-state plus state-to-state
     * @param cPrev (N, h, ...) previous cell state
     * @return {h, c}, each (N, h, ...)
     */
    static NDArray[] step(NDArray pre, NDArray cPrev, int h) {
        return step(pre, cPrev, h, 1);
    }

    /** {@link #step} with the gate blocks along {@code axis}. */
    static NDArray[] step(NDArray pre, NDArray cPrev, int h, int axis) {
        NDArray sig = Slices.narrow(pre, axis, 0, 3L * h).getNDArrayInternal().sigmoid(); // 3h maps
        NDArray g = Slices.narrow(pre, axis, 3L * h, 4L * h).tanh(); // h maps
        NDArray o = Slices.narrow(sig, axis, 0, h);
        NDArray f = Slices.narrow(sig, axis, h, 2L * h);
        NDArray i = Slices.narrow(sig, axis, 2L * h, 3L * h);
        NDArray c = f.mul(cPrev).add(i.mul(g));
        return new NDArray[] {o.mul(c.tanh()), c};
    }
}
