package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.model.RnnCell;
import io.github.pixelrnn.model.RnnMode;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import io.github.pixelrnn.util.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * Gradient workers ({@link TrainStep} with more than one): the step over shares of the batch is
 * the step over the whole batch (to float rounding), the batch size need not divide, and a run
 * with workers is exactly reproducible, resumed or not.
 */
class GradientWorkersTest {

    private static ModelConfig tiny(Architecture a) {
        return ModelConfig.builder(a, 1, 8, 8, 2).hidden(4).layers(2).outMaps(8).build();
    }

    private static float[] batch(int n, int dims, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n * dims];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(2);
        }
        return v;
    }

    /** Every parameter's gradient after one step of {@code workers} on the same batch and weights. */
    private static List<float[]> gradients(ModelConfig c, int workers, int n) {
        try (PixelModel m = PixelModel.create(c, 3);
                TrainStep step = new TrainStep(m, Optimizer.named("adam", m.manager()), 0, workers)) {
            // learning rate 0: the update leaves the weights, and the gradients stay readable
            double[] lossAndNorm = step.run(batch(n, c.dims(), 9), n, 0);
            List<float[]> g = new ArrayList<>();
            for (Parameter p : m.parameters()) {
                g.add(p.getArray().getGradient().toFloatArray());
            }
            g.add(new float[] {(float) lossAndNorm[0], (float) lossAndNorm[1]});
            return g;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rowlstm", "diagbilstm", "pixelcnn"})
    void sharesOfTheBatchGiveTheGradientOfTheWholeBatch(String arch) {
        ModelConfig c = tiny(Architecture.named(arch));
        List<float[]> one = gradients(c, 1, 7);
        for (int workers : new int[] {2, 3}) { // 7 images: shares of 4 + 3 and 3 + 2 + 2
            List<float[]> many = gradients(c, workers, 7);
            for (int i = 0; i < one.size(); i++) {
                float scale = 0;
                for (float v : one.get(i)) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertArrayEquals(one.get(i), many.get(i), 1e-5f * Math.max(1, scale), arch + " " + workers
                        + " workers, parameter " + i);
            }
        }
    }

    @Test
    void aRunWithWorkersIsReproducibleAndResumesExactly(@TempDir Path dir) {
        ImageSet data = Mnist.load(true, null).slice(0, 256);
        ModelConfig c = ModelConfig.builder(Architecture.ROW_LSTM, 1, 28, 28, 2).hidden(4).layers(2).outMaps(8)
                .build();
        TrainConfig t = CheckpointTest.train(6).toBuilder().optWorkers(2).build();
        Trainer.run(dir.resolve("a"), c, t, data, false).close();
        Trainer.run(dir.resolve("b"), c, t, data, false).close();
        Trainer.run(dir.resolve("c"), c, t, data, false, 3).close(); // interrupted after 3 steps
        Trainer.run(dir.resolve("c"), c, t, data, true).close();
        try (Checkpoint.Loaded a = Checkpoint.load(dir.resolve("a/checkpoint"));
                Checkpoint.Loaded b = Checkpoint.load(dir.resolve("b/checkpoint"));
                Checkpoint.Loaded r = Checkpoint.load(dir.resolve("c/checkpoint"))) {
            assertEquals(2, a.config().train().gradientWorkers(), "the checkpoint keeps the setting");
            var pa = a.model().parameters();
            for (int i = 0; i < pa.size(); i++) {
                float[] wa = pa.get(i).getArray().toFloatArray();
                assertArrayEquals(wa, b.model().parameters().get(i).getArray().toFloatArray(), 0f, "rerun " + i);
                assertArrayEquals(wa, r.model().parameters().get(i).getArray().toFloatArray(), 0f, "resumed " + i);
            }
        }
    }

    @Test
    void batchNormalisationRefusesWorkers(@TempDir Path dir) {
        ImageSet data = Mnist.load(true, null).slice(0, 64);
        ModelConfig c = ModelConfig.builder(Architecture.ROW_RNN, 1, 28, 28, 2).hidden(8).layers(1)
                .recurrence(RnnCell.LSTM, RnnMode.MANY_TO_MANY).batchNorm(true).build();
        TrainConfig t = CheckpointTest.train(2).toBuilder().optWorkers(2).build();
        UserError e = assertThrows(UserError.class, () -> Trainer.run(dir.resolve("bn"), c, t, data, false));
        assertTrue(e.getMessage().contains("--workers 1"), e.getMessage());
    }

    @Test
    void outOfRangeWorkersAreRefused() {
        assertThrows(UserError.class, () -> CheckpointTest.train(2).toBuilder().optWorkers(-1).build());
        assertThrows(UserError.class, () -> CheckpointTest.train(2).toBuilder()
                .optWorkers(TrainConfig.MAX_WORKERS + 1).build());
    }
}
