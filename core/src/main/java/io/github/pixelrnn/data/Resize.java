package io.github.pixelrnn.data;

/**
 * Resamples one image plane (row-major doubles) to another size, separably per axis: area
 * averaging along an axis that shrinks (every source pixel contributes in proportion to its
 * overlap with the target pixel, so no aliasing), bilinear interpolation with pixel-centre
 * alignment along an axis that grows. A same-size axis is copied unchanged.
 */
public final class Resize {
    private Resize() {
    }

    /** {@code src} (sh×sw) resampled to dh×dw. */
    public static double[] plane(double[] src, int sh, int sw, int dh, int dw) {
        if (src.length != sh * sw || sh <= 0 || sw <= 0 || dh <= 0 || dw <= 0) {
            throw new IllegalArgumentException("bad resize " + sh + "x" + sw + " -> " + dh + "x" + dw);
        }
        Weights wx = Weights.of(sw, dw);
        Weights wy = Weights.of(sh, dh);
        double[] rows = new double[sh * dw];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < dw; x++) {
                rows[y * dw + x] = wx.apply(src, y * sw, 1, x);
            }
        }
        double[] out = new double[dh * dw];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                out[y * dw + x] = wy.apply(rows, x, dw, y);
            }
        }
        return out;
    }

    /** For each target index along one axis: the source indices and weights (summing to 1). */
    private record Weights(int[][] index, double[][] weight) {

        static Weights of(int from, int to) {
            int[][] idx = new int[to][];
            double[][] wt = new double[to][];
            double scale = (double) from / to;
            for (int i = 0; i < to; i++) {
                if (from == to) {
                    idx[i] = new int[] {i};
                    wt[i] = new double[] {1};
                } else if (from > to) {
                    double lo = i * scale;
                    double hi = (i + 1) * scale;
                    int first = (int) Math.floor(lo);
                    int last = Math.min(from - 1, (int) Math.ceil(hi) - 1);
                    idx[i] = new int[last - first + 1];
                    wt[i] = new double[last - first + 1];
                    for (int s = first; s <= last; s++) {
                        double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                        idx[i][s - first] = s;
                        wt[i][s - first] = Math.max(0, overlap) / scale;
                    }
                } else {
                    double c = (i + 0.5) * scale - 0.5;
                    c = Math.max(0, Math.min(from - 1, c));
                    int a = (int) Math.floor(c);
                    int b = Math.min(from - 1, a + 1);
                    double t = c - a;
                    idx[i] = new int[] {a, b};
                    wt[i] = new double[] {1 - t, t};
                }
            }
            return new Weights(idx, wt);
        }

        /** Weighted sum of {@code v[base + stride * index]} for target index {@code i}. */
        double apply(double[] v, int base, int stride, int i) {
            double s = 0;
            int[] ix = index[i];
            double[] w = weight[i];
            for (int k = 0; k < ix.length; k++) {
                s += w[k] * v[base + stride * ix[k]];
            }
            return s;
        }
    }
}
