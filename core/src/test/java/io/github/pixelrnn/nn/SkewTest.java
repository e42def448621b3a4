package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The skew of the Diagonal BiLSTM on channels-last maps, against a per-element reference: row r of
 * an (H, W) map shifted right by r into H + W − 1 columns, zero elsewhere.
 */
class SkewTest {

    /** The reference: out[n, r, r + j, d] = x[n, r, j, d]. */
    private static float[] skewed(float[] x, int n, int h, int w, int d) {
        int cols = w + h - 1;
        float[] out = new float[n * h * cols * d];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < h; r++) {
                for (int j = 0; j < w; j++) {
                    for (int k = 0; k < d; k++) {
                        out[((i * h + r) * cols + r + j) * d + k] = x[((i * h + r) * w + j) * d + k];
                    }
                }
            }
        }
        return out;
    }

    @Test
    void skewShiftsRowRByRColumns() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(1, 3, 3, 1));
            float[] expected = {
                1, 2, 3, 0, 0,
                0, 4, 5, 6, 0,
                0, 0, 7, 8, 9,
            };
            assertArrayEquals(expected, Skew.skewLast(x).toFloatArray(), 0f);
        }
    }

    @Test
    void skewOfANonSquareMap() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 2, 3, 1));
            assertArrayEquals(new float[] {1, 2, 3, 0, 0, 4, 5, 6}, Skew.skewLast(x).toFloatArray(), 0f);
        }
    }

    /** Several images and maps, square and not: the reference, and back. */
    @Test
    void skewMatchesTheReferenceAndRoundTrips() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] size : new int[][] {{3, 3}, {2, 5}, {5, 2}}) {
                int h = size[0];
                int w = size[1];
                NDArray x = m.randomUniform(-1, 1, new Shape(2, h, w, 3)); // (N, H, W, D)
                NDArray skewed = Skew.skewLast(x);
                assertArrayEquals(new long[] {2, h, w + h - 1, 3}, skewed.getShape().getShape());
                assertArrayEquals(skewed(x.toFloatArray(), 2, h, w, 3), skewed.toFloatArray(), 0f);
                assertArrayEquals(x.toFloatArray(), Skew.unskewLast(skewed, w).toFloatArray(), 0f);
            }
        }
    }
}
