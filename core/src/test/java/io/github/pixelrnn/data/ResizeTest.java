package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResizeTest {
    @Test
    void sameSizeIsIdentity() {
        double[] src = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(src, Resize.plane(src, 2, 3, 2, 3));
    }

    @Test
    void nonIntegerShrinkKeepsTheMean() {
        double[] src = new double[7 * 5];
        double sum = 0;
        for (int i = 0; i < src.length; i++) {
            src[i] = (i * 37) % 11;
            sum += src[i];
        }
        double[] out = Resize.plane(src, 7, 5, 3, 2);
        double outSum = 0;
        for (double v : out) {
            outSum += v;
        }
        assertEquals(sum / src.length, outSum / out.length, 1e-9);
    }

    @Test
    void growingAConstantKeepsIt() {
        double[] out = Resize.plane(new double[] {9, 9, 9, 9}, 2, 2, 5, 3);
        for (double v : out) {
            assertEquals(9, v, 1e-12);
        }
    }
}
