package io.github.pixelrnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** L(x): the PNGs written for it decode to the image, and busier images cost more bits. */
class ComplexityTest {

    private static ImageSet images(int channels, int levels, double density, long seed) {
        int h = 12;
        int w = 13;
        byte[] px = new byte[2 * channels * h * w];
        Random r = new Random(seed);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (r.nextDouble() < density ? r.nextInt(levels) : 0);
        }
        return new ImageSet(px, 2, channels, h, w, levels, null);
    }

    @Test
    void pngDecodesToTheImage() throws IOException {
        for (int[] kind : new int[][] {{1, 2}, {1, 256}, {3, 256}}) {
            ImageSet set = images(kind[0], kind[1], 0.5, 1);
            for (int i = 0; i < 2; i++) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(Complexity.png(set, i)));
                for (int y = 0; y < set.height(); y++) {
                    for (int x = 0; x < set.width(); x++) {
                        for (int c = 0; c < kind[0]; c++) {
                            int want = set.pixels()[((i * kind[0] + c) * set.height() + y) * set.width() + x] & 0xFF;
                            int got = img.getRaster().getSample(x, y, c);
                            assertEquals(want, got, kind[0] + " channels, " + kind[1] + " levels at " + x + "," + y);
                        }
                    }
                }
            }
        }
    }

    @Test
    void busierImagesCostMoreBits() {
        for (int levels : new int[] {2, 256}) {
            double[] sparse = Complexity.bits(images(1, levels, 0.05, 2), Complexity.Codec.PNG, 1);
            double[] dense = Complexity.bits(images(1, levels, 0.9, 2), Complexity.Codec.PNG, 1);
            assertTrue(dense[0] > sparse[0] && dense[1] > sparse[1], levels + " levels");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Complexity.Codec.class, names = {"WEBP", "JXL"})
    void externalCodecsWhereInstalled(Complexity.Codec codec) {
        Assumptions.assumeTrue(codec.available(), codec + "'s encoder is not installed: skipped");
        ImageSet set = images(1, 256, 0.3, 3);
        double[] bits = Complexity.bits(set, codec, 2);
        assertTrue(bits[0] > 8 * 20 && bits[1] > 8 * 20, codec + ": " + bits[0]);
    }
}
