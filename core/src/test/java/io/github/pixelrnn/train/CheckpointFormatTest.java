package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.Version;
import io.github.pixelrnn.codec.ModelIdentity;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.RunDirectory;
import io.github.pixelrnn.store.TrainConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Checkpoint formats: checkpoints of format 1, committed as fixtures, keep loading and giving
 * the NLL they gave when they were written; format 2's manifest catches parameters that moved;
 * loading gives the loaded weights even after a forward pass, and leaves the engine's random
 * generator alone.
 */
class CheckpointFormatTest {
    private static Path fixture(String name, Path tmp) throws Exception {
        Path src = Path.of("src/test/resources/fixtures", name);
        Path dst = tmp.resolve(name);
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        return dst;
    }

    private static double nll(Checkpoint.Loaded ck) {
        ModelConfig c = ck.model().config();
        ImageSet digits = EvalData.prepare(Mnist.load(false, null).slice(0, 100), c, Binarization.Mode.STOCHASTIC, 0.5);
        return Evaluator.evaluate(ck.model(), digits, 100, null).natsPerImage();
    }

    /** The figures `pixelrnn eval --limit 100` printed when the fixtures were written (fixtures/README.md). */
    @Test
    void formatOneFixturesKeepTheirNll(@TempDir Path tmp) throws Exception {
        Path pixelcnn = fixture("v1-pixelcnn", tmp);
        try (Checkpoint.Loaded averaged = Checkpoint.load(pixelcnn, Checkpoint.Weights.AVERAGED);
                Checkpoint.Loaded raw = Checkpoint.load(pixelcnn, Checkpoint.Weights.RAW);
                Checkpoint.Loaded rowlstm = Checkpoint.load(fixture("v1-rowlstm", tmp), Checkpoint.Weights.AVERAGED)) {
            assertEquals(1, averaged.config().format());
            assertEquals(495.247, nll(averaged), 2e-3);
            assertEquals(495.009, nll(raw), 2e-3);
            assertEquals(552.849, nll(rowlstm), 2e-3);
        }
    }

    /**
     * A compressed file names its model by {@link ModelIdentity} (a hash of the config's text and
     * the parameters), so files written with an old checkpoint decode only while that identity
     * stays the same: these are the fixtures' identities as 0.1.0 computed them.
     */
    @Test
    void formatOneFixturesKeepTheirModelIdentity(@TempDir Path tmp) throws Exception {
        try (Checkpoint.Loaded pixelcnn = Checkpoint.load(fixture("v1-pixelcnn", tmp), Checkpoint.Weights.AVERAGED);
                Checkpoint.Loaded rowlstm = Checkpoint.load(fixture("v1-rowlstm", tmp), Checkpoint.Weights.AVERAGED)) {
            assertEquals("df3d51940e105c5c0f7afd1b1da939c4", ModelIdentity.hex(ModelIdentity.of(pixelcnn.model())));
            assertEquals("92caa45cc92425f4e3eb764b38206b51", ModelIdentity.hex(ModelIdentity.of(rowlstm.model())));
        }
    }

    /** A format-1 run resumes, and its next checkpoint is written in today's format. */
    @Test
    void formatOneRunsResumeIntoTheCurrentFormat(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.move(fixture("v1-rowlstm", tmp), run.resolve(RunDirectory.CHECKPOINT));
        TrainConfig t;
        try (Checkpoint.Loaded ck = Checkpoint.load(run.resolve(RunDirectory.CHECKPOINT))) {
            t = ck.config().train().withLength(12, 0, 0);
        }
        Trainer.run(run, null, t, Mnist.load(true, null).slice(0, 200), true).close();
        try (Checkpoint.Loaded ck = Checkpoint.load(run.resolve(RunDirectory.CHECKPOINT))) {
            assertEquals(Version.CHECKPOINT_FORMAT, ck.config().format());
            assertEquals(12, ck.state().step());
        }
    }

    /** Two parameters of equal shape that trade places: format 1 cannot tell, format 2 names them. */
    @Test
    void theManifestCatchesMovedParameters(@TempDir Path tmp) throws Exception {
        Path ck = tmp.resolve("ck");
        ModelConfig c = ModelConfig.builder(Architecture.PIXELCNN, 1, 8, 8, 2).hidden(4).layers(2).outMaps(8).build();
        try (PixelModel m = PixelModel.create(c, 3)) {
            Checkpoint.save(ck, m, CheckpointTest.train(1), new Checkpoint.State(1, 1, null, 0, 0));
        }
        String manifest = Files.readString(ck.resolve(Checkpoint.MANIFEST));
        assertTrue(manifest.contains("\"path\""), manifest);
        // the two residual blocks have equal shapes: swap their names in the manifest
        String swapped = manifest.replace("02block0", "@@").replace("03block1", "02block0").replace("@@", "03block1");
        assertTrue(!swapped.equals(manifest), "the network has blocks named 02block0 and 03block1:\n" + manifest);
        Files.writeString(ck.resolve(Checkpoint.MANIFEST), swapped);
        UserError e = assertThrows(UserError.class, () -> Checkpoint.load(ck, Checkpoint.Weights.RAW));
        assertTrue(e.getMessage().contains("at parameter 3") && e.getMessage().contains("03block1_01down_weight")
                && e.getMessage().contains("02block0_01down_weight"), e.getMessage());
        Files.writeString(ck.resolve(Checkpoint.MANIFEST), "[");
        assertTrue(assertThrows(UserError.class, () -> Checkpoint.load(ck)).getMessage().contains("manifest"));
    }

    @Test
    void loadingAfterAForwardPassGivesTheNewWeights() throws Exception {
        ModelConfig c = ModelConfig.builder(Architecture.ROW_LSTM, 1, 6, 6, 2).hidden(4).layers(2).outMaps(8).build();
        try (PixelModel a = PixelModel.create(c, 1); PixelModel b = PixelModel.create(c, 2);
                NDManager s = NDManager.newBaseManager()) {
            NDArray x = s.ones(new Shape(1, 1, 6, 6));
            float[] before = a.logits(x, false).toFloatArray(); // caches a's arrays in its parameter store
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            b.saveParameters(new DataOutputStream(bytes));
            a.loadParameters(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            float[] after = a.logits(x, false).toFloatArray();
            assertArrayEquals(b.logits(x, false).toFloatArray(), after, 0f);
            assertTrue(!java.util.Arrays.equals(before, after));
        }
    }

    @Test
    void loadingLeavesTheRandomGeneratorAlone(@TempDir Path tmp) throws Exception {
        Path ck = fixture("v1-pixelcnn", tmp);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            float[] first = m.randomUniform(0, 1, new Shape(8)).toFloatArray();
            Engine.getInstance().setRandomSeed(5);
            Checkpoint.load(ck).close();
            float[] second = m.randomUniform(0, 1, new Shape(8)).toFloatArray();
            assertArrayEquals(first, second, 0f);
        }
    }
}
