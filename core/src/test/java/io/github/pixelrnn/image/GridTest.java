package io.github.pixelrnn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GridTest {
    @Test
    void rowsOfOriginalOccludedAndCompletions() {
        float[] original = {0, 255, 255, 0};
        boolean[] unknown = {false, false, true, true};
        Grid g = new Grid(1, 2, 2, 256).scale(1).pad(1);
        g.add(original, 0).add(original, 0, unknown).add(original, 0).add(original, 0).newRow();
        g.add(original, 0).addBlank().addHeat(new double[] {0, 0, 0, 1}, 0, 1).newRow();
        assertEquals(7, g.size());
        BufferedImage img = g.render();
        assertEquals(4 * 2 + 5, img.getWidth());
        assertEquals(2 * 2 + 3, img.getHeight());
        // occluded tile: top row shown, bottom row in the unknown colour
        assertEquals(0xFFFFFF, img.getRGB(4 + 1, 1) & 0xFFFFFF);
        assertEquals(Grid.DEFAULT_UNKNOWN_COLOR, img.getRGB(4, 2) & 0xFFFFFF);
        assertEquals(Grid.DEFAULT_UNKNOWN_COLOR, img.getRGB(4 + 1, 2) & 0xFFFFFF);
        // row 1: blank tile is padding colour, heat tile has white at its maximum
        assertEquals(Grid.DEFAULT_PAD_COLOR, img.getRGB(4, 4) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(7 + 1, 4 + 1) & 0xFFFFFF);
        assertEquals(0x000000, img.getRGB(7, 4) & 0xFFFFFF);
    }

    @Test
    void customColours() {
        Grid g = new Grid(1, 1, 1, 2).pad(1).padColor(0x123456).unknownColor(0x808080);
        g.add(new float[] {1}, 0, new boolean[] {true});
        BufferedImage img = g.render();
        assertEquals(0x123456, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x808080, img.getRGB(1, 1) & 0xFFFFFF);
    }
}
