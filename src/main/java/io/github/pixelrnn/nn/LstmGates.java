package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;

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
     * @param pre (N, 4h, ...) pre-activations: input-to-state plus state-to-state
     * @param cPrev (N, h, ...) previous cell state
     * @return {h, c}, each (N, h, ...)
     */
    static NDArray[] step(NDArray pre, NDArray cPrev, int h) {
        NDArray ofi = Slices.narrow(pre, 1, 0, 3L * h); // (N, 3h, ...)
        NDArray sig = ofi.getNDArrayInternal().sigmoid();
        ofi.close();
        NDArray gPre = Slices.narrow(pre, 1, 3L * h, 4L * h); // (N, h, ...)
        NDArray g = gPre.tanh();
        gPre.close();
        NDArray o = Slices.narrow(sig, 1, 0, h);
        NDArray f = Slices.narrow(sig, 1, h, 2L * h);
        NDArray i = Slices.narrow(sig, 1, 2L * h, 3L * h);
        NDArray fc = f.mul(cPrev);
        NDArray ig = i.mul(g);
        NDArray c = fc.add(ig);
        NDArray tc = c.tanh();
        NDArray hNew = o.mul(tc);
        for (NDArray t : new NDArray[] {sig, g, o, f, i, fc, ig, tc}) {
            t.close();
        }
        return new NDArray[] {hNew, c};
    }
}
