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
}
