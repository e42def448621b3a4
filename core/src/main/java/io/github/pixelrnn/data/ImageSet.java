package io.github.pixelrnn.data;

import java.util.Arrays;

/**
 * An in-memory set of images stored as unsigned bytes in N×C×H×W order.
 *
 * <p>{@code levels} is the number of distinct values a sub-pixel can take: 256 for 8-bit data,
 * 2 for binarized data (values 0 and 1). Labels are optional (may be {@code null}).
 */
public record ImageSet(byte[] pixels, int count, int channels, int height, int width, int levels,
        int[] labels) {

    public ImageSet {
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad image set shape " + count + "x" + channels + "x"
                    + height + "x" + width);
        }
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException("pixel buffer has " + pixels.length
                    + " bytes, shape needs " + (long) count * channels * height * width);
        }
        if (levels != 2 && levels != 256) {
            throw new IllegalArgumentException("levels must be 2 or 256, got " + levels);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("labels: " + labels.length + " for " + count + " images");
        }
    }

    /** The same images, labelled {@code classes} (null: unlabelled). */
    public ImageSet withLabels(int[] classes) {
        return new ImageSet(pixels, count, channels, height, width, levels, classes == null ? null : classes.clone());
    }

    /** Sub-pixels per image, C·H·W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** The value of one sub-pixel, in 0..levels-1. */
    public int value(int image, int channel, int y, int x) {
        return pixels[((image * channels + channel) * height + y) * width + x] & 0xFF;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public ImageSet slice(int from, int to) {
        int size = imageSize();
        return new ImageSet(Arrays.copyOfRange(pixels, from * size, to * size), to - from,
                channels, height, width, levels,
                labels == null ? null : Arrays.copyOfRange(labels, from, to));
    }

    /** The images at the given indices, copied, in that order. */
    public ImageSet select(int[] indices) {
        int size = imageSize();
        byte[] out = new byte[indices.length * size];
        int[] lab = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, out, i * size, size);
            if (lab != null) {
                lab[i] = labels[indices[i]];
            }
        }
        return new ImageSet(out, indices.length, channels, height, width, levels, lab);
    }

    /** Sub-pixel values of the given images as floats (values 0..levels-1), N×C×H×W. */
    public float[] toFloats(int from, int to) {
        int size = imageSize();
        float[] out = new float[(to - from) * size];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixels[from * size + i] & 0xFF;
        }
        return out;
    }

    @Override
    public String toString() {
        return "ImageSet[" + count + "x" + channels + "x" + height + "x" + width + ", levels=" + levels + "]";
    }
}
