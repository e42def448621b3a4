package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.nn.Step;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incremental decoder (docs/incremental-decoding.md) gives the full pass's logits at every sub-pixel, for every
 * architecture, binary and RGB 256-way, every multi-scale pairing, every row-RNN mode, with and
 * without residual and skip connections, on real MNIST digits and on random images; it is
 * deterministic, releases what it allocates, and refuses calls out of order.
 */
class DecoderTest {
    private static final double TOLERANCE = 1e-4;
    /** Four binarized MNIST test digits (the fixed evaluation binarization), N×1×28×28. */
    private static float[] digits;

    @BeforeAll
    static void loadDigits() {
        ModelConfig binary = mnist(Architecture.PIXELCNN);
        ImageSet test = EvalData.prepare(Mnist.load(false, null).slice(0, 4), binary, Binarization.Mode.STOCHASTIC, 0.5);
        digits = test.toFloats(0, 4);
    }

    private static ModelConfig tiny(Architecture arch, int channels, int size, int levels, int hidden, int layers,
            boolean residual, boolean skip) {
        return ModelConfig.builder(arch, channels, size, size, levels).hidden(hidden).layers(layers).outMaps(24).connections(residual, skip).build();
    }

    /** A small binary 28×28 model of {@code arch}. */
    private static ModelConfig mnist(Architecture arch) {
        return tiny(arch, 1, 28, 2, 4, 2, true, true);
    }

    private static void onRandomImages(ModelConfig c, long seed) {
        try (PixelModel m = PixelModel.create(c, seed)) {
            int n = 3;
            DecoderChecks.assertMatchesFullPass(m, DecoderChecks.randomImages(c, n, seed), n, TOLERANCE);
        }
    }

    private static void onDigits(ModelConfig c, long seed) {
        try (PixelModel m = PixelModel.create(c, seed)) {
            DecoderChecks.assertMatchesFullPass(m, digits, 4, TOLERANCE);
        }
    }

    private static void everyConnection(Architecture arch, int channels, int size, int levels, long seed) {
        int hidden = channels == 1 ? 4 : 6;
        for (boolean residual : new boolean[] {true, false}) {
            for (boolean skip : new boolean[] {true, false}) {
                onRandomImages(tiny(arch, channels, size, levels, hidden, 2, residual, skip), seed++);
            }
        }
    }

    @Test
    void pixelCnnMatchesTheFullPass() {
        everyConnection(Architecture.PIXELCNN, 1, 6, 2, 1);
        everyConnection(Architecture.PIXELCNN, 3, 5, 256, 5);
        onDigits(mnist(Architecture.PIXELCNN), 9);
    }

    @Test
    void gatedPixelCnnMatchesTheFullPass() {
        everyConnection(Architecture.GATED_PIXELCNN, 1, 6, 2, 51);
        everyConnection(Architecture.GATED_PIXELCNN, 3, 5, 256, 55);
        onDigits(mnist(Architecture.GATED_PIXELCNN), 59);
    }

    @Test
    void rowLstmMatchesTheFullPass() {
        everyConnection(Architecture.ROW_LSTM, 1, 6, 2, 11);
        everyConnection(Architecture.ROW_LSTM, 3, 5, 256, 15);
        onDigits(mnist(Architecture.ROW_LSTM), 19);
    }

    @Test
    void diagonalBiLstmMatchesTheFullPass() {
        everyConnection(Architecture.DIAGONAL_BILSTM, 1, 6, 2, 21);
        everyConnection(Architecture.DIAGONAL_BILSTM, 3, 5, 256, 25);
        onRandomImages(tiny(Architecture.DIAGONAL_BILSTM, 1, 7, 2, 4, 1, true, true).toBuilder().image(1, 3, 8, 2).build(), 29); // wider than high
        onRandomImages(tiny(Architecture.DIAGONAL_BILSTM, 1, 7, 2, 4, 1, true, true).toBuilder().image(1, 8, 3, 2).build(), 30); // higher than wide
        onDigits(mnist(Architecture.DIAGONAL_BILSTM), 31);
    }

