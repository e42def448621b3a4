package io.github.pixelrnn.model;

import java.util.List;

/**
 * Walks a model's generation order ({@link Ordering#positions}) for n images together, one
 * sub-pixel at a time (paper, Section 2: p(x) = Π p(x_k | x_&lt;k)): {@link #logits()} gives the
 * distribution of the next sub-pixel {@link #position()} for all n images, {@link #accept}
 * feeds the values drawn (generation), known (completion) or decoded (compression), and the
 * decoder moves on. Every sub-pixel passes through it, known ones too.
 *
 * <pre>{@code
 * try (Decoder d = model.decoder(n)) {
 *     while (!d.done()) {
 *         float[] logits = d.logits();       // n·K, image-major
 *         d.accept(draw(logits));            // n values in 0..levels-1
 *     }
 *     float[] images = d.values();           // n×C×H×W
 * }
 * }</pre>
 *
 * <p>A call out of order (after the last sub-pixel, after {@link #close}, with the wrong number
 * of values or a value that is not a level) throws; it never gives a wrong answer. Subclasses
 * decide how the logits are computed: {@link PixelModel#decoder} caches every layer's past
 * work; {@code sample.Recompute} re-runs the network, the reference.
 */
public abstract class Decoder implements AutoCloseable {
    protected final PixelModel model;
    protected final int n;
    protected final int channels;
    protected final int height;
    protected final int width;
    /** Image i's class for a class-conditional model, null for an unconditional one. */
    protected final int[] classes;
    private final int dims;
    private final List<Ordering.Position> order;
    /** n×C×H×W: the values accepted so far, zero elsewhere. */
    private final float[] canvas;
    private int next;
    private float[] logits;
    private boolean closed;

    /**
     * @param classes image i's class for a class-conditional model (n labels in 0..K-1); null for
     *     an unconditional one
     */
    protected Decoder(PixelModel model, int n, int[] classes) {
        if (n <= 0) {
            throw new IllegalArgumentException("a decoder needs at least one image, got " + n);
        }
        ModelConfig c = model.config();
        if ((classes == null) == c.conditional() || classes != null && classes.length != n) {
            throw new IllegalArgumentException(c.conditional()
                    ? "the model is class-conditional: give the class of each of the " + n + " images"
                    : "the model is unconditional: it takes no classes");
        }
        for (int i = 0; classes != null && i < n; i++) {
            if (classes[i] < 0 || classes[i] >= c.classCount()) {
                throw new IllegalArgumentException("image " + i + ": class " + classes[i] + " is not one of 0.."
                        + (c.classCount() - 1));
            }
        }
        this.classes = classes == null ? null : classes.clone();
        this.model = model;
        this.n = n;
        this.channels = c.channels();
        this.height = c.height();
        this.width = c.width();
        this.dims = c.dims();
        this.order = model.ordering().positions(channels, height, width);
        this.canvas = new float[n * dims];
    }

    /** The number of images decoded together. */
    public final int images() {
        return n;
    }

    /** The number of sub-pixels per image, all of which pass through the decoder. */
    public final int steps() {
        return order.size();
    }

    /** Whether every sub-pixel has been accepted. */
    public final boolean done() {
        return next == order.size();
    }

    /** The next sub-pixel, the one {@link #logits()} and {@link #accept} are about. */
    public final Ordering.Position position() {
        checkOpen();
        if (done()) {
            throw new IllegalStateException("the decoder has accepted every sub-pixel");
        }
        return order.get(next);
    }

    /**
     * The logits of the next sub-pixel's distribution for each image (see
     * {@link OutputDistribution#probabilities}).
     *
     * @return n·K logits, image-major; a new array
     */
    public final float[] logits() {
        Ordering.Position p = position();
        if (logits == null) {
            logits = computeLogits(p);
        }
        return logits.clone();
    }

    /**
     * The values of the next sub-pixel in each image, and moves on.
     *
     * @param values n values, each one of 0..levels-1
     */
    public final void accept(float[] values) {
        Ordering.Position p = position();
        if (values.length != n) {
            throw new IllegalArgumentException("expected " + n + " values for " + p + ", got " + values.length);
        }
        int levels = model.config().levels();
        for (int i = 0; i < n; i++) {
            float v = values[i];
            if (!(v >= 0 && v < levels && v == Math.rint(v))) {
                throw new IllegalArgumentException("image " + i + ": " + v + " at " + p + " is not one of the "
                        + levels + " levels 0.." + (levels - 1));
            }
        }
        int offset = p.offset(height, width);
        for (int i = 0; i < n; i++) {
            canvas[i * dims + offset] = values[i];
        }
        accepted(p, logits != null);
        logits = null;
        next++;
    }

    /** The values accepted so far, n×C×H×W (zero where not yet accepted); a new array. */
    public final float[] values() {
        return canvas.clone();
    }

    /** The value of sub-pixel {@code offset} (of one C×H×W image) in image {@code i}, accepted or zero. */
    protected final float value(int i, int offset) {
        return canvas[i * dims + offset];
    }

    /** The canvas itself (n×C×H×W), for subclasses that read it whole; do not modify. */
    protected final float[] canvas() {
        return canvas;
    }

    /** The logits at {@code p}: n·K floats, image-major. Every sub-pixel before p has been accepted. */
    protected abstract float[] computeLogits(Ordering.Position p);

    /**
     * Called when the values of {@code p} are in the canvas, before the decoder moves on.
     *
     * @param logitsComputed whether {@link #computeLogits} ran for p
     */
    protected abstract void accepted(Ordering.Position p, boolean logitsComputed);

    /** Releases what the decoder holds; further calls throw. */
    protected abstract void release();

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the decoder is closed");
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
