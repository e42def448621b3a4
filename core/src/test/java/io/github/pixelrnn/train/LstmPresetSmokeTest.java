package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.model.Presets;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


/**
 * Each spatial-LSTM MNIST preset and the multi-scale one (Diagonal BiLSTM on 14×14, Row LSTM on
 * 28×28), exactly as configured, learns from real MNIST: 100 steps of
 * batch 16 must take the NLL of the first 500 test images (binarized with the fixed seed) from
 * about 545 nats at initialisation (≈ 784·ln 2) to below the 206 nats of the best
 * context-free model. This is a smoke test of training, not a reported figure (the full
 * test set is what `eval` reports); it is kept short because the LSTM presets are slow.
 */
class LstmPresetSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"rowlstm-mnist", "diagbilstm-mnist", "diagbilstm-mnist-1layer", "multiscale-mnist"})
    void aHundredStepsLowerTheTestNll(String preset, @TempDir Path dir) {
        ModelConfig cfg = Presets.get(preset).model();
        ImageSet train = Mnist.load(true, null);
        ImageSet test = EvalData.prepare(Mnist.load(false, null).slice(0, 500), cfg,
                Binarization.Mode.STOCHASTIC, 0.5);
        double before;
        try (PixelModel m = PixelModel.create(cfg, 1)) {
            before = Evaluator.evaluate(m, test, 250, null).natsPerImage();
        }
        TrainConfig tc = TrainConfig.builder()
                .setDataset("mnist")
                .setBatchSize(16)
                .optSteps(100)
                .optLearningRate(2e-3)
                .optWarmupSteps(10)
                .optClipNorm(100)
                .optEvalEvery(0)
                .optCheckpointEvery(0)
                .optValidationSize(0)
                .optSampleCount(0)
                .build();
        double after;
        try (Trainer.Result r = Trainer.run(dir, cfg, tc, train, false)) {
            PixelModel m = r.model(); // the trained model, as the checkpoint holds it
            Evaluator.Result e = Evaluator.evaluate(m, test, 250, null);
            after = e.natsPerImage();
            double parts = 0;
            for (double p : e.partNatsPerImage()) {
                assertTrue(p > 0, preset + ": a part of the NLL is " + p);
                parts += p;
            }
            assertEquals(after, parts, 1e-6 * after, preset + ": the parts do not add up");
            if (e.describeParts() != null) {
                System.err.println(preset + ": " + e.describeParts());
            }
        }
        System.err.printf("%s: %.1f nats at initialisation, %.1f after 100 steps%n", preset, before, after);
        assertTrue(before > 400, preset + ": initial NLL " + before);
        assertTrue(after < 206, preset + ": NLL after 100 steps " + after + " (from " + before + ")");
    }
}
