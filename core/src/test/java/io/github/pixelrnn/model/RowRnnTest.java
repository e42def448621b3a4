package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.train.MnistEndToEndTest;
import io.github.pixelrnn.store.TrainConfig;
import io.github.pixelrnn.train.CheckpointTest;
import io.github.pixelrnn.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import io.github.pixelrnn.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowRnnTest {

    static ModelConfig tiny(int channels, int h, int w, int levels, RnnCell cell, boolean bidi, RnnMode mode) {
        return ModelConfig.builder(Architecture.ROW_RNN, channels, h, w, levels).hidden(8).layers(2).recurrence(cell, mode).bidirectional(bidi).build();
    }

    /**
     * Row causality, stricter than raster order: every sub-pixel of row y depends on no input in
     * rows y and below, and (for y > 0) on some input above. Implies {@link ModelChecks#assertCausal}'s
     * zero-gradient condition; that check's "depends on something earlier" condition does not
     * hold in row 0 of this model, whose pixels depend on the learned start row only.
     */
    static void assertRowCausal(PixelModel m, int probes, long seed) {
        assertRowCausal(m, probes, seed, null);
    }

    /** {@link #assertRowCausal(PixelModel, int, long)} for p(x | y), y = {@code cls}. */
    static void assertRowCausal(PixelModel m, int probes, long seed, Integer cls) {
        ModelConfig c = m.config();
        int h = c.height();
        int w = c.width();
        Rng rng = new Rng(seed);
        for (int p = 0; p <= probes; p++) {
            int k = p == probes ? c.dims() - 1 : rng.nextInt(c.dims());
            int kc = k / (h * w);
            int ky = (k / w) % h;
            int kx = k % w;
            boolean[] dep = ModelChecks.dependsOn(m, kc, ky, kx, seed + p, cls);
            boolean above = false;
            for (int j = 0; j < dep.length; j++) {
                int jy = (j / w) % h;
                if (jy >= ky && dep[j]) {
                    fail("sub-pixel (c=" + kc + ", y=" + ky + ", x=" + kx + ") depends on input (c=" + j / (h * w)
                            + ", y=" + jy + ", x=" + j % w + ")");
                }
                above |= dep[j];
            }
            if (ky > 0) {
                assertTrue(above, "row " + ky + " ignores the rows above it");
            }
        }
    }

    @Test
    void manyToManyIsRowCausal() {
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_MANY), 1)) {
            assertRowCausal(m, 10, 3);
        }
        try (PixelModel m = PixelModel.create(tiny(3, 4, 3, 256, RnnCell.GRU, false, RnnMode.MANY_TO_MANY), 2)) {
            assertRowCausal(m, 10, 4);
        }
    }

    @Test
    void manyToOneIsRowCausalUniAndBidirectional() {
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_ONE), 3)) {
            assertRowCausal(m, 10, 5);
        }
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, RnnCell.LSTM, true, RnnMode.MANY_TO_ONE), 4)) {
            assertRowCausal(m, 10, 6);
        }
        try (PixelModel m = PixelModel.create(tiny(3, 4, 3, 256, RnnCell.GRU, true, RnnMode.MANY_TO_ONE), 5)) {
            assertRowCausal(m, 10, 7);
        }
    }

    @Test
    void probabilitiesOfAllTinyImagesSumToOne() {
        for (RnnMode mode : RnnMode.values()) {
            try (PixelModel m = PixelModel.create(tiny(1, 2, 2, 2, RnnCell.LSTM, false, mode), 6)) {
                ModelChecks.assertNormalised(m, 1e-5);
            }
            try (PixelModel m = PixelModel.create(tiny(1, 2, 1, 2, RnnCell.GRU, false, mode), 7)) {
                ModelChecks.assertNormalised(m, 1e-5);
            }
            try (PixelModel m = PixelModel.create(tiny(1, 1, 2, 256, RnnCell.LSTM, false, mode), 8)) {
                ModelChecks.assertNormalised(m, 1e-4);
            }
        }
        try (PixelModel m = PixelModel.create(tiny(1, 2, 2, 2, RnnCell.LSTM, true, RnnMode.MANY_TO_ONE), 9)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
    }

    private static float[] perImage(PixelModel m, float[] images, int n) {
        ModelConfig c = m.config();
        try (NDManager s = m.manager().newSubManager()) {
            NDArray x = s.create(images, new Shape(n, c.channels(), c.height(), c.width()));
            return m.logLikelihood(x).sum(new int[] {1, 2, 3}).toFloatArray();
        }
    }

    @Test
    void manyToOneAndManyToManyAgreeForAUnidirectionalNetwork() {
        for (RnnCell cell : RnnCell.values()) {
            for (int levels : new int[] {2, 256}) {
                ModelConfig m2m = tiny(levels == 2 ? 1 : 3, 7, 4, levels, cell, false, RnnMode.MANY_TO_MANY);
                ModelConfig m2o = m2m.toBuilder().recurrence(cell, RnnMode.MANY_TO_ONE).build();
                int n = 5;
                float[] images = new float[n * m2m.dims()];
                Rng rng = new Rng(11);
                for (int i = 0; i < images.length; i++) {
                    images[i] = rng.nextInt(levels);
                }
                try (PixelModel a = PixelModel.create(m2m, 12); PixelModel b = PixelModel.create(m2o, 12)) {
                    var pa = a.parameters();
                    var pb = b.parameters();
                    for (int i = 0; i < pa.size(); i++) {
                        assertArrayEquals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray(),
                                "same seed, same weights: " + pa.get(i).getName());
                    }
                    assertArrayEquals(perImage(a, images, n), perImage(b, images, n), 1e-4f, cell + " " + levels);
                }
            }
        }
    }

    @Test
    void bidirectionalManyToManyIsRejected() {
        UserError e = assertThrows(UserError.class, () -> tiny(1, 4, 4, 2, RnnCell.LSTM, true, RnnMode.MANY_TO_MANY));
        assertTrue(e.getMessage().startsWith("bidirectional rowrnn needs --mode many-to-one"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(UserError.class, () -> RnnCell.named("rnn"));
        assertThrows(UserError.class, () -> RnnMode.named("one-to-one"));
    }

    @Test
    void checkpointRoundTripGivesIdenticalLogits(@TempDir Path dir) {
        for (ModelConfig c : new ModelConfig[] {tiny(1, 6, 5, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_MANY),
                tiny(3, 4, 3, 256, RnnCell.GRU, true, RnnMode.MANY_TO_ONE)}) {
            float[] image = new float[2 * c.dims()];
            Rng rng = new Rng(3);
            for (int i = 0; i < image.length; i++) {
                image[i] = rng.nextInt(c.levels());
            }
            Path ck = dir.resolve(c.cell() + "-" + c.mode());
            float[] before;
            try (PixelModel m = PixelModel.create(c, 21)) {
                before = logits(m, image, 2);
                Checkpoint.save(ck, m, CheckpointTest.train(1), new Checkpoint.State(0, 21, null, 1, 2));
            }
            try (Checkpoint.Loaded l = Checkpoint.load(ck)) {
                assertEquals(c, l.model().config());
                assertArrayEquals(before, logits(l.model(), image, 2), 0f);
            }
        }
    }

    private static float[] logits(PixelModel m, float[] images, int n) {
        ModelConfig c = m.config();
        try (NDManager s = m.manager().newSubManager()) {
            NDArray x = s.create(images, new Shape(n, c.channels(), c.height(), c.width()));
            return m.logits(x, false).toFloatArray();
        }
    }

    /** Real MNIST: a short run must clearly beat independent Bernoullis (about 206 nats). */
    @Test
    void shortMnistRunBeatsTheIndependentPixelBaseline(@TempDir Path dir) {
        ImageSet train = Mnist.load(true, null);
        ModelConfig cfg = Presets.get("rowrnn-mnist").model();
        ImageSet test = EvalData.prepare(Mnist.load(false, null), cfg, Binarization.Mode.STOCHASTIC, 0.5);
        double baseline = MnistEndToEndTest.independentPixelBaseline(train, test);
        TrainConfig tc = TrainConfig.builder()
                .setDataset("mnist")
                .setBatchSize(32)
                .optSteps(300)
                .optLearningRate(5e-3)
                .optWarmupSteps(10)
                .optClipNorm(100)
                .optEvalEvery(0)
                .optCheckpointEvery(0)
                .optValidationSize(0)
                .optSampleCount(0)
                .build();
        long t0 = System.nanoTime();
        double nll;
        try (Trainer.Result r = Trainer.run(dir, cfg, tc, train, false)) {
            PixelModel m = r.model(); // the trained model, as the checkpoint holds it
            nll = Evaluator.evaluate(m, test, 500, null).natsPerImage();
        }
        System.err.printf("independent-pixel baseline %.2f nats, rowrnn-mnist after 300 steps %.2f nats (%.1f s)%n",
                baseline, nll, (System.nanoTime() - t0) / 1e9);
        assertTrue(nll < baseline - 50, "test NLL " + nll + " is not clearly below the baseline " + baseline);
    }

    @Test
    void countsItsArithmetic() {
        // per step: 4 gates · 8 units · (5 inputs + 8) + 4 · 8 · (8 + 8) = 928 multiply-adds; head 6·8·5
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_MANY), 1)) {
            assertEquals(2 * (6 * 928 + 6 * 8 * 5), m.forwardFlopsPerImage());
        }
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_ONE), 1)) {
            assertEquals(2 * (36 * 928 + 6 * 8 * 5), m.forwardFlopsPerImage());
        }
    }

    private static ModelConfig normed(ModelConfig c) {
        return c.toBuilder().recurrence(c.cell(), c.mode()).bidirectional(c.bidirectional()).batchNorm(true).build();
    }

    /**
     * Batch norm in training mode ties the images of a batch together, so causality is checked
     * on a batch of 3: log p of a sub-pixel in row y of image 0 has zero gradient with respect to
     * rows y and below of every image, and a non-zero one somewhere above.
     */
    static void assertBatchRowCausal(PixelModel m, int probes, long seed) {
        ModelConfig c = m.config();
        int n = 3;
        int h = c.height();
        int w = c.width();
        Rng rng = new Rng(seed);
        float[] images = new float[n * c.dims()];
        for (int i = 0; i < images.length; i++) {
            images[i] = rng.nextInt(c.levels());
        }
        for (int p = 0; p <= probes; p++) {
            int k = p == probes ? c.dims() - 1 : rng.nextInt(c.dims());
            int kc = k / (h * w);
            int ky = (k / w) % h;
            int kx = k % w;
            float[] g;
            try (NDManager s = NDManager.newBaseManager()) {
                Shape shape = new Shape(n, c.channels(), h, w);
                NDArray input = s.create(images, shape);
                input.setRequiresGradient(true);
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    gc.backward(m.logLikelihood(input, s.create(images, shape), true).get(0, kc, ky, kx));
                }
                g = input.getGradient().toFloatArray();
            }
            boolean above = false;
            for (int j = 0; j < g.length; j++) {
                int jy = (j / w) % h;
                if (jy >= ky && g[j] != 0f) {
                    fail("row " + ky + " of image 0 depends on row " + jy + " of image " + j / c.dims());
                }
                above |= g[j] != 0f;
            }
            if (ky > 0) {
                assertTrue(above, "row " + ky + " ignores the rows above it");
            }
        }
    }

    @Test
    void batchNormIsRowCausalInTrainingAndNormalisedInInference() {
        for (ModelConfig c : new ModelConfig[] {tiny(1, 6, 5, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_MANY),
                tiny(1, 6, 5, 2, RnnCell.GRU, false, RnnMode.MANY_TO_ONE), tiny(3, 4, 3, 256, RnnCell.LSTM, true, RnnMode.MANY_TO_ONE)}) {
            try (PixelModel m = PixelModel.create(normed(c), 31)) {
                assertBatchRowCausal(m, 8, 5);
            }
        }
        for (RnnMode mode : RnnMode.values()) {
            try (PixelModel m = PixelModel.create(normed(tiny(1, 2, 2, 2, RnnCell.LSTM, false, mode)), 32)) {
                batchNormTrainingPasses(m, 3); // non-trivial running statistics
                ModelChecks.assertNormalised(m, 1e-5);
            }
        }
    }

    /** Forward passes in training mode on random images: they update the running statistics. */
    private static void batchNormTrainingPasses(PixelModel m, int passes) {
        ModelConfig c = m.config();
        Rng rng = new Rng(99);
        for (int p = 0; p < passes; p++) {
            float[] images = new float[4 * c.dims()];
            for (int i = 0; i < images.length; i++) {
                images[i] = rng.nextInt(c.levels());
            }
            try (NDManager s = m.manager().newSubManager()) {
                NDArray x = s.create(images, new Shape(4, c.channels(), c.height(), c.width()));
                m.logLikelihood(x, x, true);
            }
        }
    }

    @Test
    void batchNormRunningStatisticsSurviveACheckpoint(@TempDir Path dir) {
        ModelConfig c = normed(tiny(1, 5, 4, 2, RnnCell.LSTM, true, RnnMode.MANY_TO_ONE));
        float[] image = new float[2 * c.dims()];
        for (int i = 0; i < image.length; i++) {
            image[i] = i % 3 == 0 ? 1 : 0;
        }
        float[] fresh;
        float[] before;
        try (PixelModel m = PixelModel.create(c, 33)) {
            fresh = logits(m, image, 2);
            batchNormTrainingPasses(m, 3);
            before = logits(m, image, 2);
            Checkpoint.save(dir.resolve("ck"), m, CheckpointTest.train(1), new Checkpoint.State(0, 33, null, 1, 2));
        }
        assertFalse(java.util.Arrays.equals(fresh, before), "training passes must move the running statistics");
        try (Checkpoint.Loaded l = Checkpoint.load(dir.resolve("ck"))) {
            assertEquals(c, l.model().config());
            assertArrayEquals(before, logits(l.model(), image, 2), 0f);
        }
    }

    @Test
    void batchNormManyToOneEqualsManyToManyInInference() {
        ModelConfig m2m = normed(tiny(1, 5, 4, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_MANY));
        ModelConfig m2o = m2m.toBuilder().recurrence(RnnCell.LSTM, RnnMode.MANY_TO_ONE).batchNorm(true).build();
        float[] images = new float[3 * m2m.dims()];
        Rng rng = new Rng(5);
        for (int i = 0; i < images.length; i++) {
            images[i] = rng.nextInt(2);
        }
        try (PixelModel a = PixelModel.create(m2m, 34); PixelModel b = PixelModel.create(m2o, 34)) {
            assertArrayEquals(perImage(a, images, 3), perImage(b, images, 3), 1e-4f);
        }
    }

    @Test
    void parameterNamesAreStable() {
        try (PixelModel m = PixelModel.create(tiny(1, 4, 4, 2, RnnCell.LSTM, false, RnnMode.MANY_TO_MANY), 1)) {
            assertEquals(List.of("start", "l_0_i2h_WEIGHT", "l_0_h2h_WEIGHT", "l_0_i2h_BIAS", "l_0_h2h_BIAS",
                    "l_1_i2h_WEIGHT", "l_1_h2h_WEIGHT", "l_1_i2h_BIAS", "l_1_h2h_BIAS", "weight", "bias"),
                    m.parameters().stream().map(p -> p.getName()).toList());
        }
        try (PixelModel m = PixelModel.create(tiny(1, 4, 4, 2, RnnCell.LSTM, true, RnnMode.MANY_TO_ONE), 1)) {
            // start, 2 layers x 2 directions x 4 arrays, head weight and bias
            assertEquals(1 + 16 + 2, m.parameters().size());
            assertEquals(new Shape(4, 16), m.parameters().get(17).getArray().getShape());
        }
    }
}
