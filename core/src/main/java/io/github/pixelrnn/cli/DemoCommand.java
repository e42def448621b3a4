package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.Version;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.image.Png;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.sample.Strategy;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.Pretrained;
import io.github.pixelrnn.store.TrainConfig;
import io.github.pixelrnn.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pixelrnn demo}: the main job on the embedded default. Fetches MNIST, trains a small
 * PixelCNN for a few minutes, measures the exact test NLL, and writes samples, completions and
 * a summary into one folder.
 */
@Command(name = "demo", sortOptions = false,
        description = "fetch MNIST, train a small PixelCNN for a few minutes, evaluate, sample, complete",
        customSynopsis = "pixelrnn demo [options]",
        footer = {"", "Writes DIR/summary.md, DIR/samples.png, DIR/completions.png, DIR/run/ (checkpoint, metrics)."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private static final String MARKER = ".pixelrnn-demo";

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "output folder (default demo); a previous demo there is replaced")
    Path out = Path.of("demo");

    @Option(names = "--minutes", paramLabel = "M", description = "training time (default 5)")
    Double minutes;

    @Option(names = "--batch", paramLabel = "N", description = "batch size (default 32)")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate (default 0.002, cosine decay over the time budget)")
    Double lr;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "MNIST IDX files instead of the automatic download")
    Path dataDir;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default 1)")
    long seed = 1;

    @Mixin
    StrategyOption strategyOption = new StrategyOption();

    @Option(names = "--pretrained",
            description = "skip training: use the shipped model pretrained:PRESET (see pixelrnn models)")
    boolean pretrained;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        Preset preset = modelOptions.preset("pixelcnn-mnist");
        ModelConfig model = modelOptions.config(preset);
        if (model.levels() != 2 || model.channels() != 1 || model.height() != 28) {
            throw new UserError("the demo trains on binarized MNIST; choose a binary 28x28 preset");
        }
        double budget = minutes == null ? 5 : minutes;
        if (!(budget > 0)) {
            throw new UserError("--minutes must be positive, got " + budget);
        }
        AtomicFiles.ensureWritable(out);
        Path run = out.resolve("run");
        if (Files.exists(run)) {
            if (!Files.exists(out.resolve(MARKER))) {
                throw new UserError(out + " holds files that are not a previous demo; choose another --out");
            }
            AtomicFiles.deleteTree(run);
        }
        Files.writeString(out.resolve(MARKER), "written by pixelrnn demo\n");
        ImageSet train = Datasets.load("mnist", true, dataDir);
        ImageSet test = EvalData.prepare(Datasets.load("mnist", false, dataDir), model,
                Binarization.Mode.STOCHASTIC, 0.5);

        Path checkpoint;
        String training;
        if (pretrained) {
            if (minutes != null || batch != null || lr != null || !model.equals(preset.model())) {
                throw new UserError("--pretrained uses a shipped model as it is; it takes no training or model flags");
            }
            checkpoint = Pretrained.resolve(preset.name());
            Pretrained.Card card = Pretrained.card(preset.name());
            training = String.format(Locale.ROOT, "none: the shipped pretrained:%s (%,d steps, %,d images seen in "
                    + "%.0f minutes; %s)", preset.name(), card.steps(), card.imagesSeen(), card.trainingMinutes(),
                    card.command());
        } else {
            TrainConfig tc = TrainConfig.builder()
                    .setDataset("mnist")
                    .optDataDir(dataDir == null ? null : dataDir.toString())
                    .setBatchSize(Check.positive("--batch", batch, 32))
                    .optMinutes(budget)
                    .optLearningRate(lr == null ? 2e-3 : lr)
                    .optWarmupSteps(50)
                    .optSeed(seed)
                    .optEvalEvery(0)
                    .optCheckpointEvery(0)
                    .optValidationSize(0)
                    .optSampleCount(0)
                    .optWorkers(TrainCommand.defaultWorkers(model))
                    .build();
            try (Trainer.Result r = Trainer.run(run, model, tc, train, false, 0, Common.commandLine(spec))) {
                checkpoint = r.checkpoint();
                training = String.format(Locale.ROOT, "%d steps of batch %d in %.0f s (%.1f images/s), Adam, lr %.4g "
                        + "cosine, seed %d", r.steps(), tc.batchSize(), r.seconds(),
                        r.steps() * tc.batchSize() / r.seconds(), tc.learningRate(), seed);
            }
        }

        Evaluator.Result nll;
        long parameters;
        ImageSet samples;
        ImageSet completed;
        double generation;
        Strategy strategy = strategyOption.strategy();
        int n = 8;
        int k = 4;
        int fromRow = model.height() / 2;
        ImageSet originals = test.slice(0, n);
        try (PixelRnn m = PixelRnn.of(Checkpoint.loadModel(checkpoint)).showProgress(true)) {
            parameters = m.model().parameterCount();
            nll = Evaluator.evaluate(m.model(), test, 500, "test NLL");
            long g = System.nanoTime();
            samples = m.sample(64, seed, strategy);
            completed = m.complete(CompleteCommand.repeatEach(originals, k), fromRow, seed, strategy);
            generation = (System.nanoTime() - g) / 1e9;
        }
        Png.writeGrid(out.resolve("samples.png"), samples.toFloats(0, 64), 64, 1, 28, 28, 2, 8, 3, 1);
        CompleteCommand.writeGrid(out.resolve("completions.png"), originals, completed, k, fromRow, 3);
        double total = (System.nanoTime() - t0) / 1e9;
        String summary = String.format(Locale.ROOT, """
                # pixelrnn demo

                - model: %s (%,d parameters)
                - training: %s
                - **binarized MNIST test NLL: %.2f nats/image (%.4f bits/dim)** over all %d test images
                  (stochastic binarization, fixed seed %d; %s)
                %s- samples: samples.png (64 images); completions: completions.png
                  (each row: original | rows %d-27 hidden | %d completions); generated in %.0f s (%s decoder)
                - checkpoint: %s
                - total time: %.0f s; pixelrnn %s
                """, model.describe(), parameters, training, nll.natsPerImage(), nll.bitsPerDim(),
                test.count(), EvalData.BINARIZATION_SEED, paperFigure(preset, model),
                nll.describeParts() == null ? "" : "- NLL by part: " + nll.describeParts() + "\n",
                fromRow, k, generation, strategy.name().toLowerCase(Locale.ROOT),
                pretrained ? "pretrained:" + preset.name() : "run/checkpoint; metrics: run/metrics.jsonl, curves: run/curves.png",
                total, Version.VERSION);
        AtomicFiles.write(out.resolve("summary.md"), summary.getBytes(StandardCharsets.UTF_8));
        System.out.print(summary);
        System.out.println("\nwritten to " + out.toAbsolutePath());
        return 0;
    }

    /** What the paper reports for the preset's model, after full training. */
    static String paperFigure(Preset preset, ModelConfig model) {
        if (preset.paperResult() == null) {
            return "the paper reports no figure for " + preset.name();
        }
        String figure = "fully trained, the paper reports " + preset.paperResult();
        return model.equals(preset.model()) ? figure : figure + " for the unmodified " + preset.name();
    }
}
