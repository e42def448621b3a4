package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Causality, normalisation and the receptive field of the Row LSTM (paper, Section 3.1). */
class RowLstmTest {

    static ModelConfig rowLstm(int channels, int size, int levels, int hidden, int layers) {
        // 24 output maps: with fewer, a tiny random RGB model can leave all of one colour's
        // output ReLUs dead at a pixel, and that colour then depends on nothing at all.
        return ModelConfig.builder(Architecture.ROW_LSTM, channels, size, size, levels).hidden(hidden).layers(layers).outMaps(24).build();
    }

    @Test
    void binaryRowLstmIsCausalAtSeveralDepths() {
        for (int layers : new int[] {1, 3}) {
            try (PixelModel m = PixelModel.create(rowLstm(1, 7, 2, 4, layers), layers)) {
                assertTrue(ModelChecks.assertCausal(m, 12, 7) > 0);
            }
        }
    }

    @Test
    void rgbRowLstmIsCausalAcrossColourGroups() {
        try (PixelModel m = PixelModel.create(rowLstm(3, 5, 256, 9, 2), 2)) {
            ModelChecks.assertCausal(m, 16, 8);
        }
        ModelConfig plain = rowLstm(3, 5, 256, 9, 2).toBuilder().connections(false, false).build();
        try (PixelModel m = PixelModel.create(plain, 3)) {
            ModelChecks.assertCausal(m, 10, 9);
        }
    }

    @Test
    void probabilitiesSumToOne() {
        try (PixelModel m = PixelModel.create(rowLstm(1, 2, 2, 4, 2), 5)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
        ModelConfig grey = ModelConfig.builder(Architecture.ROW_LSTM, 1, 1, 2, 256).hidden(4).layers(1).outMaps(8).build();
        try (PixelModel m = PixelModel.create(grey, 6)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
    }

    /**
     * One Row LSTM layer after the 7×7 mask-A layer, for pixel (y, x):
     * <ul>
     *   <li>the current row: exactly columns x−4 .. x−1 (mask A reaches 3 to the left, the
     *       1×3 mask-B input-to-state kernel one more);</li>
     *   <li>the row above: up to column x+3 (the 7×7 kernel) and not beyond, although those
     *       pixels precede (y, x): the far right of the row above is outside the triangle;</li>
     *   <li>further up the triangle widens by one column per row (the 1×3 state-to-state
     *       kernel), so three rows up column x+5 is seen;</li>
     *   <li>nothing below.</li>
     * </ul>
     */
    @Test
    void receptiveFieldIsATriangleAbove() {
        int w = 16;
        ModelConfig c = ModelConfig.builder(Architecture.ROW_LSTM, 1, 12, w, 2).hidden(4).layers(1).outMaps(24).build();
        try (PixelModel m = PixelModel.create(c, 11)) {
            int y = 8;
            int x = 5;
            boolean[] seen = ModelChecks.dependsOn(m, 0, y, x, 4);
            for (int col = 0; col < w; col++) {
                assertEquals(col >= x - 4 && col < x, seen[y * w + col], "current row, column " + col);
                assertEquals(col <= x + 3, seen[(y - 1) * w + col] || col < x - 3, "row above, column " + col);
                for (int row = y + 1; row < 12; row++) {
                    assertTrue(!seen[row * w + col], "row " + row + " is below");
                }
            }
            assertTrue(seen[(y - 3) * w + x + 5], "3 rows up the triangle has widened to x+5");
        }
    }
}
