package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * What the Diagonal BiLSTM's step relies on about the skew's padding (see {@link DiagonalLstm}):
 * the full pass's states at the positions the skew pads on the left are exactly zero, so a row
 * may start from zero states; those on the right are not zero, but no real position reads them;
 * and the layer's step gives the full pass's output at every position.
 */
class DiagonalStepTest {
    private static final int N = 2;
    private static final int IN = 6;
    private static final int HIDDEN = 3;

    @Test
    void leftPaddingStatesAreExactlyZeroAndTheRightOnesAreNeverRead() {
        for (int[] size : new int[][] {{4, 4}, {3, 6}, {6, 3}}) {
            int h = size[0];
            int w = size[1];
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(h * 10 + w);
                DiagonalLstm lstm = new DiagonalLstm(IN, HIDDEN, 1);
                lstm.initialize(m, DataType.FLOAT32, new Shape(N, IN, h, w));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = m.randomUniform(-1, 1, new Shape(N, IN, h, w));
                NDArray bias = m.randomUniform(-1, 1, new Shape(N, 4 * HIDDEN, h, w));
                for (NDArray b : new NDArray[] {null, bias}) {
                    float[] s = skewedStates(lstm, ps, x, b); // (N, h, H, W+H−1)
                    int cols = w + h - 1;
                    boolean rightNonZero = false;
                    for (int i = 0; i < N * HIDDEN; i++) {
                        for (int r = 0; r < h; r++) {
                            for (int c = 0; c < cols; c++) {
                                float v = s[(i * h + r) * cols + c];
                                if (c < r) {
                                    assertEquals(0f, v, 0f, "left padding (" + r + ", " + c + ") of " + h + "x" + w);
                                } else if (c >= r + w) {
                                    rightNonZero |= v != 0f;
                                }
                            }
                        }
                    }
                    assertTrue(rightNonZero || h == 1, "the right padding carries states: the step must not read them");
                }
            }
        }
    }

    @Test
    void theLayersStepGivesItsFullPass() {
        int h = 5;
        int w = 4;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            DiagonalBiLstm layer = new DiagonalBiLstm(IN, HIDDEN, 3);
            layer.initialize(m, DataType.FLOAT32, new Shape(N, IN, h, w));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, new Shape(N, IN, h, w));
            NDArray condition = m.randomUniform(-1, 1, new Shape(N, 8 * HIDDEN, h, w));
            float[] full = layer.apply(ps, x, condition, false).toFloatArray(); // (N, h, H, W)
            float[] xs = x.toFloatArray();
            float[] cs = condition.toFloatArray();
            try (NDManager decoder = m.newSubManager()) {
                Step step = layer.step(ps, decoder, N, w);
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        try (NDManager scope = decoder.newSubManager()) {
                            NDArray in = scope.create(column(xs, IN, h, w, r, c), new Shape(N, IN));
                            NDArray cond = scope.create(column(cs, 8 * HIDDEN, h, w, r, c), new Shape(N, 8 * HIDDEN));
                            float[] got = step.step(in, cond, new Step.Cursor(r, c, 0)).toFloatArray(); // (N, h)
                            float[] want = column(full, HIDDEN, h, w, r, c);
                            for (int k = 0; k < got.length; k++) {
                                assertEquals(want[k], got[k], 1e-5, "(" + r + ", " + c + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The hidden states of every column of one direction's skewed map, padding included, as its
     * scan computes them: (N, h, H, W+H−1).
     */
    private static float[] skewedStates(DiagonalLstm lstm, ParameterStore ps, NDArray x, NDArray bias) {
        NDArray is = lstm.inputToState(ps, x, bias, false); // (N, H, W, 4h)
        NDArray kernels = lstm.kernel(ps, x.getDevice(), false).expandDims(0); // (1, 2h, 4h)
        NDArray columns = DiagonalLstm.scan(is, kernels, HIDDEN); // (W+H−1, N, H, h)
        return columns.transpose(1, 3, 2, 0).toFloatArray(); // (N, h, H, W+H−1)
    }

    /** The (N, maps) column at (r, c) of an (N, maps, H, W) array. */
    private static float[] column(float[] a, int maps, int h, int w, int r, int c) {
        float[] out = new float[N * maps];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < maps; k++) {
                out[i * maps + k] = a[((i * maps + k) * h + r) * w + c];
            }
        }
        return out;
    }
}
