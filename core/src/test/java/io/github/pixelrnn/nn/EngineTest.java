package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine's results that the layers rest on, against double-precision loops: the convolution
 * ({@link Convolutions}: output, input, weight and bias gradients) for output-channel counts that
 * are and are not multiples of 16, in both memory layouts, and the LSTM and GRU of
 * {@link RecurrentLayer} for state sizes where libtorch's own RNN was seen wrong. Both engine
 * faults were found on an AMD EPYC with AVX-512 and are invisible on machines without them, so
 * these tests pin the workarounds everywhere.
 */
class EngineTest {
    private static final int N = 2;
    private static final int H = 4;
    private static final int W = 5;

    @Test
    void convolutionMatchesTheDefinition() {
        Engine.getInstance();
        int[][] kernels = {{1, 3}, {2, 3}, {3, 3}, {1, 1}};
        for (int[] k : kernels) {
            for (int in : new int[] {1, 5}) {
                for (int out : new int[] {1, 3, 8, 16, 24}) {
                    for (boolean channelsLast : new boolean[] {false, true}) {
                        checkConvolution(in, out, k[0], k[1], channelsLast);
                    }
                }
            }
        }
    }

    /** Output row y of a kh×kw kernel reads rows y−kh+1..y (the masked layers' top padding), cut to H rows. */
    private static void checkConvolution(int in, int out, int kh, int kw, boolean channelsLast) {
        String what = in + "->" + out + " " + kh + "x" + kw + (channelsLast ? " channels-last" : "");
        Random r = new Random(in * 1000L + out * 10L + kh);
        float[] xv = random(r, N * in * H * W);
        float[] wv = random(r, out * in * kh * kw);
        float[] bv = random(r, out);
        float[] uv = random(r, N * out * H * W);
        int ph = kh - 1;
        int pw = kw / 2;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(xv, new Shape(N, in, H, W));
            NDArray input = channelsLast ? m.create(toChannelsLast(xv, in), new Shape(N, H, W, in)) : x;
            NDArray w = m.create(wv, new Shape(out, in, kh, kw));
            NDArray b = m.create(bv, new Shape(out));
            NDArray up = m.create(uv, new Shape(N, out, H, W));
            for (NDArray a : new NDArray[] {input, w, b}) {
                a.setRequiresGradient(true);
            }
            float[] y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray view = channelsLast ? input.transpose(0, 3, 1, 2) : input; // (N, in, H, W)
                NDArray full = Convolutions.conv2d(view, w, b, ph, pw); // (N, out, H + ph, W)
                NDArray cut = Slices.narrow(full, 2, 0, H); // (N, out, H, W)
                y = cut.transpose(0, 2, 3, 1).toFloatArray(); // (N, H, W, out): toFloatArray copies in order
                gc.backward(cut.mul(up).sum());
            }
            float[] gx = input.getGradient().toFloatArray();
            float[] gw = w.getGradient().toFloatArray();
            float[] gb = b.getGradient().toFloatArray();
            for (int n = 0; n < N; n++) {
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < H; i++) {
                        for (int j = 0; j < W; j++) {
                            double s = bv[o];
                            for (int c = 0; c < in; c++) {
                                for (int a = 0; a < kh; a++) {
                                    for (int d = 0; d < kw; d++) {
                                        int p = i + a - ph;
                                        int q = j + d - pw;
                                        if (p >= 0 && q >= 0 && q < W) {
                                            s += wv[((o * in + c) * kh + a) * kw + d] * (double) xv[((n * in + c) * H + p) * W + q];
                                        }
                                    }
                                }
                            }
                            assertClose(s, y[((n * H + i) * W + j) * out + o], what + " output");
                        }
                    }
                }
            }
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < in; c++) {
                    for (int p = 0; p < H; p++) {
                        for (int q = 0; q < W; q++) {
                            double s = 0;
                            for (int o = 0; o < out; o++) {
                                for (int a = 0; a < kh; a++) {
                                    for (int d = 0; d < kw; d++) {
                                        int i = p - a + ph;
                                        int j = q - d + pw;
                                        if (i < H && j >= 0 && j < W) {
                                            s += uv[((n * out + o) * H + i) * W + j] * (double) wv[((o * in + c) * kh + a) * kw + d];
                                        }
                                    }
                                }
                            }
                            int at = channelsLast ? ((n * H + p) * W + q) * in + c : ((n * in + c) * H + p) * W + q;
                            assertClose(s, gx[at], what + " input gradient");
                        }
                    }
                }
            }
            for (int o = 0; o < out; o++) {
                double sb = 0;
                for (int n = 0; n < N; n++) {
                    for (int i = 0; i < H; i++) {
                        for (int j = 0; j < W; j++) {
                            sb += uv[((n * out + o) * H + i) * W + j];
                        }
                    }
                }
                assertClose(sb, gb[o], what + " bias gradient");
                for (int c = 0; c < in; c++) {
                    for (int a = 0; a < kh; a++) {
                        for (int d = 0; d < kw; d++) {
                            double s = 0;
                            for (int n = 0; n < N; n++) {
                                for (int i = 0; i < H; i++) {
                                    for (int j = 0; j < W; j++) {
                                        int p = i + a - ph;
                                        int q = j + d - pw;
                                        if (p >= 0 && q >= 0 && q < W) {
                                            s += uv[((n * out + o) * H + i) * W + j] * (double) xv[((n * in + c) * H + p) * W + q];
                                        }
                                    }
                                }
                            }
                            assertClose(s, gw[((o * in + c) * kh + a) * kw + d], what + " weight gradient");
                        }
                    }
                }
            }
        }
    }

    @Test
    void recurrentLayersMatchTheirEquations() {
        Engine.getInstance();
        for (boolean gru : new boolean[] {false, true}) {
            for (int hidden : new int[] {1, 6, 16, 33}) {
                checkRecurrence(gru, hidden);
            }
        }
    }

    private static void checkRecurrence(boolean gru, int hidden) {
        int batch = 3;
        int steps = 4;
        int in = 5;
        int gates = gru ? 3 : 4;
        String what = (gru ? "GRU" : "LSTM") + " hidden " + hidden;
        try (NDManager m = NDManager.newBaseManager()) {
            RecurrentBlock block = gru
                    ? GRU.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).build()
                    : LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).build();
            block.setInitializer(new FanInUniform(hidden), p -> true);
            block.initialize(m, DataType.FLOAT32, new Shape(batch, steps, in));
            float[] wi = block.getParameters().get("l_0_i2h_WEIGHT").getArray().toFloatArray();
            float[] wh = block.getParameters().get("l_0_h2h_WEIGHT").getArray().toFloatArray();
            float[] bi = block.getParameters().get("l_0_i2h_BIAS").getArray().toFloatArray();
            float[] bh = block.getParameters().get("l_0_h2h_BIAS").getArray().toFloatArray();
            float[] xv = random(new Random(hidden), batch * steps * in);
            RecurrentLayer layer = new RecurrentLayer(block, 0, hidden, gru);
            ParameterStore ps = new ParameterStore(m, false);
            float[] whole = layer.apply(ps, m.create(xv, new Shape(batch, steps, in)), false).toFloatArray();
            float[][] stepped = new float[steps][];
            Step step = layer.step(ps, m, batch);
            for (int t = 0; t < steps; t++) {
                float[] xt = new float[batch * in];
                for (int n = 0; n < batch; n++) {
                    System.arraycopy(xv, (n * steps + t) * in, xt, n * in, in);
                }
                try (NDManager scope = m.newSubManager()) {
                    stepped[t] = step.step(scope.create(xt, new Shape(batch, in)), null, new Step.Cursor(t, 0, 0))
                            .toFloatArray();
                }
            }
            for (int n = 0; n < batch; n++) {
                double[] h = new double[hidden];
                double[] c = new double[hidden];
                for (int t = 0; t < steps; t++) {
                    double[] xg = new double[gates * hidden];
                    double[] hg = new double[gates * hidden];
                    for (int g = 0; g < gates * hidden; g++) {
                        xg[g] = bi[g];
                        hg[g] = bh[g];
                        for (int k = 0; k < in; k++) {
                            xg[g] += wi[g * in + k] * (double) xv[(n * steps + t) * in + k];
                        }
                        for (int k = 0; k < hidden; k++) {
                            hg[g] += wh[g * hidden + k] * h[k];
                        }
                    }
                    double[] next = new double[hidden];
                    for (int k = 0; k < hidden; k++) {
                        if (gru) {
                            double rGate = sigmoid(xg[k] + hg[k]);
                            double z = sigmoid(xg[hidden + k] + hg[hidden + k]);
                            double nGate = Math.tanh(xg[2 * hidden + k] + rGate * hg[2 * hidden + k]);
                            next[k] = (1 - z) * nGate + z * h[k];
                        } else {
                            double i = sigmoid(xg[k] + hg[k]);
                            double f = sigmoid(xg[hidden + k] + hg[hidden + k]);
                            double g = Math.tanh(xg[2 * hidden + k] + hg[2 * hidden + k]);
                            double o = sigmoid(xg[3 * hidden + k] + hg[3 * hidden + k]);
                            c[k] = f * c[k] + i * g;
                            next[k] = o * Math.tanh(c[k]);
                        }
                        assertClose(next[k], whole[(n * steps + t) * hidden + k], what + " sequence, step " + t);
                        assertClose(next[k], stepped[t][n * hidden + k], what + " step by step, step " + t);
                    }
                    h = next;
                }
            }
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** (N, C, H, W) values to (N, H, W, C) order. */
    private static float[] toChannelsLast(float[] v, int channels) {
        float[] out = new float[v.length];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < H * W; p++) {
                    out[(n * H * W + p) * channels + c] = v[(n * channels + c) * H * W + p];
                }
            }
        }
        return out;
    }

    private static void assertClose(double want, float got, String what) {
        assertEquals(want, got, 1e-4 * (1 + Math.abs(want)), what);
    }
}
