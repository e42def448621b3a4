package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** Save/load round trips and exact resumption of training. */
public class CheckpointTest {
    static final ModelConfig TINY = ModelConfig.builder(Architecture.PIXELCNN, 1, 28, 28, 2).hidden(4).layers(2).outMaps(8).build();

    /** The settings of the tiny runs of these tests: batch 8, {@code steps} steps, 16 validation images. */
    public static TrainConfig train(long steps) {
        return TrainConfig.builder()
                .setDataset("mnist")
                .setBatchSize(8)
                .optSteps(steps)
                .optLearningRate(1e-3)
                .optWarmupSteps(2)
                .optClipNorm(10)
                .optSeed(5)
                .optEvalEvery(0)
                .optCheckpointEvery(0)
                .optValidationSize(16)
                .optSampleCount(0)
                .build();
    }

    private static float[] logits(PixelModel m, float[] image) {
        try (NDManager s = m.manager().newSubManager()) {
            NDArray x = s.create(image, new Shape(1, 1, 28, 28));
            return m.logits(x, false).toFloatArray();
        }
    }

    @Test
    void savedModelLoadsWithIdenticalOutputs(@TempDir Path dir) {
        float[] image = new float[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i * 7919) % 3 == 0 ? 1 : 0;
        }
        float[] before;
        try (PixelModel m = PixelModel.create(TINY, 11)) {
            before = logits(m, image);
            Checkpoint.save(dir.resolve("ck"), m, train(1), new Checkpoint.State(0, 11, null, 1, 2));
        }
        try (Checkpoint.Loaded l = Checkpoint.load(dir.resolve("ck"))) {
            assertEquals(TINY, l.model().config());
            assertArrayEquals(before, logits(l.model(), image), 0f);
        }
    }

    @Test
    void resumedRunMatchesUninterruptedRun(@TempDir Path dir) {
        ImageSet data = Mnist.load(true, null).slice(0, 256);
        Trainer.run(dir.resolve("straight"), TINY, train(6), data, false).close();
        Trainer.run(dir.resolve("resumed"), TINY, train(6), data, false, 3).close(); // interrupted after 3 steps
        try (Trainer.Result r = Trainer.run(dir.resolve("resumed"), TINY, train(6), data, true)) {
            assertEquals(6, r.steps());
        }
        try (Checkpoint.Loaded a = Checkpoint.load(dir.resolve("straight/checkpoint"));
                Checkpoint.Loaded b = Checkpoint.load(dir.resolve("resumed/checkpoint"))) {
            assertEquals(6, b.state().step());
            var pa = a.model().parameters();
            var pb = b.model().parameters();
            for (int i = 0; i < pa.size(); i++) {
                assertArrayEquals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray(), 1e-6f,
                        "parameter " + pa.get(i).getName());
            }
        }
    }

    /**
     * A run killed between checkpoints has logged steps it will train again: on resume they are
     * dropped (with a line the kill cut short), and the training lines match an uninterrupted
     * run's line for line, every figure but the wall time equal. (The stopped invocation's own
     * last validation stays: it happened.)
     */
    @Test
    void resumedRunLogsAsIfUninterrupted(@TempDir Path dir) throws Exception {
        ImageSet data = Mnist.load(true, null).slice(0, 256);
        Trainer.run(dir.resolve("straight"), TINY, train(6), data, false).close();
        Trainer.run(dir.resolve("resumed"), TINY, train(6), data, false, 3).close();
        Path log = dir.resolve("resumed/metrics.jsonl");
        Files.writeString(log, "{\"step\":4,\"loss_nats\":1.0}\n{\"step\":5,\"loss_nats\":2.0}\n{\"step\":6,\"lo",
                StandardOpenOption.APPEND); // logged after the step-3 checkpoint, then killed mid-line
        Trainer.run(dir.resolve("resumed"), TINY, train(6), data, true).close();
        List<String> straight = withoutWallTime(dir.resolve("straight/metrics.jsonl"));
        assertEquals(6, straight.size(), "a line per step");
        assertEquals(straight, withoutWallTime(log));
    }

    /** The training lines of a metrics log without their wall-clock field. */
    private static List<String> withoutWallTime(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.contains("\"loss_nats\"")).map(l -> l.replaceAll(",\"seconds\":[0-9.Ee+-]+", "")).toList();
    }

    static TrainConfig averaged(long steps) {
        return train(steps).toBuilder().optEma(0.9).build();
    }

    /**
     * Training with --ema: the checkpoint holds the average, inference loads it (or the raw
     * weights when asked), a resumed run continues the average exactly, and validation with the
     * averaged weights leaves the raw ones in place (the next steps are those of a run that never
     * swapped them).
     */
    @Test
    void averagedWeightsAreSavedUsedAndResumed(@TempDir Path dir) {
        ImageSet data = Mnist.load(true, null).slice(0, 256);
        TrainConfig validated = averaged(6).toBuilder().optEvalEvery(2).build();
        float[][] returned; // Trainer.run hands back the model as inference loads it: the average
        try (Trainer.Result r = Trainer.run(dir.resolve("straight"), TINY, validated, data, false)) {
            returned = r.model().parameters().stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
        }
        Trainer.run(dir.resolve("resumed"), TINY, averaged(6), data, false, 3).close();
        Trainer.run(dir.resolve("resumed"), TINY, averaged(6), data, true).close();
        Trainer.run(dir.resolve("plain"), TINY, train(6), data, false).close();
        Path straight = dir.resolve("straight/checkpoint");
        assertTrue(Files.exists(straight.resolve(Checkpoint.AVERAGED)));
        assertFalse(Files.exists(dir.resolve("plain/checkpoint").resolve(Checkpoint.AVERAGED)));
        try (Checkpoint.Loaded raw = Checkpoint.load(straight, Checkpoint.Weights.RAW);
                Checkpoint.Loaded avg = Checkpoint.load(straight, Checkpoint.Weights.AVERAGED);
                Checkpoint.Loaded resumed = Checkpoint.load(dir.resolve("resumed/checkpoint"), Checkpoint.Weights.AVERAGED);
                Checkpoint.Loaded plain = Checkpoint.load(dir.resolve("plain/checkpoint"), Checkpoint.Weights.RAW)) {
            assertFalse(raw.averaged());
            assertTrue(avg.averaged());
            assertEquals(null, raw.optimizerState(), "inference loads read no optimizer state");
            var pr = raw.model().parameters();
            var pa = avg.model().parameters();
            var pc = resumed.model().parameters();
            var pp = plain.model().parameters();
            boolean differs = false;
            for (int i = 0; i < pr.size(); i++) {
                float[] r = pr.get(i).getArray().toFloatArray();
                float[] a = pa.get(i).getArray().toFloatArray();
                // validation swapped the averaged weights in and out: the raw ones are untouched
                assertArrayEquals(pp.get(i).getArray().toFloatArray(), r, 1e-6f, "raw " + pr.get(i).getName());
                assertArrayEquals(a, pc.get(i).getArray().toFloatArray(), 1e-6f, "average " + pa.get(i).getName());
                assertArrayEquals(a, returned[i], 0f, "returned " + pa.get(i).getName());
                differs |= !java.util.Arrays.equals(r, a);
            }
            assertTrue(differs, "the average is not the last weights");
        }
    }

    @Test
    void interruptedSaveLeavesTheOldCheckpointLoadable(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("ck");
        try (PixelModel m = PixelModel.create(TINY, 1)) {
            Checkpoint.save(ck, m, train(1), new Checkpoint.State(7, 1, null, 0, 0));
        }
        // A crash after moving the old checkpoint aside and before renaming the new one:
        Files.move(ck, dir.resolve("ck.old"));
        Files.createDirectories(dir.resolve("ck.tmp"));
        Files.writeString(dir.resolve("ck.tmp/config.json"), "{half written");
        assertTrue(Checkpoint.exists(ck));
        try (Checkpoint.Loaded l = Checkpoint.load(ck)) {
            assertEquals(7, l.state().step());
        }
        // The next save replaces everything cleanly.
        try (PixelModel m = PixelModel.create(TINY, 2)) {
            Checkpoint.save(ck, m, train(1), new Checkpoint.State(8, 1, null, 0, 0));
        }
        assertFalse(Files.exists(dir.resolve("ck.tmp")));
        try (Checkpoint.Loaded l = Checkpoint.load(ck)) {
            assertEquals(8, l.state().step());
        }
    }

    @Test
    void checkpointOfAnotherArchitectureIsAOneLineError(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("ck");
        try (PixelModel m = PixelModel.create(TINY, 1)) {
            Checkpoint.save(ck, m, train(1), new Checkpoint.State(1, 1, null, 0, 0));
        }
        Path cfg = ck.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"hidden\": 4", "\"hidden\": 5"));
        UserError e = assertThrows(UserError.class, () -> Checkpoint.load(ck));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
