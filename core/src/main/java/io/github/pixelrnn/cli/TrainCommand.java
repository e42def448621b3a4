package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.RunDirectory;
import io.github.pixelrnn.store.TrainConfig;
import io.github.pixelrnn.train.LearningRateSchedule;
import io.github.pixelrnn.train.Optimizer;
import io.github.pixelrnn.train.Trainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pixelrnn train}: trains a preset, or resumes a run. */
@Command(name = "train", sortOptions = false,
        description = "train a model (or --resume a run), writing checkpoints, samples and metrics",
        customSynopsis = "pixelrnn train --preset NAME [options]")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "run directory (default runs/PRESET)")
    Path out;

    @Option(names = "--resume", description = "continue the checkpoint in --out")
    boolean resume;

    @Option(names = "--steps", paramLabel = "N", description = "total steps (default: --epochs)")
    Long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs when --steps is not given (default 1)")
    Integer epochs;

    @Option(names = "--minutes", paramLabel = "M", description = "stop (and checkpoint) after M minutes")
    Double minutes;

    @Option(names = "--stop-after", paramLabel = "N", description = {
        "stop (and checkpoint) after N steps of this invocation; --resume later continues exactly as if "
                + "uninterrupted"})
    long stopAfter;

    @Option(names = "--batch", paramLabel = "N", description = "batch size (default: the preset's)")
    Integer batch;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam (default) | rmsprop (the paper's)")
    String optimizer = "adam";

    @Option(names = "--lr", paramLabel = "X", description = "peak learning rate (default: the preset's)")
    Double lr;

    @Option(names = "--schedule", paramLabel = "NAME", description = "constant | cosine (default) | exp")
    String schedule = "cosine";

    @Option(names = "--warmup", paramLabel = "N", description = "linear warm-up steps (default 0)")
    long warmup;

    @Option(names = "--clip", paramLabel = "X", description = "clip the global gradient norm at X (default 1000; 0: off)")
    double clip = 1000;

    @Option(names = "--seed", paramLabel = "N", description = "seed of weights, data order and samples (default 1)")
    long seed = 1;

    @Option(names = "--eval-every", paramLabel = "N", description = "steps between validation NLLs (default 1000)")
    long evalEvery = 1000;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "steps between checkpoints (default 1000)")
    long checkpointEvery = 1000;

    @Option(names = "--val-size", paramLabel = "N", description = "training images held out for validation (default 1000)")
    int valSize = 1000;

    @Option(names = "--samples", paramLabel = "N", description = "images in the sample grid of each checkpoint (default 16)")
    int samples = 16;

    @Option(names = "--ema", paramLabel = "D", description = {
        "keep a moving average of the weights with decay D (e.g. 0.9995); validation, samples, eval, "
                + "sample, ... use it (default: none)"})
    double ema;

    @Option(names = "--perturb", paramLabel = "MU", description = {
        "replace each training sub-pixel with probability MU by a random value (a flip for binary data): "
                + "the background model of pixelrnn ood --background (default 0)"})
    double perturb;

    @Option(names = "--weight-decay", paramLabel = "L", description = {
        "an L2 penalty: every gradient g becomes g + L*w (e.g. 1e-5 for a background model, as Ren et al.; "
                + "default 0)"})
    double weightDecay;

    @Option(names = "--conditional", description = {
        "train a class-conditional model p(x | y) on the data set's labels (mnist, fashion-mnist, cifar10, or a "
                + "folder of class folders); the checkpoint keeps the class names"})
    boolean conditional;

    @Option(names = "--workers", paramLabel = "N", description = {
        "threads that each compute the gradient of a share of every batch (default: 2 for the spatial LSTM "
                + "networks on a machine with 2 or more cores, else 1)"})
    Integer workers;

    @Override
    public Integer call() {
        ModelConfig config;
        ModelConfig sizing;
        TrainConfig train;
        Path dir;
        if (resume && !model.hasPreset()) {
            // Everything comes from the checkpoint; only the length of the run may change.
            if (out == null) {
                throw new UserError("train: --resume needs --out, the run directory to continue");
            }
            dir = out;
            Checkpoint.Config saved = Checkpoint.readConfig(dir.resolve(RunDirectory.CHECKPOINT));
            config = null;
            sizing = saved.model();
            train = saved.train();
            if (train == null) {
                throw new UserError("the checkpoint in " + dir + " has no training settings to continue with");
            }
            if (workers != null) {
                throw new UserError("train: --workers is a setting of the run; a resumed run keeps its "
                        + train.gradientWorkers());
            }
            if (conditional) {
                throw new UserError("train: --conditional is a setting of the run; a resumed run keeps its model");
            }
            if (steps != null || epochs != null) {
                // A new length replaces the old one: --steps and --epochs are alternatives.
                train = train.withLength(steps == null ? 0 : Check.nonNegative("--steps", steps),
                        epochs == null ? 0 : Check.nonNegative("--epochs", epochs), train.minutes());
            }
            train = train.withLength(train.steps(), train.epochs(), minutes != null ? minutes : train.minutes())
                    .validate();
        } else {
            Preset preset = model.preset(null);
            config = model.config(preset);
            sizing = config;
            dir = out != null ? out : Path.of("runs", preset.name());
            train = config(preset, config);
        }
        Path dataDir = train.dataDir() == null ? null : Path.of(train.dataDir());
        ImageSet images = Common.load(train.dataset(), dataDir, true, sizing);
        if (conditional) {
            config = config.toBuilder().classes(Datasets.classNames(train.dataset(), dataDir, images)).build();
        }
        try (Trainer.Result r = Trainer.run(dir, config, train, images, resume,
                Check.nonNegative("--stop-after", stopAfter), Common.commandLine(spec))) {
            System.out.printf("trained %d steps in %.0f s; last training loss %s%n", r.steps(), r.seconds(),
                    Nll.format(r.trainNats(), images.imageSize()));
            if (!Double.isNaN(r.validationNats())) {
                System.out.println("validation NLL " + Nll.format(r.validationNats(), images.imageSize()));
            }
            System.out.println("checkpoint: " + r.checkpoint());
        }
        return 0;
    }

    /**
     * Two gradient workers for the networks whose layers are recurrences of small operations (the
     * Row LSTM, the Diagonal BiLSTM and the multi-scale network built of them), where they
     * measured 1.3x faster than two intra-op threads (docs/speed.md); one elsewhere, and on a
     * single core.
     */
    static int defaultWorkers(ModelConfig config) {
        boolean recurrent = switch (config.architecture()) {
            case ROW_LSTM, DIAGONAL_BILSTM, MULTISCALE -> true;
            case PIXELCNN, GATED_PIXELCNN, ROW_RNN -> false;
        };
        return recurrent ? Math.min(2, Runtime.getRuntime().availableProcessors()) : 1;
    }

    /** The training configuration of a new run of {@code p}. */
    TrainConfig config(Preset p, ModelConfig config) {
        long totalSteps = steps == null ? 0 : Check.nonNegative("--steps", steps);
        double budget = minutes == null ? 0 : minutes;
        int totalEpochs = epochs != null ? Check.nonNegative("--epochs", epochs)
                : totalSteps > 0 || budget > 0 ? 0 : 1;
        return TrainConfig.builder()
                .setDataset(data.dataset(p.dataset()))
                .optDataDir(data.dataDir == null ? null : data.dataDir.toString())
                .optBinarization(data.binarization())
                .optThreshold(data.threshold())
                .setBatchSize(Check.positive("--batch", batch, p.batchSize()))
                .optSteps(totalSteps)
                .optEpochs(totalEpochs)
                .optMinutes(budget)
                .optOptimizer(TrainConfig.OptimizerKind.named(optimizer))
                .optLearningRate(lr != null ? lr : p.learningRate())
                .optSchedule(TrainConfig.ScheduleKind.named(schedule))
                .optWarmupSteps(Check.nonNegative("--warmup", warmup))
                .optClipNorm(clip)
                .optSeed(seed)
                .optEvalEvery(Check.nonNegative("--eval-every", evalEvery))
                .optCheckpointEvery(Check.nonNegative("--checkpoint-every", checkpointEvery))
                .optValidationSize(Check.nonNegative("--val-size", valSize))
                .optSampleCount(Check.nonNegative("--samples", samples))
                .optEma(ema)
                .optPerturb(perturb)
                .optWeightDecay(weightDecay)
                .optWorkers(workers != null ? Check.positive("--workers", workers, 1) : defaultWorkers(config))
                .build();
    }
}