    @Test
    void everyMultiScalePairingMatchesTheFullPass() {
        long seed = 41;
        for (Architecture small : MultiScale.SCALES) {
            for (Architecture large : MultiScale.SCALES) {
                onRandomImages(tiny(Architecture.MULTISCALE, 1, 6, 2, 4, 2, true, true)
                        .toBuilder().scales(new MultiScale(2, 4, small, large)).build(), seed++);
                onRandomImages(tiny(Architecture.MULTISCALE, 3, 4, 256, 6, 1, true, true)
                        .toBuilder().scales(new MultiScale(2, 4, small, large)).build(), seed++);
            }
        }
        onRandomImages(tiny(Architecture.MULTISCALE, 1, 6, 2, 4, 1, false, false)
                .toBuilder().scales(new MultiScale(3, 4, Architecture.ROW_LSTM, Architecture.PIXELCNN)).build(), seed++);
        onDigits(mnist(Architecture.MULTISCALE).toBuilder().scales(new MultiScale(2, 4, Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM)).build(), seed);
    }

    @Test
    void everyRowRnnModeMatchesTheFullPass() {
        ModelConfig base = ModelConfig.builder(Architecture.ROW_RNN, 1, 5, 4, 2).hidden(6).layers(2).build();
        long seed = 61;
        for (RnnCell cell : RnnCell.values()) {
            for (RnnMode mode : RnnMode.values()) {
                for (boolean norm : new boolean[] {false, true}) {
                    onRandomImages(base.toBuilder().recurrence(cell, mode).batchNorm(norm).build(), seed++);
                }
            }
            onRandomImages(base.toBuilder().recurrence(cell, RnnMode.MANY_TO_ONE).bidirectional(true).build(), seed++);
            onRandomImages(base.toBuilder().recurrence(cell, RnnMode.MANY_TO_ONE).bidirectional(true).batchNorm(true).build(), seed++);
        }
        onRandomImages(ModelConfig.builder(Architecture.ROW_RNN, 3, 4, 3, 256).hidden(6).layers(1).recurrence(RnnCell.LSTM, RnnMode.MANY_TO_MANY).build(), seed++);
        onRandomImages(ModelConfig.builder(Architecture.ROW_RNN, 3, 4, 3, 256).hidden(6).layers(1).recurrence(RnnCell.GRU, RnnMode.MANY_TO_ONE).bidirectional(true).build(), seed++);
        onDigits(ModelConfig.builder(Architecture.ROW_RNN, 1, 28, 28, 2).layers(2).recurrence(RnnCell.LSTM, RnnMode.MANY_TO_MANY).build(), seed);
    }

    /** Two decoders fed the same images give bit-identical logits at every sub-pixel. */
    @Test
    void decodersAreDeterministic() {
        List<ModelConfig> configs = List.of(tiny(Architecture.PIXELCNN, 3, 4, 256, 6, 2, true, true),
                tiny(Architecture.ROW_LSTM, 1, 5, 2, 4, 2, true, true), tiny(Architecture.DIAGONAL_BILSTM, 3, 4, 256, 6, 1, true, true),
                tiny(Architecture.MULTISCALE, 1, 6, 2, 4, 1, true, true)
                        .toBuilder().scales(new MultiScale(2, 4, Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM)).build(),
                ModelConfig.builder(Architecture.ROW_RNN, 1, 5, 4, 2).hidden(6).layers(2).recurrence(RnnCell.LSTM, RnnMode.MANY_TO_ONE).bidirectional(true).build());
        long seed = 81;
        for (ModelConfig c : configs) {
            try (PixelModel m = PixelModel.create(c, seed)) {
                int n = 2;
                float[] images = DecoderChecks.randomImages(c, n, seed++);
                try (Decoder a = m.decoder(n); Decoder b = m.decoder(n)) {
                    float[] values = new float[n];
                    while (!a.done()) {
                        Ordering.Position p = a.position();
                        assertEquals(p, b.position());
                        assertTrue(Arrays.equals(a.logits(), b.logits()), c.describe() + " at " + p);
                        for (int i = 0; i < n; i++) {
                            values[i] = images[i * c.dims() + p.offset(c.height(), c.width())];
                        }
                        a.accept(values);
                        b.accept(values);
                    }
                    assertTrue(b.done());
                    assertArrayEquals(images, a.values());
                }
            }
        }
    }

