package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.util.Rng;
import org.junit.jupiter.api.Test;

/** The zero-insertion transposed convolution equals the scatter definition of ConvTranspose2d. */
class TransposedConv2dTest {

    @Test
    void matchesTheScatterDefinition() {
        check(2, 3, 4, 2, 1, 3, 4); // the upsampler for factor 2: kernel 4, padding 1
        check(1, 2, 5, 3, 1, 2, 3); // factor 3: kernel 5, padding 1
        check(2, 2, 2, 2, 0, 3, 2); // non-overlapping
    }

    private static void check(int in, int out, int k, int stride, int pad, int h, int w) {
        TransposedConv2d layer = new TransposedConv2d(in, out, k, stride, pad);
        try (NDManager m = NDManager.newBaseManager()) {
            layer.initialize(m, DataType.FLOAT32, new Shape(1, in, h, w));
            Rng rng = new Rng(k * 31L + stride);
            float[] x = new float[in * h * w];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextDouble() - 0.5f;
            }
            NDArray y = layer.apply(new ParameterStore(m, false), m.create(x, new Shape(1, in, h, w)), false);
            long oh = (h - 1L) * stride + k - 2L * pad;
            long ow = (w - 1L) * stride + k - 2L * pad;
            assertEquals(new Shape(1, out, oh, ow), y.getShape());
            float[] got = y.toFloatArray();
            float[] wt = layer.getParameters().get("weight").getArray().toFloatArray(); // (out, in, k, k)
            float[] b = layer.getParameters().get("bias").getArray().toFloatArray();
            double[] want = new double[(int) (out * oh * ow)];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < (int) (oh * ow); i++) {
                    want[(int) (o * oh * ow) + i] = b[o];
                }
                // Scatter: input (i, yy, xx) adds kernel tap (a, c) at output (s·yy + a − p, s·xx + c − p);
                // the layer's kernel is ConvTranspose2d's flipped in both axes.
                for (int c = 0; c < in; c++) {
                    for (int yy = 0; yy < h; yy++) {
                        for (int xx = 0; xx < w; xx++) {
                            for (int a = 0; a < k; a++) {
                                for (int cc = 0; cc < k; cc++) {
                                    int oy = stride * yy + a - pad;
                                    int ox = stride * xx + cc - pad;
                                    if (oy < 0 || ox < 0 || oy >= oh || ox >= ow) {
                                        continue;
                                    }
                                    float tap = wt[((o * in + c) * k + (k - 1 - a)) * k + (k - 1 - cc)];
                                    want[(int) ((o * oh + oy) * ow + ox)] += x[(c * h + yy) * w + xx] * tap;
                                }
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-5, "output " + i + " of k=" + k + " stride=" + stride);
            }
        }
    }
}
