package io.github.pixelrnn.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic coder and the quantised frequencies, without a model. */
class ArithmeticCoderTest {

    /** Random distributions, symbols drawn from them: exact round trip, overhead far below 0.1%. */
    @Test
    void roundTripsAtTheEntropy() {
        Random r = new Random(1);
        int n = 100_000;
        int[] symbols = new int[n];
        float[][] logits = new float[n][];
        int[] cum = new int[257];
        ArithmeticEncoder enc = new ArithmeticEncoder();
        double ideal = 0;
        for (int i = 0; i < n; i++) {
            int levels = i % 3 == 0 ? 2 : 256;
            float[] l = new float[levels == 2 ? 1 : 256];
            for (int j = 0; j < l.length; j++) {
                l[j] = (float) (r.nextGaussian() * 4);
            }
            logits[i] = l;
            Frequencies.cumulative(l, 0, levels, cum);
            int s = Frequencies.find(cum, levels, r.nextInt(Frequencies.TOTAL));
            symbols[i] = s;
            ideal += -Math.log((cum[s + 1] - cum[s]) / (double) Frequencies.TOTAL) / Math.log(2);
            enc.encode(cum[s], cum[s + 1], Frequencies.TOTAL);
        }
        byte[] out = enc.finish();
        assertTrue(out.length * 8 - ideal < 0.001 * ideal + 16, out.length * 8 + " bits for " + ideal);
        ArithmeticDecoder dec = new ArithmeticDecoder(out, 0, out.length);
        for (int i = 0; i < n; i++) {
            int levels = i % 3 == 0 ? 2 : 256;
            Frequencies.cumulative(logits[i], 0, levels, cum);
            int s = Frequencies.find(cum, levels, dec.target(Frequencies.TOTAL));
            assertEquals(symbols[i], s, "symbol " + i);
            dec.consume(cum[s], cum[s + 1], Frequencies.TOTAL);
        }
    }

    /** Ending a stream costs at most two bits and the byte padding. */
    @Test
    void terminationCostsAtMostTwoBytes() {
        Random r = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            ArithmeticEncoder enc = new ArithmeticEncoder();
            double ideal = 0;
            int count = 1 + r.nextInt(50);
            int[] cum = new int[3];
            for (int i = 0; i < count; i++) {
                Frequencies.cumulative(new float[] {(float) r.nextGaussian() * 3}, 0, 2, cum);
                int s = r.nextInt(2);
                ideal += -Math.log((cum[s + 1] - cum[s]) / (double) Frequencies.TOTAL) / Math.log(2);
                enc.encode(cum[s], cum[s + 1], Frequencies.TOTAL);
            }
            assertTrue(enc.finish().length * 8 <= ideal + 16, "trial " + trial);
        }
        assertEquals(1, new ArithmeticEncoder().finish().length);
    }

    /** Nearly certain and nearly impossible symbols: a value never costs more than 16 bits. */
    @Test
    void extremeProbabilities() {
        int[] cum = new int[3];
        Frequencies.cumulative(new float[] {1e6f}, 0, 2, cum);
        assertEquals(1, cum[1] - cum[0], "p(0) is never 0");
        Frequencies.cumulative(new float[] {-1e6f}, 0, 2, cum);
        assertEquals(1, cum[2] - cum[1], "p(1) is never 0");
        ArithmeticEncoder enc = new ArithmeticEncoder();
        for (int i = 0; i < 1000; i++) {
            enc.encode(cum[1], cum[2], Frequencies.TOTAL); // the impossible one
        }
        byte[] out = enc.finish();
        assertTrue(out.length <= 2001, out.length + " bytes");
        ArithmeticDecoder dec = new ArithmeticDecoder(out, 0, out.length);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, Frequencies.find(cum, 2, dec.target(Frequencies.TOTAL)));
            dec.consume(cum[1], cum[2], Frequencies.TOTAL);
        }
    }

    @Test
    void frequenciesAreValidAndDeterministic() {
        Random r = new Random(3);
        int[] a = new int[257];
        int[] b = new int[257];
        for (int trial = 0; trial < 500; trial++) {
            float[] l = new float[256];
            for (int j = 0; j < l.length; j++) {
                l[j] = (float) (r.nextGaussian() * (trial % 10) * 5);
            }
            Frequencies.cumulative(l, 0, 256, a);
            Frequencies.cumulative(l.clone(), 0, 256, b);
            assertArrayEquals(a, b);
            assertEquals(0, a[0]);
            assertEquals(Frequencies.TOTAL, a[256]);
            for (int v = 0; v < 256; v++) {
                assertTrue(a[v + 1] - a[v] >= 1, "value " + v + " has frequency " + (a[v + 1] - a[v]));
                assertTrue(a[v + 1] - a[v] < Frequencies.TOTAL, "no value is certain");
            }
        }
        assertThrows(IllegalStateException.class, () -> Frequencies.cumulative(new float[] {Float.NaN}, 0, 2, a));
        assertThrows(IllegalArgumentException.class, () -> new ArithmeticEncoder().encode(3, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new ArithmeticEncoder().encode(0, 3, 1L << 31));
    }

    /** Decoding with other frequencies gives other symbols (or stops): the coder is no checksum. */
    @Test
    void otherFrequenciesDecodeOtherSymbols() {
        int[] cum = new int[3];
        ArithmeticEncoder enc = new ArithmeticEncoder();
        Random r = new Random(4);
        int[] symbols = new int[200];
        for (int i = 0; i < symbols.length; i++) {
            Frequencies.cumulative(new float[] {0.3f}, 0, 2, cum);
            symbols[i] = r.nextInt(2);
            enc.encode(cum[symbols[i]], cum[symbols[i] + 1], Frequencies.TOTAL);
        }
        byte[] out = enc.finish();
        ArithmeticDecoder dec = new ArithmeticDecoder(out, 0, out.length);
        int[] got = new int[symbols.length];
        for (int i = 0; i < symbols.length; i++) {
            Frequencies.cumulative(new float[] {0.3001f + i * 1e-3f}, 0, 2, cum);
            got[i] = Frequencies.find(cum, 2, dec.target(Frequencies.TOTAL));
            dec.consume(cum[got[i]], cum[got[i] + 1], Frequencies.TOTAL);
        }
        assertNotEquals(java.util.Arrays.toString(symbols), java.util.Arrays.toString(got));
    }
}
