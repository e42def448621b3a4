package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.nn.Slices;
import io.github.pixelrnn.nn.Step;

/**
 * The decoder that reuses every layer's past work: the network's {@link Step} visits each pixel
 * once per colour, for that colour's logits, and once more when the pixel is complete, so each
 * sub-pixel costs one position of every layer. Its state lives on its own manager, released on
 * close; the temporaries of a pixel live on a sub-manager that closes once the pixel is
 * complete.
 *
 * <p>While it is open, a decoder with small steps runs libtorch on one intra-op thread
 * ({@link DecoderThreads}).
 */
final class CachedDecoder extends Decoder {
    private final NDManager manager;
    private final Step network;
    private final float scale;
    private final int valuesPerSubPixel;
    /** The current pixel's temporaries; null between pixels. */
    private NDManager pixelScope;
    private final boolean singleThreaded;

    CachedDecoder(PixelModel model, int n, int[] classes) {
        super(model, n, classes);
        this.singleThreaded = DecoderThreads.small(model, n);
        if (singleThreaded) {
            DecoderThreads.enter();
        }
        this.manager = model.manager().newSubManager();
        this.scale = 2.0f / (model.config().levels() - 1);
        this.valuesPerSubPixel = model.config().valuesPerSubPixel();
        this.network = model.networkStep(manager, n, classes);
    }

    @Override
    protected float[] computeLogits(Ordering.Position p) {
        NDArray all = network.step(pixel(p), null, new Step.Cursor(p.y(), p.x(), p.channel())); // (N, C·K)
        if (channels == 1) {
            return all.toFloatArray();
        }
        long from = (long) p.channel() * valuesPerSubPixel;
        return Slices.narrow(all, 1, from, from + valuesPerSubPixel).duplicate().toFloatArray(); // (N, K)
    }

    @Override
    protected void accepted(Ordering.Position p, boolean logitsComputed) {
        if (p.channel() != channels - 1) {
            return;
        }
        network.step(pixel(p), null, new Step.Cursor(p.y(), p.x(), channels)); // the complete pixel
        pixelScope.close();
        pixelScope = null;
    }

    /**
     * The pixel of {@code p}, (N, C) scaled like {@link PixelModel#logits}: the colours accepted so
     * far, and the others as zero values (the masks give them exactly zero weight).
     */
    private NDArray pixel(Ordering.Position p) {
        if (pixelScope == null) {
            pixelScope = manager.newSubManager();
        }
        float[] v = new float[n * channels];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                v[i * channels + c] = value(i, (c * height + p.y()) * width + p.x()) * scale - 1f;
            }
        }
        return pixelScope.create(v, new Shape(n, channels));
    }

    @Override
    protected void release() {
        manager.close();
        if (singleThreaded) {
            DecoderThreads.exit();
        }
    }
}
