package io.github.pixelrnn.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op threads while cached decoders with small steps are open: one. A step of
 * such a decoder is a chain of small products (pixelcnn-mnist at 64 images: 64×64 by 64×32),
 * too small for a second thread to pay for waking it: 64 images of pixelcnn-mnist took 1.0–1.3 s
 * with one thread against 1.5–1.8 s with two, rowrnn-mnist 0.12 against 0.3–0.4 s (2-core
 * machine, warm runs). The setting is the engine's, so it is restored when the last such decoder
 * closes; decoders with large steps leave it alone. {@link #single} asks for one thread for any
 * work, as the compressor does, whose floats must not depend on the thread count.
 */
public final class DecoderThreads {
    /** Steps below this many floating-point operations run on one thread. */
    static final double SMALL_STEP_FLOPS = 100e6;

    private static int open;
    private static int saved;

    private DecoderThreads() {
    }

    /** Whether a decoder of {@code n} images of {@code model} has small steps. */
    static boolean small(PixelModel model, int n) {
        ModelConfig c = model.config();
        return model.forwardFlopsPerImage() * (double) n / (c.height() * c.width()) < SMALL_STEP_FLOPS;
    }

    /** One intra-op thread until the scope closes. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** libtorch on one intra-op thread until the returned scope closes (nested scopes allowed). */
    public static Scope single() {
        enter();
        return DecoderThreads::exit;
    }

    static synchronized void enter() {
        if (open++ == 0) {
            saved = JniUtils.getNumThreads();
            if (saved > 1) {
                JniUtils.setNumThreads(1);
            }
        }
    }

    static synchronized void exit() {
        if (--open == 0 && saved > 1) {
            JniUtils.setNumThreads(saved);
        }
    }
}
