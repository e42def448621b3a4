package io.github.pixelrnn.model;

import ai.djl.ndarray.NDManager;

/**
 * The decoder that reuses every layer's past work ({@link NetworkDecoder}): each sub-pixel costs
 * one position of every layer. Its state lives on its own manager, released on close; the
 * temporaries of a pixel live on a sub-manager that closes once the pixel is committed.
 *
 * <p>A pixel of a colour image runs once per colour, each time with the colours before known.
 * The run for the last colour already gives the pixel's final states (a layer's features of
 * colour group g never see the pixel's colours g and after), so the commit reuses them; when
 * that run is not needed (its sub-pixels are known) the commit runs the layers without the
 * output stack.
 *
 * <p>While it is open, a decoder with small steps runs libtorch on one intra-op thread
 * ({@link DecoderThreads}).
 */
final class CachedDecoder extends Decoder {
    private final NDManager manager;
    private final NetworkDecoder network;
    private final float scale;
    /** The current pixel's temporaries; null between pixels. */
    private NDManager pixelScope;
    /** Whether the current pixel ran at its last colour (its states are final). */
    private boolean stepped;
    private final boolean singleThreaded;

    CachedDecoder(PixelModel model, int n) {
        super(model, n);
        this.singleThreaded = DecoderThreads.small(model, n);
        if (singleThreaded) {
            DecoderThreads.enter();
        }
        this.manager = model.manager().newSubManager();
        this.scale = 2.0f / (model.config().levels() - 1);
        this.network = model.networkDecoder(manager, n);
    }

    @Override
    protected float[] computeLogits(Ordering.Position p) {
        float[] logits = network.logits(p.y(), p.x(), p.channel(), pixel(p));
        stepped = p.channel() == channels - 1;
        return logits;
    }

    @Override
    protected void accepted(Ordering.Position p, boolean logitsComputed) {
        if (p.channel() != channels - 1) {
            return;
        }
        network.commit(p.y(), p.x(), pixel(p), stepped);
        pixelScope.close();
        pixelScope = null;
        stepped = false;
    }

    /**
     * The pixel of {@code p}, scaled like {@link PixelModel#logits}: the colours accepted so far,
     * and the others as zero values (the masks give them exactly zero weight).
     */
    private Pixel pixel(Ordering.Position p) {
        if (pixelScope == null) {
            pixelScope = manager.newSubManager();
        }
        float[] v = new float[n * channels];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                v[i * channels + c] = value(i, (c * height + p.y()) * width + p.x()) * scale - 1f;
            }
        }
        return new Pixel(v, n, channels, pixelScope);
    }

    @Override
    protected void release() {
        manager.close();
        if (singleThreaded) {
            DecoderThreads.exit();
        }
    }
}
