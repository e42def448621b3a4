package io.github.pixelrnn.data;

import io.github.pixelrnn.util.Rng;

/** Copies images of an {@link ImageSet} into float batches for the model, N×C×H×W. */
public final class Batches {
    private Batches() {
    }

    /**
     * Writes images {@code indices} of {@code set} to {@code out} as floats with their stored
     * values (0..255 for 8-bit sets, 0/1 for binary ones), N×C×H×W.
     */
    public static void copyBatch(ImageSet set, int[] indices, float[] out) {
        int size = set.imageSize();
        checkOut(indices.length, size, out);
        byte[] px = set.pixels();
        for (int i = 0; i < indices.length; i++) {
            int src = checkIndex(set, indices[i]) * size;
            int dst = i * size;
            for (int k = 0; k < size; k++) {
                out[dst + k] = px[src + k] & 0xFF;
            }
        }
    }

    /** The labels of images {@code indices} (the set must have labels). */
    public static int[] labels(ImageSet set, int[] indices) {
        if (set.labels() == null) {
            throw new IllegalArgumentException(set + " has no labels");
        }
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = set.labels()[checkIndex(set, indices[i])];
        }
        return out;
    }

    /** The indices {@code from..to-1}. */
    public static int[] range(int from, int to) {
        int[] out = new int[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** The indices {@code 0..count-1} in an order drawn from {@code rng}. */
    public static int[] shuffled(int count, Rng rng) {
        int[] out = range(0, count);
        rng.shuffle(out);
        return out;
    }

    static void checkOut(int n, int size, float[] out) {
        if ((long) n * size > out.length) {
            throw new IllegalArgumentException("output holds " + out.length + " floats, " + n
                    + " images need " + (long) n * size);
        }
    }

    static int checkIndex(ImageSet set, int i) {
        if (i < 0 || i >= set.count()) {
            throw new IndexOutOfBoundsException("image " + i + " of " + set.count());
        }
        return i;
    }
}
