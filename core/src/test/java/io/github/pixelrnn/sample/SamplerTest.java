package io.github.pixelrnn.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import io.github.pixelrnn.model.RnnMode;
import io.github.pixelrnn.model.RnnCell;
import io.github.pixelrnn.model.Architecture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.model.DecoderChecks;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.MultiScale;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Rng;
import org.junit.jupiter.api.Test;

/** The sampling loop draws from the model's own distribution and keeps known pixels. */
class SamplerTest {
    static final ModelConfig TINY = ModelConfig.builder(Architecture.PIXELCNN, 1, 2, 2, 2).hidden(4).layers(1).outMaps(8).build();

    @Test
    void samplesFollowTheModelsExactProbabilities() {
        samplesFollowExactProbabilities(TINY);
    }

    /** A multi-scale model samples its grid pixel (0, 0) first, then the rest given it. */
    @Test
    void multiScaleSamplesFollowTheModelsExactProbabilities() {
        samplesFollowExactProbabilities(ModelConfig.builder(Architecture.MULTISCALE, 1, 2, 2, 2).hidden(4).layers(1).outMaps(8).scales(new MultiScale(2, 4, Architecture.ROW_LSTM, Architecture.PIXELCNN)).build());
    }

    /** Recompute's cropped rows give the same distribution as the whole canvas, in every phase. */
    @Test
    void croppedRecomputationMatchesTheFullNetwork() {
        ModelConfig c = ModelConfig.builder(Architecture.MULTISCALE, 3, 4, 6, 256).hidden(6).layers(1).outMaps(24).scales(new MultiScale(2, 4, Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM)).build();
        try (PixelModel m = PixelModel.create(c, 8)) {
            int n = 2;
            float[] canvas = DecoderChecks.randomImages(c, n, 2);
            try (Recompute recompute = new Recompute(m, n)) {
                DecoderChecks.assertMatchesFullPass(m, recompute, canvas, n, 1e-4);
            }
        }
    }

    private static void samplesFollowExactProbabilities(ModelConfig config) {
        int n = 20000;
        try (PixelModel m = PixelModel.create(config, 3)) {
            float[] s = new Sampler().sample(m, n, new Rng(1), null);
            int[] counts = new int[16];
            for (int i = 0; i < n; i++) {
                int code = 0;
                for (int d = 0; d < 4; d++) {
                    code = code * 2 + (int) s[i * 4 + d];
                }
                counts[code]++;
            }
            float[] all = new float[16 * 4];
            for (int code = 0; code < 16; code++) {
                for (int d = 0; d < 4; d++) {
                    all[code * 4 + d] = (code >> (3 - d)) & 1;
                }
            }
            float[] ll = Evaluator.logLikelihoods(m, all, 16);
            for (int code = 0; code < 16; code++) {
                double p = Math.exp(ll[code]);
                double sd = Math.sqrt(n * p * (1 - p));
                assertEquals(n * p, counts[code], 5 * sd + 1, "image " + code + " with p=" + p);
            }
        }
    }

    @Test
    void completionKeepsKnownPixelsAndIsReproducible() {
        ModelConfig c = ModelConfig.builder(Architecture.PIXELCNN, 3, 4, 4, 256).hidden(6).layers(1).outMaps(8).build();
        try (PixelModel m = PixelModel.create(c, 4)) {
            int n = 3;
            float[] canvas = new float[n * c.dims()];
            boolean[] known = new boolean[canvas.length];
            Rng r = new Rng(9);
            for (int i = 0; i < canvas.length; i++) {
                canvas[i] = r.nextInt(256);
                known[i] = (i / 4) % 4 < 2; // rows 0-1 of every channel known
            }
            float[] a = new Sampler().complete(m, canvas, known, n, new Rng(5), null);
            float[] b = new Sampler().complete(m, canvas, known, n, new Rng(5), null);
            float[] other = new Sampler().complete(m, canvas, known, n, new Rng(6), null);
            assertArrayEquals(a, b, 0f);
            boolean differs = false;
            for (int i = 0; i < a.length; i++) {
                if (known[i]) {
                    assertEquals(canvas[i], a[i], 0f, "known sub-pixel " + i + " changed");
                } else {
                    assertTrue(a[i] >= 0 && a[i] <= 255 && a[i] == Math.rint(a[i]));
                    differs |= a[i] != other[i];
                }
            }
            assertTrue(differs, "another seed should give other completions");
        }
    }

    /** With a fixed seed both decoders draw the same images: their logits agree to float precision. */
    @Test
    void cachedAndNaiveDecodersDrawTheSameImages() {
        java.util.List<ModelConfig> configs = java.util.List.of(
                ModelConfig.builder(Architecture.PIXELCNN, 3, 4, 4, 256).hidden(6).layers(2).outMaps(24).build(),
                ModelConfig.builder(Architecture.ROW_LSTM, 1, 6, 6, 2).hidden(4).layers(2).outMaps(24).build(),
                ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 1, 6, 6, 2).hidden(4).layers(2).outMaps(24).connections(false, true).build(),
                ModelConfig.builder(Architecture.MULTISCALE, 1, 6, 6, 2).hidden(4).layers(1).outMaps(24).scales(new MultiScale(2, 4, Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM)).build(),
                ModelConfig.builder(Architecture.ROW_RNN, 1, 5, 4, 2).hidden(6).layers(2).recurrence(RnnCell.GRU, RnnMode.MANY_TO_ONE).bidirectional(true).build());
        long seed = 11;
        for (ModelConfig c : configs) {
            try (PixelModel m = PixelModel.create(c, seed)) {
                float[] cached = new Sampler(Strategy.CACHED).sample(m, 5, new Rng(seed), null);
                float[] naive = new Sampler(Strategy.NAIVE).sample(m, 5, new Rng(seed), null);
                assertArrayEquals(naive, cached, 0f, c.describe());
            }
            seed++;
        }
    }

    /** Completion with the cached decoder keeps every known sub-pixel, whatever the order of the model. */
    @Test
    void cachedCompletionKeepsKnownSubPixels() {
        java.util.List<ModelConfig> configs = java.util.List.of(
                ModelConfig.builder(Architecture.MULTISCALE, 3, 4, 4, 256).hidden(6).layers(1).outMaps(24).scales(new MultiScale(2, 4, Architecture.ROW_LSTM, Architecture.PIXELCNN)).build(),
                ModelConfig.builder(Architecture.ROW_RNN, 1, 5, 4, 2).hidden(6).layers(2).recurrence(RnnCell.LSTM, RnnMode.MANY_TO_MANY).batchNorm(true).build());
        for (ModelConfig c : configs) {
            try (PixelModel m = PixelModel.create(c, 2)) {
                int n = 3;
                float[] canvas = DecoderChecks.randomImages(c, n, 4);
                boolean[] known = new boolean[canvas.length];
                Rng r = new Rng(5);
                for (int i = 0; i < known.length; i++) {
                    known[i] = r.nextDouble() < 0.5; // scattered, grid pixels and colours included
                }
                float[] out = new Sampler().complete(m, canvas, known, n, new Rng(6), null);
                for (int i = 0; i < out.length; i++) {
                    if (known[i]) {
                        assertEquals(canvas[i], out[i], 0f, c.describe() + ": known sub-pixel " + i + " changed");
                    }
                }
            }
        }
    }
}
