package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import org.junit.jupiter.api.Test;

/** The masks drawn by hand (PixelRNN paper, Figure 2 and Section 3.4), and a hand-computed conv. */
class MasksTest {

    @Test
    void oneChannelMaskA() {
        float[] m = Masks.full(MaskType.A, 1, 1, 5, 5, 1);
        assertEquals("""
                1 1 1 1 1
                1 1 1 1 1
                1 1 0 0 0
                0 0 0 0 0
                0 0 0 0 0
                """, Masks.draw(m, 1, 1, 5, 5, 0, 0));
    }

    @Test
    void oneChannelMaskB() {
        float[] m = Masks.full(MaskType.B, 1, 1, 3, 3, 1);
        assertEquals("""
                1 1 1
                1 1 0
                0 0 0
                """, Masks.draw(m, 1, 1, 3, 3, 0, 0));
    }

    /** Output channel o (row) against input channel i (column) of an RGB 3→3 kernel. */
    private static String centreTable(MaskType type) {
        float[] m = Masks.full(type, 3, 3, 3, 3, 3);
        StringBuilder sb = new StringBuilder();
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 3; i++) {
                sb.append(m[((o * 3 + i) * 3 + 1) * 3 + 1] != 0 ? '1' : '0');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void rgbCentreTapsFollowColourGroups() {
        assertEquals("""
                000
                100
                110
                """, centreTable(MaskType.A));
        assertEquals("""
                100
                110
                111
                """, centreTable(MaskType.B));
    }

    @Test
    void rgbOffCentreTapsIgnoreGroups() {
        float[] m = Masks.full(MaskType.A, 3, 3, 3, 3, 3);
        // R output from B input (the "latest" group): all of the past, none of the centre.
        assertEquals("""
                1 1 1
                1 0 0
                0 0 0
                """, Masks.draw(m, 3, 3, 3, 3, 0, 2));
        // B output from R input at mask A: the centre is visible.
        assertEquals("""
                1 1 1
                1 1 0
                0 0 0
                """, Masks.draw(m, 3, 3, 3, 3, 2, 0));
    }

    @Test
    void groupsOfWideLayersAreContiguousThirds() {
        // 8 feature maps: R = 0-2, G = 3-5, B = 6-7.
        int[] expected = {0, 0, 0, 1, 1, 1, 2, 2};
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], Masks.group(i, 8, 3));
        }
        float[] m = Masks.full(MaskType.B, 8, 3, 1, 1, 3);
        // Feature map 4 (G) sees inputs R and G, not B.
        assertArrayEquals(new float[] {1, 1, 0}, new float[] {m[4 * 3], m[4 * 3 + 1], m[4 * 3 + 2]});
    }

    @Test
    void maskedConvolutionOfOnesCountsVisibleTaps() {
        for (MaskType type : MaskType.values()) {
            MaskedConv2d conv = new MaskedConv2d(type, 1, 1, 3, 3, 1, true);
            conv.setInitializer(new ConstantInitializer(1f), Parameter.Type.WEIGHT);
            conv.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
            try (NDManager m = NDManager.newBaseManager()) {
                conv.initialize(m, DataType.FLOAT32, new Shape(1, 1, 3, 3));
                NDArray ones = m.ones(new Shape(1, 1, 3, 3));
                float[] y = conv.apply(new ParameterStore(m, false), ones, false).toFloatArray();
                // Visible taps inside the image (zero padding outside), mask B:
                //   row 0: centre (+ left)          1 2 2
                //   rows 1-2: 3 above (clipped) + left + centre
                float[] b = {1, 2, 2, 3, 5, 4, 3, 5, 4};
                float[] expected = b.clone();
                if (type == MaskType.V) {
                    // the whole centre row and the row above: 2 3 2 / 4 6 4 / 4 6 4
                    expected = new float[] {2, 3, 2, 4, 6, 4, 4, 6, 4};
                } else if (type == MaskType.A) {
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] -= 1; // no centre tap
                    }
                }
                assertArrayEquals(expected, y, 1e-6f, "mask " + type);
            }
        }
    }
}
