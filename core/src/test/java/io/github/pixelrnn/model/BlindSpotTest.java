package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The receptive field of one output, by gradients: which earlier pixels the distribution of
 * pixel (y, x) depends on, for a PixelCNN and a Gated PixelCNN of the same depth (a 7×7 first
 * layer and five 3×3 layers after it) on a 12×12 image (van den Oord et al. 2016b, Section 2.2 and
 * Figure 1).
 */
class BlindSpotTest {
    private static final int SIZE = 12;
    private static final int Y = 6;
    private static final int X = 4;

    private static boolean[] field(Architecture a) {
        ModelConfig c = ModelConfig.builder(a, 1, SIZE, SIZE, 2).hidden(4).layers(6).outMaps(8).build();
        try (PixelModel m = PixelModel.create(c, 7)) {
            return ModelChecks.dependsOnAny(m, 0, Y, X, 3);
        }
    }

    /** The field drawn as rows of '#' (seen), '.' (earlier, not seen) and ' ' (not earlier), for messages. */
    private static String draw(boolean[] seen) {
        StringBuilder sb = new StringBuilder("\n");
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean earlier = y < Y || (y == Y && x < X);
                sb.append(seen[y * SIZE + x] ? '#' : earlier ? '.' : ' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * A 7×7 mask-A layer reaches 3 columns right in the row above; every 3×3 mask-B layer can only
     * move one column right by also moving one row up. So however deep the stack, (y, x) never
     * sees (y−1, x+4) and beyond, although they precede it: the wedge above and to the right.
     */
    @Test
    void pixelCnnMissesTheWedgeAboveRight() {
        boolean[] seen = field(Architecture.PIXELCNN);
        String map = draw(seen);
        assertTrue(seen[(Y - 1) * SIZE + X + 3], "(y-1, x+3) is inside the 7x7 first layer" + map);
        for (int j = X + 4; j < SIZE; j++) {
            assertFalse(seen[(Y - 1) * SIZE + j], "(y-1, " + j + ") should be in the blind spot" + map);
        }
        assertTrue(seen[(Y - 2) * SIZE + X + 4], "two rows up the field reaches one column further" + map);
        assertFalse(seen[(Y - 2) * SIZE + X + 5], map);
        assertTrue(seen[Y * SIZE + X - 1] && seen[(Y - 1) * SIZE], "left and above-left are seen" + map);
    }

    /**
     * The vertical stack sees whole rows above (its kernels are n wide around the column), the
     * horizontal stack the current row to the left: six layers reach every pixel before (6, 4) on
     * a 12×12 image, and nothing after it.
     */
    @Test
    void gatedPixelCnnSeesEveryEarlierPixel() {
        boolean[] seen = field(Architecture.GATED_PIXELCNN);
        String map = draw(seen);
        int missed = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean earlier = y < Y || (y == Y && x < X);
                if (earlier && !seen[y * SIZE + x]) {
                    missed++;
                }
                if (!earlier) {
                    assertFalse(seen[y * SIZE + x], "(" + y + ", " + x + ") is not before (6, 4)" + map);
                }
            }
        }
        assertEquals(0, missed, "earlier pixels the Gated PixelCNN does not see" + map);
    }
}
