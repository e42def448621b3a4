package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Real MNIST end to end: a small PixelCNN trained for a few hundred steps must beat the best
 * model that ignores context, an independent Bernoulli per pixel with the training set's
 * marginals (about 206 nats on binarized MNIST). That baseline is computed here exactly on the
 * same test set. Beating it by a wide margin proves the network learns to use the pixels
 * above and to the left, not merely the average digit.
 */
public class MnistEndToEndTest {

    @Test
    void fewHundredStepsBeatTheIndependentPixelBaseline(@TempDir Path dir) {
        ImageSet train = Mnist.load(true, null);
        ImageSet test8 = Mnist.load(false, null);
        ModelConfig cfg = ModelConfig.builder(Architecture.PIXELCNN, 1, 28, 28, 2).layers(3).build();
        ImageSet test = EvalData.prepare(test8, cfg, Binarization.Mode.STOCHASTIC, 0.5);
        double baseline = independentPixelBaseline(train, test);

        TrainConfig tc = TrainConfig.builder()
                .setDataset("mnist")
                .setBatchSize(32)
                .optSteps(300)
                .optLearningRate(2e-3)
                .optWarmupSteps(20)
                .optClipNorm(100)
                .optEvalEvery(0)
                .optCheckpointEvery(0)
                .optValidationSize(0)
                .optSampleCount(0)
                .build();
        double nll;
        try (Trainer.Result r = Trainer.run(dir, cfg, tc, train, false)) {
            PixelModel m = r.model(); // the trained model, as the checkpoint holds it
            nll = Evaluator.evaluate(m, test, 500, null).natsPerImage();
        }
        System.err.printf("independent-pixel baseline %.2f nats, PixelCNN after 300 steps %.2f nats%n", baseline, nll);
        assertTrue(baseline > 190 && baseline < 220, "baseline " + baseline);
        assertTrue(nll < baseline - 50, "test NLL " + nll + " is not clearly below the baseline " + baseline);
    }

    /** Test NLL (nats) of independent Bernoullis with the training marginals p = mean(x/255). */
    public static double independentPixelBaseline(ImageSet train8, ImageSet testBinary) {
        int d = train8.imageSize();
        double[] p = new double[d];
        for (int i = 0; i < train8.count(); i++) {
            for (int j = 0; j < d; j++) {
                p[j] += (train8.pixels()[i * d + j] & 0xFF) / 255.0;
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            p[j] = (p[j] + 1) / (train8.count() + 2); // Laplace smoothing: no zero probabilities
        }
        for (int i = 0; i < testBinary.count(); i++) {
            for (int j = 0; j < d; j++) {
                total -= testBinary.pixels()[i * d + j] == 1 ? Math.log(p[j]) : Math.log(1 - p[j]);
            }
        }
        return total / testBinary.count();
    }
}
