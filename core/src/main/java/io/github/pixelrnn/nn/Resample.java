package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Strided subsampling and its nearest-neighbour inverse, both differentiable. */
public final class Resample {
    private Resample() {
    }

    /**
     * The small image of the Multi-scale PixelRNN: {@code x[:, :, ::f, ::f]}.
     *
     * @param x (N, C, H, W) with H and W divisible by f
     * @return (N, C, H/f, W/f)
     */
    public static NDArray subsample(NDArray x, int f) {
        NDArray rows = Slices.every(x, 2, f); // (N, C, H/f, W)
        return Slices.every(rows, 3, f); // (N, C, H/f, W/f)
    }

    /**
     * Every value repeated into an f×f block: the inverse of {@link #subsample} on the grid
     * positions.
     *
     * @param x (N, C, h, w)
     * @return (N, C, h·f, w·f)
     */
    public static NDArray nearest(NDArray x, int f) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray split = x.reshape(n, c, h, 1, w, 1); // (N, C, h, 1, w, 1)
        NDArray blocks = split.broadcast(new Shape(n, c, h, f, w, f)); // (N, C, h, f, w, f), a view
        return blocks.reshape(n, c, h * f, w * f); // (N, C, h·f, w·f)
    }
}