    /**
     * Known sub-pixels may pass without their logits (completion, the compressor's decoder):
     * skipping logits() changes nothing that follows.
     */
    @Test
    void skippingLogitsChangesNothing() {
        ModelConfig c = tiny(Architecture.MULTISCALE, 3, 4, 256, 6, 1, true, true)
                .toBuilder().scales(new MultiScale(2, 4, Architecture.ROW_LSTM, Architecture.DIAGONAL_BILSTM)).build();
        try (PixelModel m = PixelModel.create(c, 3)) {
            int n = 2;
            float[] images = DecoderChecks.randomImages(c, n, 4);
            try (Decoder all = m.decoder(n); Decoder some = m.decoder(n)) {
                float[] values = new float[n];
                while (!all.done()) {
                    Ordering.Position p = all.position();
                    float[] want = all.logits();
                    if (p.index() % 3 != 1) { // some sub-pixels, first colours included, pass unasked
                        assertTrue(Arrays.equals(want, some.logits()), "at " + p);
                    }
                    for (int i = 0; i < n; i++) {
                        values[i] = images[i * c.dims() + p.offset(c.height(), c.width())];
                    }
                    all.accept(values);
                    some.accept(values);
                }
            }
        }
    }

    /** Decoding many images leaves no array behind on the model's manager. */
    @Test
    void decodingLeavesNoArrayBehind() {
        List<ModelConfig> configs = List.of(tiny(Architecture.PIXELCNN, 3, 4, 256, 6, 2, true, true),
                tiny(Architecture.ROW_LSTM, 1, 5, 2, 4, 2, true, true), tiny(Architecture.DIAGONAL_BILSTM, 1, 5, 2, 4, 2, true, true),
                tiny(Architecture.MULTISCALE, 1, 6, 2, 4, 1, true, true)
                        .toBuilder().scales(new MultiScale(2, 4, Architecture.PIXELCNN, Architecture.DIAGONAL_BILSTM)).build(),
                ModelConfig.builder(Architecture.ROW_RNN, 1, 5, 4, 2).hidden(6).layers(2).recurrence(RnnCell.GRU, RnnMode.MANY_TO_MANY).batchNorm(true).build(),
                ModelConfig.builder(Architecture.ROW_RNN, 1, 5, 4, 2).hidden(6).layers(2).recurrence(RnnCell.LSTM, RnnMode.MANY_TO_ONE).bidirectional(true).build());
        for (ModelConfig c : configs) {
            try (PixelModel m = PixelModel.create(c, 5)) {
                BaseNDManager manager = (BaseNDManager) m.manager();
                int before = -1;
                for (int round = 0; round < 4; round++) {
                    int n = 2 + round;
                    float[] images = DecoderChecks.randomImages(c, n, round);
                    DecoderChecks.assertMatchesFullPass(m, images, n, TOLERANCE);
                    int live = manager.getManagedArrays().size();
                    if (round == 0) {
                        before = live;
                    }
                    assertEquals(before, live, c.describe() + ": live arrays after decode " + round);
                }
            }
        }
    }

