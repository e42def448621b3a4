package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.Flops;
import io.github.pixelrnn.nn.Layer;
import io.github.pixelrnn.nn.Resample;
import io.github.pixelrnn.nn.Scalars;

/**
 * Multi-scale PixelRNN (paper, Section 3.3; SPEC §3): an unconditional network models the small
 * image s = x[:, :, ::f, ::f], and a conditional network models the full image x, every one of
 * its layers biased by a c-map upsampled from s ({@link Upsampler}).
 *
 * <pre>
 *   x --subsample--> s --small network----------------> logits of s  (N, C·K, n/f, n/f)
 *                    s --upsampler--> c×n×n --+
 *   x ---------------------------- large network ------> logits of x  (N, C·K, n, n)
 *   output: the large logits, except at the grid positions (f·i, f·j), which take s's logits
 * </pre>
 *
 * <p>Likelihood: the pixels of x on the grid are the pixels of s, so they are counted once, by
 * the small network: log p(x) = log p(s) + Σ_{k off the grid} log p(x_k | x_&lt;k, s). Writing
 * both into one logit map lets every consumer of a model's logits (training, evaluation,
 * per-pixel scores) use the exact likelihood unchanged; the generation order is
 * {@link Ordering#grid}. Both networks train jointly on that one sum: they share no parameters,
 * so its gradient is exactly the two networks' separate gradients, from one pass over the data.
 *
 * <p>Its incremental pass ({@link #decoder}) decodes s with the small network, runs the
 * upsampler and the conditioning projections once, when s is complete, and then decodes the
 * rest with the large network.
 */
final class MultiScaleNet extends Network implements Flops.Counted {
    private final int factor;
    private final int channels;
    private final int outChannels;
    private final int imageHeight;
    private final int imageWidth;
    private final PaperNetwork small;
    private final Upsampler upsampler;
    private final PaperNetwork large;

    MultiScaleNet(ImageShape image, MultiScaleConfig c) {
        MultiScale m = c.scales();
        this.factor = m.factor();
        this.channels = image.channels();
        this.imageHeight = image.height();
        this.imageWidth = image.width();
        this.outChannels = image.channels() * image.valuesPerSubPixel();
        this.small = addChildBlock("small", c.small().network(image.subsampled(factor), 0));
        this.upsampler = addChildBlock("upsampler", new Upsampler(image.channels(), m.conditionMaps(), factor));
        this.large = addChildBlock("large", c.large().network(image, m.conditionMaps()));
    }

    /**
     * Only what generation phase {@code phase} of {@link Ordering#grid} needs: in phase 0 (the
     * grid) the small network alone, in phase 1 the upsampler and the large network alone.
     * The logits are exact at the phase's positions and arbitrary elsewhere; sampling thus
     * never runs a network whose outputs it discards.
     *
     * @return (N, C·K, n, n)
     */
    @Override
    NDArray applyPhase(ParameterStore ps, NDArray x, int phase, boolean training) {
        NDArray s = Resample.subsample(x, factor); // (N, C, n/f, n/f)
        if (phase == 0) {
            NDArray smallLogits = small.apply(ps, s, training); // (N, C·K, n/f, n/f)
            return Resample.nearest(smallLogits, factor); // (N, C·K, n, n)
        }
        NDArray condition = upsampler.apply(ps, s, training); // (N, c, n, n)
        return large.apply(ps, x, condition, training); // (N, C·K, n, n)
    }

    @Override
    public int conditionChannels() {
        return 0;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        if (condition != null) {
            throw noConditioning("the multi-scale network");
        }
        Shape shape = x.getShape();
        NDArray spread = applyPhase(ps, x, 0, training); // (N, C·K, n, n): s's logits, repeated
        NDArray largeLogits = applyPhase(ps, x, 1, training); // (N, C·K, n, n)
        NDArray grid = gridMask(x, (int) shape.get(2), (int) shape.get(3)); // (1, 1, n, n)
        NDArray everywhere = grid.broadcast(largeLogits.getShape()); // (N, C·K, n, n), a view
        return NDArrays.where(everywhere, spread, largeLogits); // (N, C·K, n, n)
    }

    @Override
    NetworkDecoder decoder(ParameterStore ps, NDManager manager, int n) {
        return new Decoder(ps, manager, n);
    }

