package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.Flops;
import io.github.pixelrnn.nn.Resample;
import io.github.pixelrnn.nn.Scalars;
import io.github.pixelrnn.nn.Step;

/**
 * Multi-scale PixelRNN (paper, Section 3.6): an unconditional network models the small
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
 * <p>Its incremental pass ({@link #step}) decodes s with the small network, runs the upsampler
 * and the conditioning projections once, when s is complete, and then decodes the rest with the
 * large network.
 */
final class MultiScaleNet extends Network implements Flops.Counted {
    private final int factor;
    private final int channels;
    private final int outChannels;
    private final int imageHeight;
    private final int imageWidth;
    private final Network small;
    private final Upsampler upsampler;
    private final Network large;
    /** K, the class maps of a class-conditional model (0: unconditional). */
    private final int classMaps;

    /**
     * @param classMaps K one-hot class maps that bias both scales, the small one subsampled like
     *     the image (0: an unconditional model)
     */
    MultiScaleNet(ImageShape image, MultiScaleConfig c, int classMaps) {
        this.classMaps = classMaps;
        MultiScale m = c.scales();
        this.factor = m.factor();
        this.channels = image.channels();
        this.imageHeight = image.height();
        this.imageWidth = image.width();
        this.outChannels = image.channels() * image.valuesPerSubPixel();
        this.small = addChildBlock("small", c.small().network(image.subsampled(factor), classMaps));
        this.upsampler = addChildBlock("upsampler", new Upsampler(image.channels(), m.conditionMaps(), factor));
        this.large = addChildBlock("large", c.large().network(image, m.conditionMaps() + classMaps));
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
    NDArray applyPhase(ParameterStore ps, NDArray x, NDArray classes, int phase, boolean training) {
        checkClasses(classes);
        NDArray s = Resample.subsample(x, factor); // (N, C, n/f, n/f)
        if (phase == 0) {
            NDArray smallClasses = classes == null ? null : Resample.subsample(classes, factor); // (N, K, n/f, n/f)
            NDArray smallLogits = small.apply(ps, s, smallClasses, training); // (N, C·K, n/f, n/f)
            return Resample.nearest(smallLogits, factor); // (N, C·K, n, n)
        }
        NDArray condition = largeCondition(upsampler.apply(ps, s, training), classes); // (N, c + K, n, n)
        return large.apply(ps, x, condition, training); // (N, C·K, n, n)
    }

    /** The large network's maps: the upsampled small image's c, then the K class maps if any. */
    private static NDArray largeCondition(NDArray upsampled, NDArray classes) {
        return classes == null ? upsampled : upsampled.concat(classes, 1); // (N, c + K, n, n)
    }

    private void checkClasses(NDArray classes) {
        if (classes == null ? classMaps > 0 : classes.getShape().get(1) != classMaps) {
            throw classMaps == 0 ? noConditioning("the unconditional multi-scale network")
                    : new IllegalArgumentException("the multi-scale network takes " + classMaps + " class maps");
        }
    }

    @Override
    public int conditionChannels() {
        return classMaps;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        Shape shape = x.getShape();
        NDArray spread = applyPhase(ps, x, condition, 0, training); // (N, C·K, n, n): s's logits, repeated
        NDArray largeLogits = applyPhase(ps, x, condition, 1, training); // (N, C·K, n, n)
        NDArray grid = gridMask(x, (int) shape.get(2), (int) shape.get(3)); // (1, 1, n, n)
        NDArray everywhere = grid.broadcast(largeLogits.getShape()); // (N, C·K, n, n), a view
        return NDArrays.where(everywhere, spread, largeLogits); // (N, C·K, n, n)
    }

    @Override
    Step step(ParameterStore ps, NDManager manager, int n, NDArray condition) {
        checkClasses(condition);
        return new ScalesStep(ps, manager, n, condition);
    }

    /**
     * Phase 0, the grid pixels: the small network's step, on s. When the last one is complete,
     * s is complete: the upsampler and the conditioning projections run once, and the large
     * network's step starts on them. Phase 1, the other pixels in raster order: the large network,
     * which is first given the grid pixels before each one as known, complete pixels (its raster
     * walk passes through them; their logits are the small network's).
     */
    private final class ScalesStep implements Step {
        private final ParameterStore ps;
        private final NDManager manager;
        private final int n;
        private final int smallWidth;
        private final Step smallStep;
        /** The complete grid pixels (n × C scaled values each), in the raster order of s. */
        private final float[][] grid;
        private int gridDone;
        private Step largeStep;
        /** Raster index of the next pixel the large network expects. */
        private int largeNext;
        /** The class maps of the decode (N, K, n, n), or null. */
        private final NDArray classes;

        ScalesStep(ParameterStore ps, NDManager manager, int n, NDArray classes) {
            this.ps = ps;
            this.manager = manager;
            this.n = n;
            this.classes = classes;
            this.smallWidth = imageWidth / factor;
            this.smallStep = small.step(ps, manager, n,
                    classes == null ? null : Resample.subsample(classes, factor)); // (N, K, n/f, n/f)
            this.grid = new float[smallWidth * (imageHeight / factor)][];
        }

        @Override
        public NDArray step(NDArray pixel, NDArray condition, Cursor at) {
            if (condition != null) {
                throw noConditioning("the multi-scale network");
            }
            if (!onGrid(at.row(), at.col())) {
                return largeStep(at, pixel.getManager()).step(pixel, null, at);
            }
            if (largeStep != null) {
                throw new IllegalStateException("the small image is already complete; (" + at.row() + ", " + at.col()
                        + ") was decoded");
            }
            NDArray logits = smallStep.step(pixel, null, new Cursor(at.row() / factor, at.col() / factor, at.channel()));
            if (at.channel() == channels) {
                grid[gridDone++] = pixel.toFloatArray();
                if (gridDone == grid.length) {
                    startLarge();
                }
            }
            return logits;
        }

        private boolean onGrid(int y, int x) {
            return y % factor == 0 && x % factor == 0;
        }

        /** The large network, given every grid pixel before {@code at} on the way. */
        private Step largeStep(Cursor at, NDManager scope) {
            if (largeStep == null) {
                throw new IllegalStateException("pixel (" + at.row() + ", " + at.col() + ") is conditioned on the whole "
                        + "small image, which is not complete");
            }
            for (int target = at.row() * imageWidth + at.col(); largeNext < target; largeNext++) {
                int gy = largeNext / imageWidth;
                int gx = largeNext % imageWidth;
                if (!onGrid(gy, gx)) {
                    throw new IllegalStateException("pixel (" + gy + ", " + gx + ") comes before (" + at.row() + ", "
                            + at.col() + ")");
                }
                float[] known = grid[gy / factor * smallWidth + gx / factor];
                largeStep.step(scope.create(known, new Shape(n, channels)), null, new Cursor(gy, gx, channels));
            }
            if (at.channel() == channels) {
                largeNext = at.row() * imageWidth + at.col() + 1; // the pixel is complete: the next one is due
            }
            return largeStep;
        }

        /** s (N, C, s, s) from the grid pixels, then the conditioning maps and the large network's step. */
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
                NDArray smallImage = scope.create(s, new Shape(n, channels, cells / smallWidth, smallWidth)); // (N, C, s, s)
                NDArray condition = largeCondition(upsampler.apply(ps, smallImage, false), classes); // (N, c + K, H, W)
                largeStep = large.step(ps, manager, n, condition);
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
