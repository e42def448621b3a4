package io.github.pixelrnn.cli;

import static io.github.pixelrnn.cli.CliTest.assertUserError;
import static io.github.pixelrnn.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.pixelrnn.cli.CliTest.CliRun;
import io.github.pixelrnn.store.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code info}, {@code export}, {@code models}, {@code plot} and provenance, on a tiny run with --ema. */
class CheckpointToolsCliTest {
    @TempDir
    static Path tmp;
    static Path runDir;

    @BeforeAll
    static void trainOnce() {
        runDir = tmp.resolve("run");
        CliRun r = run(CliTest.concat(CliTest.concat(new String[] {"train"}, CliTest.TINY), "--steps", "4",
                "--checkpoint-every", "2", "--ema", "0.99", "--out", runDir.toString()));
        assertEquals(0, r.code(), r.toString());
        CliRun resumed = run("train", "--resume", "--out", runDir.toString(), "--steps", "6");
        assertEquals(0, resumed.code(), resumed.toString());
    }

    @Test
    void infoPrintsModelStateFilesAndProvenance() {
        CliRun r = run("info", runDir.toString());
        assertEquals(0, r.code(), r.toString());
        String out = r.out();
        assertTrue(out.contains("pixelcnn 1x28x28 levels=2 h=4 layers=1"), out);
        assertTrue(out.contains("step 6"), out);
        assertTrue(out.contains("ema 0.99"), out);
        assertTrue(out.contains("averaged.bin"), out);
        assertTrue(out.contains("libtorch"), out);
        assertTrue(out.contains("6 steps, 48 images seen"), out);
        assertTrue(out.contains("pixelrnn train --preset pixelcnn-mnist"), out);
        assertTrue(out.contains("from step 4: pixelrnn train --resume"), "both invocations are recorded:\n" + out);
        assertTrue(out.matches("(?s).*fingerprint [0-9a-f]{32}.*"), out);
        assertUserError(run("info"), "one checkpoint");
        assertUserError(run("info", tmp.resolve("nothing").toString()), "no checkpoint");
    }

    @Test
    void exportWritesAnInferenceCheckpointWithItsCard() throws IOException {
        Path out = tmp.resolve("exported");
        CliRun r = run("export", "--checkpoint", runDir.toString(), "--name", "tiny", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertFalse(Files.exists(out.resolve("optimizer.bin")), "no optimizer state");
        assertFalse(Files.exists(out.resolve("averaged.bin")), "the averaged weights are the parameters");
        JsonObject card = JsonParser.parseString(Files.readString(out.resolve("pretrained.json"))).getAsJsonObject();
        assertEquals("tiny", card.get("name").getAsString());
        assertEquals(10_000, card.get("testImages").getAsInt());
        assertEquals(6, card.get("steps").getAsLong());
        assertTrue(card.get("weights").getAsString().startsWith("averaged"));
        // the exported parameters are the run's averaged weights: the same test NLL
        CliRun averaged = run("eval", "--checkpoint", runDir.toString(), "--limit", "500");
        CliRun exported = run("eval", "--checkpoint", out.toString(), "--limit", "500");
        CliRun raw = run("eval", "--checkpoint", runDir.toString(), "--limit", "500", "--raw-weights");
        assertEquals(0, exported.code(), exported.toString());
        String nll = averaged.out().replaceAll("(?s).*NLL: ([0-9.]+) nats.*", "$1");
        assertTrue(exported.out().contains("NLL: " + nll + " nats"), averaged.out() + "\n" + exported.out());
        assertEquals(Double.parseDouble(nll), card.get("check500Nats").getAsDouble(), 1e-2);
        assertFalse(raw.out().contains("NLL: " + nll + " nats"), "--raw-weights gives other weights:\n" + raw.out());
        assertUserError(run("export", "--checkpoint", runDir.toString(), "--name", "tiny", "-o", out.toString()),
                "already exists");
        assertUserError(run("export", "--checkpoint", runDir.toString(), "--name", "Bad Name", "-o",
                tmp.resolve("x").toString()), "--name");
    }

    @Test
    void unknownPretrainedModelsAreOneLineErrors() {
        assertUserError(run("eval", "--checkpoint", "pretrained:no-such-model"), "unknown pretrained model");
        CliRun models = run("models");
        assertEquals(0, models.code(), models.toString());
    }

    @Test
    void plotDrawsTheRunsCurves() throws IOException {
        assertTrue(Files.exists(runDir.resolve("curves.png")), "written with each checkpoint");
        Path png = tmp.resolve("curves.png");
        CliRun r = run("plot", runDir.toString(), "-o", png.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 1000);
        assertUserError(run("plot", tmp.resolve("nothing").toString()), "metrics.jsonl");
        assertUserError(run("plot"), "run directory");
    }

    @Test
    void provenanceSurvivesInTheCheckpoint() {
        try (Checkpoint.Loaded ck = Checkpoint.load(runDir.resolve("checkpoint"))) {
            assertEquals(2, ck.provenance().invocations().size());
            assertEquals(48, ck.provenance().imagesSeen());
            assertEquals("mnist", ck.provenance().dataset());
        }
    }
}