    /**
     * Phase 0, the grid pixels: the small network's decoder, on s. When the last one is
     * committed, s is complete: the upsampler and the conditioning projections run once, and the
     * large network's decoder starts on them. Phase 1, the other pixels in raster order: the large
     * network, which is first given the grid pixels before each one as known pixels (its raster
     * walk passes through them; their logits are the small network's).
     */
    private final class Decoder implements NetworkDecoder {
        private final ParameterStore ps;
        private final NDManager manager;
        private final int n;
        private final int smallWidth;
        private final NetworkDecoder smallDecoder;
        /** The committed grid pixels (n × C scaled values each), in the raster order of s. */
        private final float[][] grid;
        private int gridDone;
        private NetworkDecoder largeDecoder;
        /** Raster index of the next pixel the large network expects. */
        private int largeNext;

        Decoder(ParameterStore ps, NDManager manager, int n) {
            this.ps = ps;
            this.manager = manager;
            this.n = n;
            this.smallWidth = imageWidth / factor;
            this.smallDecoder = small.decoder(ps, manager, n);
            this.grid = new float[smallWidth * (imageHeight / factor)][];
        }

        @Override
        public float[] logits(int y, int x, int channel, Pixel pixel) {
            return onGrid(y, x) ? smallDecoder().logits(y / factor, x / factor, channel, pixel)
                    : largeDecoder(y, x, pixel).logits(y, x, channel, pixel);
        }

        @Override
        public void commit(int y, int x, Pixel pixel, boolean stepped) {
            if (!onGrid(y, x)) {
                largeDecoder(y, x, pixel).commit(y, x, pixel, stepped);
                largeNext++;
                return;
            }
            smallDecoder().commit(y / factor, x / factor, pixel, stepped);
            grid[gridDone++] = pixel.values().clone();
            if (gridDone == grid.length) {
                startLarge();
            }
        }

        private boolean onGrid(int y, int x) {
            return y % factor == 0 && x % factor == 0;
        }

        private NetworkDecoder smallDecoder() {
            if (largeDecoder != null) {
                throw new IllegalStateException("the small image is already complete");
            }
            return smallDecoder;
        }

        /** The large network, given every grid pixel before (y, x) on the way. */
        private NetworkDecoder largeDecoder(int y, int x, Pixel pixel) {
            if (largeDecoder == null) {
                throw new IllegalStateException("pixel (" + y + ", " + x + ") is conditioned on the whole small image, "
                        + "which is not complete");
            }
            for (int target = y * imageWidth + x; largeNext < target; largeNext++) {
                int gy = largeNext / imageWidth;
                int gx = largeNext % imageWidth;
                if (!onGrid(gy, gx)) {
                    throw new IllegalStateException("pixel (" + gy + ", " + gx + ") comes before (" + y + ", " + x + ")");
                }
                float[] known = grid[gy / factor * smallWidth + gx / factor];
                largeDecoder.commit(gy, gx, new Pixel(known, n, channels, pixel.scope()), false);
            }
            return largeDecoder;
        }

        /** s (N, C, s, s) from the grid pixels, then the conditioning maps and the large network's decoder. */
        private void startLarge() {
            int cells = grid.length;
            float[] s = new float[n * channels * cells];
            for (int k = 0; k < cells; k++) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        s[(i * channels + c) * cells + k] = grid[k][i * channels + c];
                    }
                }
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray small = scope.create(s, new Shape(n, channels, cells / smallWidth, smallWidth)); // (N, C, s, s)
                NDArray condition = upsampler.apply(ps, small, false); // (N, c, H, W)
                largeDecoder = large.decoder(ps, manager, n, condition);
            }
        }
    }

    /** True at the grid positions (f·i, f·j); owned by libtorch, as autograd keeps it. */
    private NDArray gridMask(NDArray x, int height, int width) {
        float[] m = new float[height * width];
        for (int y = 0; y < height; y += factor) {
            for (int col = 0; col < width; col += factor) {
                m[y * width + col] = 1f;
            }
        }
        NDArray f = Scalars.constant(x.getManager(), m, new Shape(1, 1, height, width));
        NDArray b = f.toType(DataType.BOOLEAN, false);
        f.close();
        return b;
    }

    @Override
    public long forwardFlops(int height, int width) {
        return Flops.forward(small, height / factor, width / factor)
                + upsampler.forwardFlops(height / factor, width / factor)
                + Flops.forward(large, height, width);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
