package io.github.pixelrnn.nn;

/**
 * Builds the causal masks of Section 3.4 of the PixelRNN paper, including the R,G,B channel
 * groups. For a 5×5 kernel on one-channel data ({@code 1} = kept, {@code 0} = zeroed):
 *
 * <pre>
 *   mask A          mask B
 *   1 1 1 1 1       1 1 1 1 1
 *   1 1 1 1 1       1 1 1 1 1
 *   1 1 0 0 0       1 1 1 0 0
 *   0 0 0 0 0       0 0 0 0 0
 *   0 0 0 0 0       0 0 0 0 0
 * </pre>
 *
 * <p>With colour the feature maps of every layer are split into three contiguous groups
 * (R, G, B); channel {@code i} of {@code n} belongs to group {@code floor(i·3/n)}. Only the
 * centre tap depends on the groups: mask A lets output group g see input groups &lt; g, mask B
 * groups &lt;= g. Rows above and taps left of the centre see all groups.
 *
 * <pre>
 *   centre tap, output group (rows) × input group (columns)
 *   mask A      mask B
 *     R G B       R G B
 *   R 0 0 0     R 1 0 0
 *   G 1 0 0     G 1 1 0
 *   B 1 1 0     B 1 1 1
 * </pre>
 *
 * <p>An LSTM's input-to-state convolution outputs 4h maps, one block of h per gate; each block
 * is grouped like the h hidden maps it feeds ({@code outBlocks = 4}), so that the R gates of
 * every kind only see R inputs at the centre.
 *
 * <p>Masks are returned as flat float arrays in PyTorch weight layout (out, in, kh, kw).
 */
public final class Masks {
    private Masks() {
    }

    /** The colour group of channel {@code i} among {@code n} channels split into {@code groups}. */
    public static int group(int i, int n, int groups) {
        return (int) ((long) i * groups / n);
    }

    /** Whether output channel {@code o} may see input channel {@code i} at the centre tap. */
    public static boolean centreAllowed(MaskType type, int o, int out, int i, int in, int groups) {
        return centreAllowed(type, o, out, i, in, groups, 1);
    }

    /** As above, with the output maps made of {@code outBlocks} equal blocks grouped alike. */
    public static boolean centreAllowed(MaskType type, int o, int out, int i, int in, int groups, int outBlocks) {
        int block = out / outBlocks;
        int go = group(o % block, block, groups);
        int gi = group(i, in, groups);
        return type == MaskType.A ? gi < go : gi <= go;
    }

    /**
     * The full kh×kw mask (kh, kw odd) for a convolution from {@code in} to {@code out} channels,
     * as drawn in the class comment.
     */
    public static float[] full(MaskType type, int out, int in, int kh, int kw, int groups) {
        return rows(type, out, in, kh, kw, groups, kh);
    }

    /**
     * The top {@code kh/2 + 1} rows of the full mask: the rows below the centre are all zero,
     * so {@link MaskedConv2d} never stores or computes them.
     */
    public static float[] cropped(MaskType type, int out, int in, int kh, int kw, int groups) {
        return cropped(type, out, in, kh, kw, groups, 1);
    }

    /** {@link #cropped} for output maps made of {@code outBlocks} equal blocks (e.g. 4 gates). */
    public static float[] cropped(MaskType type, int out, int in, int kh, int kw, int groups, int outBlocks) {
        return rows(type, out, in, kh, kw, groups, kh / 2 + 1, outBlocks);
    }

    private static float[] rows(MaskType type, int out, int in, int kh, int kw, int groups, int keepRows) {
        return rows(type, out, in, kh, kw, groups, keepRows, 1);
    }

    private static float[] rows(MaskType type, int out, int in, int kh, int kw, int groups, int keepRows,
            int outBlocks) {
        if (out % outBlocks != 0) {
            throw new IllegalArgumentException(out + " maps do not split into " + outBlocks + " blocks");
        }
        if (kh % 2 == 0 || kw % 2 == 0) {
            throw new IllegalArgumentException("mask kernel must be odd, got " + kh + "x" + kw);
        }
        int cy = kh / 2;
        int cx = kw / 2;
        float[] m = new float[out * in * keepRows * kw];
        int p = 0;
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                boolean centre = centreAllowed(type, o, out, i, in, groups, outBlocks);
                for (int y = 0; y < keepRows; y++) {
                    for (int x = 0; x < kw; x++) {
                        boolean keep = y < cy || (y == cy && (type == MaskType.V || x < cx || (x == cx && centre)));
                        m[p++] = keep ? 1f : 0f;
                    }
                }
            }
        }
        return m;
    }

    /** Renders one out/in slice of a mask as rows of 0/1, for documentation and tests. */
    public static String draw(float[] mask, int out, int in, int kh, int kw, int o, int i) {
        StringBuilder sb = new StringBuilder();
        int base = (o * in + i) * kh * kw;
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                sb.append(mask[base + y * kw + x] != 0f ? '1' : '0');
                if (x < kw - 1) {
                    sb.append(' ');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
