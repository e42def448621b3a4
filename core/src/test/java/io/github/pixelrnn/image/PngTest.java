package io.github.pixelrnn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
    @TempDir
    Path dir;

    @Test
    void gridOfGreyImages() throws IOException {
        // 5 binary images of 1x2x3; image i has pixel (1, 2) = 1, the rest 0 except image 4: all 1
        int size = 6;
        float[] v = new float[5 * size];
        for (int i = 0; i < 5; i++) {
            v[i * size + 5] = 1;
        }
        java.util.Arrays.fill(v, 4 * size, 5 * size, 1f);
        Path f = dir.resolve("sub/dir/grid.png");
        Png.writeGrid(f, v, 5, 1, 2, 3, 2, 3, 4, 2);
        BufferedImage img = ImageIO.read(f.toFile());
        // 3 columns of 3*4 px + 4 pads of 2; 2 rows of 2*4 px + 3 pads
        assertEquals(3 * 12 + 4 * 2, img.getWidth());
        assertEquals(2 * 8 + 3 * 2, img.getHeight());
        assertEquals(Grid.DEFAULT_PAD_COLOR, img.getRGB(0, 0) & 0xFFFFFF);
        // tile 0, pixel (0, 0): black; pixel (1, 2): white, all 4x4 of it
        assertEquals(0x000000, img.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(2 + 2 * 4, 2 + 1 * 4) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(2 + 2 * 4 + 3, 2 + 1 * 4 + 3) & 0xFFFFFF);
        // tile 4 is row 1, column 1: all white; row 1 column 2 is empty: padding colour
        assertEquals(0xFFFFFF, img.getRGB(2 + 14, 2 + 10) & 0xFFFFFF);
        assertEquals(Grid.DEFAULT_PAD_COLOR, img.getRGB(2 + 28 + 1, 2 + 10 + 1) & 0xFFFFFF);
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void gridOfRgbEightBitImages() throws IOException {
        float[] v = new float[3 * 2 * 2];
        v[0] = 255; // R of (0, 0)
        v[4 + 1] = 128; // G of (0, 1)
        v[8 + 3] = 51; // B of (1, 1)
        Path f = dir.resolve("rgb.png");
        Png.writeGrid(f, v, 1, 3, 2, 2, 256, 8, 1, 0);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(2, img.getWidth());
        assertEquals(0xFF0000, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x008000, img.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x000033, img.getRGB(1, 1) & 0xFFFFFF);
    }

    @Test
    void heatMapIsNormalisedToItsMaximum() throws IOException {
        double[] v = {0, 1, 2, 4};
        Path f = dir.resolve("heat.png");
        assertEquals(4.0, Png.writeHeatMap(f, v, 2, 2, 3));
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(6, img.getWidth());
        assertEquals(0x000000, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(5, 5) & 0xFFFFFF);
        assertEquals(HeatColors.rgb(0.5), img.getRGB(0, 3) & 0xFFFFFF);
        assertEquals(0xFF0000, HeatColors.rgb(1.0 / 3));
        assertEquals(0xFFFF00, HeatColors.rgb(2.0 / 3));
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path f = dir.resolve("x.png");
        Files.writeString(f, "old");
        Png.writeGrid(f, new float[4], 1, 1, 2, 2, 2, 1, 1, 0);
        assertEquals(2, ImageIO.read(f.toFile()).getWidth());
    }

    @Test
    void unwritableDirectoryIsAUserError() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        Path f = notADir.resolve("out.png");
        UserError e = assertThrows(UserError.class,
                () -> Png.writeGrid(f, new float[4], 1, 1, 2, 2, 2, 1, 1, 0));
        assertTrue(e.getMessage().startsWith("cannot write " + f + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
}
