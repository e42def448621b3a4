package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Home;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.image.Png;
import io.github.pixelrnn.judge.SampleJudge;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pixelrnn judge}: does a class-conditional model draw the class it is asked for? An
 * independent CNN classifier, trained on the labelled training set, judges its samples.
 */
@Command(name = "judge", sortOptions = false,
        description = "the fraction of a class-conditional model's samples that an independent CNN classifier "
                + "assigns the class asked for",
        customSynopsis = "pixelrnn judge --checkpoint DIR [options]",
        footer = {"", "The judge (four 3x3 convolutions, max-pooling, a 256-unit layer with dropout; images shifted at "
                + "random by up to 2 pixels in training) is trained on the model's training set in the model's levels and "
                + "kept in --judge; its own test accuracy is printed."})
final class JudgeCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--per-class", paramLabel = "N", description = "samples of each class (default 100)")
    int perClass = 100;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the samples (default 1)")
    long seed = 1;

    @Option(names = "--judge", paramLabel = "FILE", description = {
        "the judge to use, trained and written there when missing (default: $PIXELRNN_HOME/judges/DATASET-LEVELS-v2.judge)"})
    Path judgeFile;

    @Option(names = "--judge-epochs", paramLabel = "N", description = "epochs of the judge's training (default 10)")
    int judgeEpochs = 10;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "grid of the samples, one row per class "
            + "(default judged.png)")
    Path out = Path.of("judged.png");

    @Override
    public Integer call() {
        Check.positive("--per-class", perClass);
        Check.positive("--judge-epochs", judgeEpochs);
        Path grid = Common.outputFile(out);
        try (Checkpoint.Loaded ck = checkpoint.load()) {
            ModelConfig c = ck.model().config();
            if (!c.conditional()) {
                throw new UserError("the model is unconditional: judge needs a model trained with --conditional");
            }
            TrainConfig t = ck.config().train();
            String dataset = data.dataset(t == null ? "mnist" : t.dataset());
            Path file = judgeFile != null ? judgeFile
                    : Home.home().resolve("judges").resolve(SampleJudge.fileName(dataset, c.levels()));
            try (SampleJudge judge = judge(file, c, t)) {
                if (judge.classes() != c.classCount()) {
                    throw new UserError(file + " judges " + judge.classes() + " classes, the model has " + c.classCount());
                }
                double testAccuracy = judge.accuracy(data.evaluationSet(dataset, false, c));
                System.out.printf(Locale.ROOT, "judge: %s, %.2f%% accuracy on the %s test set%n", file,
                        100 * testAccuracy, dataset);
                PixelRnn m = PixelRnn.of(ck.model()).showProgress(true);
                int k = c.classCount();
                int[] right = new int[k];
                float[] all = new float[k * perClass * c.dims()];
                for (int y = 0; y < k; y++) {
                    int[] classes = new int[perClass];
                    Arrays.fill(classes, y);
                    ImageSet samples = m.sample(classes, seed + y);
                    int[] said = judge.predict(samples);
                    for (int p : said) {
                        right[y] += p == y ? 1 : 0;
                    }
                    System.arraycopy(samples.toFloats(0, perClass), 0, all, y * perClass * c.dims(), perClass * c.dims());
                    System.out.printf(Locale.ROOT, "  class %s: %d of %d samples judged %s%n", c.classes().get(y),
                            right[y], perClass, c.classes().get(y));
                }
                int total = Arrays.stream(right).sum();
                System.out.printf(Locale.ROOT, "%.2f%% of %d class-conditional samples judged the class asked for%n",
                        100.0 * total / (k * perClass), k * perClass);
                Png.writeGrid(grid, all, k * perClass, c.channels(), c.height(), c.width(), c.levels(), perClass, 1, 1);
                System.out.println("samples, one row per class: " + grid);
            }
        }
        return 0;
    }

    /** The judge in {@code file}, or one trained now on the model's training set and written there. */
    private SampleJudge judge(Path file, ModelConfig c, TrainConfig t) {
        if (Files.exists(file)) {
            return SampleJudge.load(file);
        }
        ImageSet train = data.evaluationSet(data.dataset(t == null ? "mnist" : t.dataset()), true, c);
        SampleJudge judge = SampleJudge.train(train, c.classCount(), judgeEpochs, 1, "judge");
        io.github.pixelrnn.data.AtomicFiles.ensureWritable(file.toAbsolutePath().getParent());
        judge.save(file);
        return judge;
    }
}
