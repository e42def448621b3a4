package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Causality, normalisation and the receptive field of the Diagonal BiLSTM (paper, Section 3.2). */
class DiagonalBiLstmTest {

    static ModelConfig diag(int channels, int size, int levels, int hidden, int layers) {
        // 24 output maps so that no colour's output ReLUs are all dead in a tiny random model
        return ModelConfig.builder(Architecture.DIAGONAL_BILSTM, channels, size, size, levels).hidden(hidden).layers(layers).outMaps(24).build();
    }

    @Test
    void binaryDiagonalBiLstmIsCausalAtSeveralDepths() {
        for (int layers : new int[] {1, 3}) {
            try (PixelModel m = PixelModel.create(diag(1, 7, 2, 4, layers), layers)) {
                assertTrue(ModelChecks.assertCausal(m, 12, 7) > 0);
            }
        }
    }

    @Test
    void rgbDiagonalBiLstmIsCausalAcrossColourGroups() {
        try (PixelModel m = PixelModel.create(diag(3, 5, 256, 9, 2), 2)) {
            ModelChecks.assertCausal(m, 16, 8);
        }
        try (PixelModel m = PixelModel.create(diag(3, 5, 256, 9, 2).toBuilder().connections(false, false).build(), 3)) {
            ModelChecks.assertCausal(m, 10, 9);
        }
    }

    @Test
    void probabilitiesSumToOne() {
        try (PixelModel m = PixelModel.create(diag(1, 2, 2, 4, 2), 5)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
        ModelConfig grey = ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 1, 1, 2, 256).hidden(4).layers(1).outMaps(8).build();
        try (PixelModel m = PixelModel.create(grey, 6)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
    }

    /**
     * After one layer, pixel (y, x) depends on every earlier pixel — including the far right of
     * the row above, which the Row LSTM and PixelCNN cannot see — and on nothing else, with one
     * exception that follows from the architecture of Table 1: the last pixel of the row above,
     * (y−1, W−1), reaches the network only through first-layer (mask A, k×k) features that come
     * after it, i.e. in row y at columns ≥ W−1−k/2. For x below that, it is the one earlier
     * pixel not seen. (The paper calls the Diagonal BiLSTM's field complete; that holds for the
     * layer itself, not for the k×k mask-A layer feeding it.)
     */
    @Test
    void oneLayerSeesTheWholePastButTheLastPixelOfTheRowAbove() {
        int h = 9;
        int w = 11;
        int k = 3;
        ModelConfig c = ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 1, h, w, 2).hidden(4).layers(1).outMaps(24).firstKernel(k).build();
        try (PixelModel m = PixelModel.create(c, 12)) {
            int y = 6;
            for (int x : new int[] {3, w - 1 - k / 2}) {
                boolean[] seen = ModelChecks.dependsOn(m, 0, y, x, 5);
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) {
                        boolean past = row < y || (row == y && col < x);
                        boolean blind = row == y - 1 && col == w - 1 && x < w - 1 - k / 2;
                        assertEquals(past && !blind, seen[row * w + col],
                                "pixel (" + row + ", " + col + ") for output (" + y + ", " + x + ")");
                    }
                }
            }
        }
    }
}