    @Test
    void callsOutOfOrderAreErrors() {
        ModelConfig c = tiny(Architecture.ROW_LSTM, 1, 3, 2, 4, 1, true, true);
        try (PixelModel m = PixelModel.create(c, 1)) {
            Decoder d = m.decoder(2);
            assertThrows(IllegalArgumentException.class, () -> d.accept(new float[] {0}), "too few values");
            assertThrows(IllegalArgumentException.class, () -> d.accept(new float[] {0, 2}), "not a level");
            assertThrows(IllegalArgumentException.class, () -> d.accept(new float[] {0, 0.5f}), "not a level");
            assertThrows(IllegalArgumentException.class, () -> d.accept(new float[] {Float.NaN, 0}), "not a level");
            assertEquals(0, d.position().index(), "a refused call does not move the decoder");
            while (!d.done()) {
                d.logits();
                d.accept(new float[] {1, 0});
            }
            assertThrows(IllegalStateException.class, d::logits);
            assertThrows(IllegalStateException.class, () -> d.accept(new float[] {0, 0}));
            assertThrows(IllegalStateException.class, d::position);
            d.close();
            d.close(); // twice is fine
            assertThrows(IllegalStateException.class, d::logits);
            assertThrows(IllegalArgumentException.class, () -> m.decoder(0));
        }
    }

    /**
     * The networks' steps refuse pixels out of turn, so no caller can get logits of the wrong pixel:
     * a pixel after the next, the next before the current one is complete, an earlier one.
     */
    @Test
    void networkStepsRefusePixelsOutOfTurn() {
        for (ModelConfig c : List.of(tiny(Architecture.PIXELCNN, 1, 4, 2, 4, 1, true, true),
                tiny(Architecture.ROW_LSTM, 1, 4, 2, 4, 1, true, true),
                tiny(Architecture.MULTISCALE, 1, 4, 2, 4, 1, true, true)
                        .toBuilder().scales(new MultiScale(2, 4, Architecture.ROW_LSTM, Architecture.PIXELCNN)).build(),
                ModelConfig.builder(Architecture.ROW_RNN, 1, 4, 4, 2).hidden(6).layers(1).recurrence(RnnCell.LSTM, RnnMode.MANY_TO_MANY).build())) {
            try (PixelModel m = PixelModel.create(c, 1);
                    ai.djl.ndarray.NDManager nd = m.manager().newSubManager()) {
                Step net = m.networkStep(nd, 1, null);
                NDArray pixel = nd.create(new float[] {-1f}, new Shape(1, 1));
                assertThrows(IllegalStateException.class, () -> net.step(pixel, null, new Step.Cursor(0, 1, 0)),
                        c.describe());
                net.step(pixel, null, new Step.Cursor(0, 0, 0)); // the logits of (0, 0)
                if (c.multiScale() == null) {
                    assertThrows(IllegalStateException.class, () -> net.step(pixel, null, new Step.Cursor(0, 1, 0)),
                            "(0, 1) before (0, 0) is complete");
                }
                net.step(pixel, null, new Step.Cursor(0, 0, 1)); // (0, 0) complete
                if (c.multiScale() != null) {
                    assertThrows(IllegalStateException.class, () -> net.step(pixel, null, new Step.Cursor(0, 1, 0)),
                            "an off-grid pixel before the small image is complete");
                } else {
                    assertThrows(IllegalStateException.class, () -> net.step(pixel, null, new Step.Cursor(0, 2, 0)),
                            "(0, 2) after (0, 0)");
                    net.step(pixel, null, new Step.Cursor(0, 1, 0));
                    assertThrows(IllegalStateException.class, () -> net.step(pixel, null, new Step.Cursor(0, 0, 1)),
                            "(0, 0) again");
                }
            }
        }
    }

    /** Sampled values are levels; the decoder's images are the accepted ones. */
    @Test
    void valuesAreTheAcceptedOnes() {
        ModelConfig c = tiny(Architecture.PIXELCNN, 1, 3, 2, 4, 1, true, true);
        try (PixelModel m = PixelModel.create(c, 1); Decoder d = m.decoder(1)) {
            float[] image = DecoderChecks.randomImages(c, 1, 3);
            for (int k = 0; !d.done(); k++) {
                assertFalse(d.done());
                d.accept(new float[] {image[d.position().offset(3, 3)]});
            }
            assertArrayEquals(image, d.values());
        }
    }
}
