package io.github.pixelrnn.train;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;

/**
 * How a model is trained; saved with every checkpoint next to the {@code ModelConfig}, so a
 * resumed run continues with the same settings.
 *
 * @param dataset data set name ({@code mnist}, {@code fashion-mnist}, {@code cifar10}, {@code folder})
 * @param dataDir local data directory, or null to fetch/use the default
 * @param binarization for binary models: {@code stochastic} (resampled every batch; the
 *     evaluation sets binarized once with a fixed seed) or {@code threshold}
 * @param threshold threshold for {@code threshold} binarization
 * @param batchSize images per step
 * @param steps total steps to train (0: use epochs)
 * @param epochs epochs to train when steps is 0
 * @param minutes wall-clock budget (0: none); the run stops and checkpoints when it is spent
 * @param optimizer {@code adam} or {@code rmsprop}
 * @param learningRate peak learning rate
 * @param schedule {@code constant}, {@code cosine} or {@code exp}
 * @param warmupSteps linear warm-up steps
 * @param clipNorm global gradient-norm clip (0: off)
 * @param seed seed of initial weights, data order, binarization and samples
 * @param evalEvery steps between validation NLL measurements (0: only at the end)
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param validationSize images held out from the end of the training set for validation
 * @param sampleCount images in the sample grid written with each checkpoint (0: none)
 * @param ema decay of the weights' exponential moving average (Polyak averaging, {@link WeightAverage});
 *     0: none (checkpoints written before it existed read as 0)
 * @param perturb probability with which each training sub-pixel is replaced by a uniformly random
 *     value (a flip for binary data), for the background model of a likelihood ratio; 0: none
 * @param weightDecay λ of an L2 penalty (λ/2)·‖w‖² on every weight, as Ren et al. regularise their
 *     background models; 0: none (checkpoints written before it existed read as 0)
 */
public record TrainConfig(String dataset, String dataDir, Binarization.Mode binarization, double threshold,
        int batchSize, long steps, int epochs, double minutes, Optimizer.Kind optimizer, double learningRate,
        LearningRateSchedule.Kind schedule, long warmupSteps, double clipNorm, long seed, long evalEvery,
        long checkpointEvery, int validationSize, int sampleCount, double ema, double perturb,
        double weightDecay) {

    /** Without an L2 penalty. */
    public TrainConfig(String dataset, String dataDir, Binarization.Mode binarization, double threshold,
            int batchSize, long steps, int epochs, double minutes, Optimizer.Kind optimizer, double learningRate,
            LearningRateSchedule.Kind schedule, long warmupSteps, double clipNorm, long seed, long evalEvery,
            long checkpointEvery, int validationSize, int sampleCount, double ema, double perturb) {
        this(dataset, dataDir, binarization, threshold, batchSize, steps, epochs, minutes, optimizer, learningRate,
                schedule, warmupSteps, clipNorm, seed, evalEvery, checkpointEvery, validationSize, sampleCount, ema,
                perturb, 0);
    }

    /** Without weight averaging or perturbed inputs. */
    public TrainConfig(String dataset, String dataDir, Binarization.Mode binarization, double threshold,
            int batchSize, long steps, int epochs, double minutes, Optimizer.Kind optimizer, double learningRate,
            LearningRateSchedule.Kind schedule, long warmupSteps, double clipNorm, long seed, long evalEvery,
            long checkpointEvery, int validationSize, int sampleCount) {
        this(dataset, dataDir, binarization, threshold, batchSize, steps, epochs, minutes, optimizer, learningRate,
                schedule, warmupSteps, clipNorm, seed, evalEvery, checkpointEvery, validationSize, sampleCount, 0, 0);
    }

    public TrainConfig validate() {
        if (batchSize <= 0) {
            throw new UserError("batch size must be positive, got " + batchSize);
        }
        if (steps < 0 || epochs < 0 || (steps == 0 && epochs == 0 && minutes <= 0)) {
            throw new UserError("give a positive --steps, --epochs or --minutes");
        }
        if (minutes < 0) {
            throw new UserError("--minutes must be >= 0, got " + minutes);
        }
        if (clipNorm < 0) {
            throw new UserError("--clip must be >= 0, got " + clipNorm);
        }
        if (evalEvery < 0 || checkpointEvery < 0 || validationSize < 0 || sampleCount < 0) {
            throw new UserError("--eval-every, --checkpoint-every, --val-size and --samples must be >= 0");
        }
        if (binarization == null || optimizer == null) {
            throw new UserError("the training settings name no " + (binarization == null ? "binarization" : "optimizer"));
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new UserError("--threshold must be in (0, 1), got " + threshold);
        }
        if (!(ema == 0 || (ema > 0 && ema < 1))) {
            throw new UserError("--ema must be in (0, 1) (e.g. 0.9995), or 0 for none; got " + ema);
        }
        if (!(perturb >= 0 && perturb < 1)) {
            throw new UserError("--perturb must be in [0, 1), got " + perturb);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new UserError("--weight-decay must be in [0, 1) (e.g. 1e-5), got " + weightDecay);
        }
        new LearningRateSchedule(schedule, learningRate, warmupSteps, 0.5);
        return this;
    }

    /** The learning-rate schedule this config describes. */
    public LearningRateSchedule lrSchedule() {
        return new LearningRateSchedule(schedule, learningRate, warmupSteps, 0.5);
    }

    public TrainConfig withLength(long newSteps, int newEpochs, double newMinutes) {
        return new TrainConfig(dataset, dataDir, binarization, threshold, batchSize, newSteps, newEpochs,
                newMinutes, optimizer, learningRate, schedule, warmupSteps, clipNorm, seed, evalEvery,
                checkpointEvery, validationSize, sampleCount, ema, perturb, weightDecay);
    }
}
