package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization.Mode;
import io.github.pixelrnn.util.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinarizationTest {
    /** 3 images of 1x2x2 with values 0, 64, 128, 255 (shifted per image). */
    static ImageSet set() {
        byte[] px = new byte[12];
        int[] v = {0, 64, 128, 255};
        for (int i = 0; i < 12; i++) {
            px[i] = (byte) v[(i + i / 4) % 4];
        }
        return new ImageSet(px, 3, 1, 2, 2, 256, new int[] {7, 8, 9});
    }

    @Test
    void fixedSeedIsReproducible() {
        ImageSet a = Binarization.binarize(set(), Mode.STOCHASTIC, 0.5, 42);
        ImageSet b = Binarization.binarize(set(), Mode.STOCHASTIC, 0.5, 42);
        assertEquals(2, a.levels());
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(new int[] {7, 8, 9}, a.labels());
        for (byte p : a.pixels()) {
            assertEquals(0, p & ~1);
        }
        // 0 stays 0 and 255 becomes 1 whatever the draw
        assertEquals(0, a.value(0, 0, 0, 0));
        assertEquals(1, a.value(0, 0, 1, 1));
    }

    @Test
    void differentSeedsDiffer() {
        byte[] px = new byte[10000];
        Arrays.fill(px, (byte) 128);
        ImageSet s = new ImageSet(px, 1, 1, 100, 100, 256, null);
        assertFalse(Arrays.equals(Binarization.binarize(s, Mode.STOCHASTIC, 0.5, 1).pixels(),
                Binarization.binarize(s, Mode.STOCHASTIC, 0.5, 2).pixels()));
    }

    @Test
    void stochasticMeanApproachesIntensity() {
        byte[] px = new byte[256];
        for (int p = 0; p < 256; p++) {
            px[p] = (byte) p;
        }
        ImageSet s = new ImageSet(px, 1, 1, 16, 16, 256, null);
        int draws = 4000;
        double[] sum = new double[256];
        float[] out = new float[256];
        Rng rng = new Rng(7);
        for (int d = 0; d < draws; d++) {
            Binarization.binarizeBatch(s, new int[] {0}, Mode.STOCHASTIC, 0.5, rng, out);
            for (int p = 0; p < 256; p++) {
                sum[p] += out[p];
            }
        }
        for (int p = 0; p < 256; p++) {
            double q = p / 255.0;
            double sd = Math.sqrt(q * (1 - q) / draws);
            assertEquals(q, sum[p] / draws, 5 * sd + 1e-9, "value " + p);
        }
    }

    @Test
    void threshold() {
        ImageSet t = Binarization.binarize(set(), Mode.THRESHOLD, 0.5, 0);
        // 0, 64, 128, 255 -> 0, 0, 1, 1 (128/255 >= 0.5)
        assertArrayEquals(new byte[] {0, 0, 1, 1}, Arrays.copyOf(t.pixels(), 4));
        float[] out = new float[8];
        Binarization.binarizeBatch(set(), new int[] {1, 0}, Mode.THRESHOLD, 0.25, new Rng(0), out);
        // image 1 holds 64, 128, 255, 0; 64/255 >= 0.25
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 1, 1, 1}, out);
    }

    @Test
    void binarySetPassesThrough() {
        ImageSet b = Binarization.binarize(set(), Mode.THRESHOLD, 0.5, 0);
        assertSame(b, Binarization.binarize(b, Mode.STOCHASTIC, 0.5, 3));
        float[] out = new float[4];
        Binarization.binarizeBatch(b, new int[] {0}, Mode.STOCHASTIC, 0.5, new Rng(0), out);
        assertArrayEquals(new float[] {0, 0, 1, 1}, out);
    }

    @Test
    void modesParseAndBadThreshold() {
        assertEquals(Mode.STOCHASTIC, Mode.parse("Stochastic"));
        assertEquals("threshold", Mode.THRESHOLD.toString());
        assertThrows(UserError.class, () -> Mode.parse("dither"));
        assertThrows(UserError.class, () -> Binarization.binarize(set(), Mode.THRESHOLD, 1.5, 0));
    }

    @Test
    void copyBatch() {
        float[] out = new float[8];
        Batches.copyBatch(set(), new int[] {2, 0}, out);
        assertArrayEquals(new float[] {128, 255, 0, 64, 0, 64, 128, 255}, out);
        assertArrayEquals(new int[] {9, 7}, Batches.labels(set(), new int[] {2, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> Batches.copyBatch(set(), new int[] {0, 1, 2}, out));
    }
}
