package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PixelCnnTest {

    static ModelConfig tiny(int channels, int size, int levels, int hidden, int layers) {
        return ModelConfig.builder(Architecture.PIXELCNN, channels, size, size, levels).hidden(hidden).layers(layers).outMaps(8).build();
    }

    @Test
    void binaryModelIsCausal() {
        try (PixelModel m = PixelModel.create(tiny(1, 8, 2, 4, 3), 1)) {
            assertTrue(ModelChecks.assertCausal(m, 12, 7) > 0);
        }
    }

    @Test
    void rgbSoftmaxModelIsCausalAcrossColourGroups() {
        try (PixelModel m = PixelModel.create(tiny(3, 5, 256, 6, 2), 2)) {
            assertTrue(ModelChecks.assertCausal(m, 16, 8) > 0);
        }
    }

    @Test
    void withoutResidualOrSkipStillCausal() {
        ModelConfig c = tiny(3, 5, 256, 6, 2).toBuilder().connections(false, false).build();
        try (PixelModel m = PixelModel.create(c, 3)) {
            ModelChecks.assertCausal(m, 10, 9);
        }
    }

    @Test
    void greenSeesRedOfSamePixelButRedDoesNotSeeGreen() {
        try (PixelModel m = PixelModel.create(tiny(3, 4, 256, 6, 1), 4)) {
            int hw = 16;
            int centre = 1 * 4 + 2; // pixel (y=1, x=2)
            boolean[] green = ModelChecks.dependsOn(m, 1, 1, 2, 5);
            assertTrue(green[0 * hw + centre], "G must see R of its own pixel");
            assertFalse(green[1 * hw + centre], "G must not see itself");
            boolean[] blue = ModelChecks.dependsOn(m, 2, 1, 2, 5);
            assertTrue(blue[0 * hw + centre] && blue[1 * hw + centre], "B must see R and G");
            boolean[] red = ModelChecks.dependsOn(m, 0, 1, 2, 5);
            assertFalse(red[0 * hw + centre] || red[1 * hw + centre] || red[2 * hw + centre],
                    "R must see nothing of its own pixel");
        }
    }

    @Test
    void binaryProbabilitiesOfAll2x2ImagesSumToOne() {
        try (PixelModel m = PixelModel.create(tiny(1, 2, 2, 4, 2), 5)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
    }

    @Test
    void eightBitProbabilitiesOfAll1x2ImagesSumToOne() {
        ModelConfig c = ModelConfig.builder(Architecture.PIXELCNN, 1, 1, 2, 256).hidden(4).layers(1).outMaps(8).build();
        try (PixelModel m = PixelModel.create(c, 6)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
    }
}
