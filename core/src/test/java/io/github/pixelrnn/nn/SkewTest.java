package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SkewTest {

    @Test
    void skewShiftsRowRByRColumns() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(1, 1, 3, 3));
            float[] expected = {
                1, 2, 3, 0, 0,
                0, 4, 5, 6, 0,
                0, 0, 7, 8, 9,
            };
            assertArrayEquals(expected, Skew.skew(x).toFloatArray(), 0f);
        }
    }

    @Test
    void skewOfANonSquareMap() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
            assertArrayEquals(new float[] {1, 2, 3, 0, 0, 4, 5, 6}, Skew.skew(x).toFloatArray(), 0f);
        }
    }

    @Test
    void unskewInvertsSkew() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 5, 7));
            NDArray back = Skew.unskew(Skew.skew(x), 7);
            assertArrayEquals(new long[] {2, 3, 5, 7}, back.getShape().getShape());
            assertArrayEquals(x.toFloatArray(), back.toFloatArray(), 0f);
        }
    }

    /** The channels-last skew is the channels-first one with the maps moved last, and it round-trips. */
    @Test
    void channelsLastSkewMatchesAndRoundTrips() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (long[] size : new long[][] {{3, 3}, {2, 5}, {5, 2}}) {
                NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, size[0], size[1])); // (N, D, H, W)
                NDArray last = x.transpose(0, 2, 3, 1); // (N, H, W, D)
                NDArray skewed = Skew.skewLast(last);
                assertArrayEquals(Skew.skew(x).transpose(0, 2, 3, 1).toFloatArray(), skewed.toFloatArray(), 0f);
                assertArrayEquals(last.toFloatArray(), Skew.unskewLast(skewed, size[1]).toFloatArray(), 0f);
            }
        }
    }
}
