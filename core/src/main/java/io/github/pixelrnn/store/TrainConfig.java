package io.github.pixelrnn.store;

import com.google.gson.annotations.SerializedName;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.util.Names;

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
 * @param workers threads that each compute the gradient of an equal share of every batch
 *     ({@code train.TrainStep}); 0 and 1 both mean one (checkpoints written before it existed read as 0)
 *
 * <p>This record is the stored form, read and written as JSON with every checkpoint; build one
 * with {@link #builder()} (or change one with {@link #toBuilder()}), which names every setting
 * and validates them in one place.
 */
public record TrainConfig(String dataset, String dataDir, Binarization.Mode binarization, double threshold,
        int batchSize, long steps, int epochs, double minutes, OptimizerKind optimizer, double learningRate,
        ScheduleKind schedule, long warmupSteps, double clipNorm, long seed, long evalEvery,
        long checkpointEvery, int validationSize, int sampleCount, double ema, double perturb,
        double weightDecay, int workers) {

    /** The settings of a new run, each named; {@link Builder#build} validates them. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataset = dataset;
        b.dataDir = dataDir;
        b.binarization = binarization;
        b.threshold = threshold;
        b.batchSize = batchSize;
        b.steps = steps;
        b.epochs = epochs;
        b.minutes = minutes;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.schedule = schedule;
        b.warmupSteps = warmupSteps;
        b.clipNorm = clipNorm;
        b.seed = seed;
        b.evalEvery = evalEvery;
        b.checkpointEvery = checkpointEvery;
        b.validationSize = validationSize;
        b.sampleCount = sampleCount;
        b.ema = ema;
        b.perturb = perturb;
        b.weightDecay = weightDecay;
        b.workers = workers;
        return b;
    }

    /** The number of gradient threads (a stored 0, from before the setting existed, is one). */
    public int gradientWorkers() {
        return Math.max(1, workers);
    }

    /** The optimizers there are; the lower-case name is what checkpoints and the command line use. */
    public enum OptimizerKind {
        /** Adam (Kingma and Ba). */
        @SerializedName("adam") ADAM("adam"),
        /** RMSProp, the paper's. */
        @SerializedName("rmsprop") RMSPROP("rmsprop");

        private final String id;

        OptimizerKind(String id) {
            this.id = id;
        }

        /** The optimizer named {@code name} (any case); a one-line {@link UserError} naming the known ones. */
        public static OptimizerKind named(String name) {
            return Names.lookup(values(), name, "optimizer");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The shapes of the learning-rate schedule after the warm-up. */
    public enum ScheduleKind {
        /** The peak rate throughout. */
        @SerializedName("constant") CONSTANT("constant"),
        /** Cosine decay to zero at the end of the run. */
        @SerializedName("cosine") COSINE("cosine"),
        /** Exponential decay by a factor every 1000 steps. */
        @SerializedName("exp") EXP("exp");

        private final String id;

        ScheduleKind(String id) {
            this.id = id;
        }

        /** The schedule named {@code name} (any case); a one-line {@link UserError} naming the known ones. */
        public static ScheduleKind named(String name) {
            return Names.lookup(values(), name, "lr schedule");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The most gradient threads a run may ask for. */
    public static final int MAX_WORKERS = 64;

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
        if (workers < 0 || workers > MAX_WORKERS) {
            throw new UserError("--workers must be in 1.." + MAX_WORKERS + ", got " + workers);
        }
        if (dataset == null) {
            throw new UserError("the training settings name no data set");
        }
        if (schedule == null) {
            throw new UserError("no lr schedule given; known: " + Names.list(ScheduleKind.values()));
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UserError("learning rate must be positive, got " + learningRate);
        }
        if (warmupSteps < 0) {
            throw new UserError("warm-up steps must be >= 0, got " + warmupSteps);
        }
        return this;
    }

    /** These settings with another length (see {@link Builder#optSteps}, {@link Builder#optEpochs}). */
    public TrainConfig withLength(long newSteps, int newEpochs, double newMinutes) {
        return toBuilder().optSteps(newSteps).optEpochs(newEpochs).optMinutes(newMinutes).build();
    }

    /**
     * Builds a {@link TrainConfig} from named settings (DJL's convention: {@code setX} for the
     * required ones, {@code optX} for those with a default). Required: the data set, the batch
     * size and a length (steps, epochs or minutes).
     */
    public static final class Builder {
        private String dataset;
        private String dataDir;
        private Binarization.Mode binarization = Binarization.Mode.STOCHASTIC;
        private double threshold = 0.5;
        private int batchSize;
        private long steps;
        private int epochs;
        private double minutes;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 1e-3;
        private ScheduleKind schedule = ScheduleKind.COSINE;
        private long warmupSteps;
        private double clipNorm = 1000;
        private long seed = 1;
        private long evalEvery = 1000;
        private long checkpointEvery = 1000;
        private int validationSize = 1000;
        private int sampleCount = 16;
        private double ema;
        private double perturb;
        private double weightDecay;
        private int workers = 1;

        private Builder() {
        }

        /** The data set: {@code mnist}, {@code fashion-mnist}, {@code cifar10}, {@code folder}, ... */
        public Builder setDataset(String name) {
            this.dataset = name;
            return this;
        }

        /** Images per step. */
        public Builder setBatchSize(int images) {
            this.batchSize = images;
            return this;
        }

        /** A local data directory instead of the automatic download (default: none). */
        public Builder optDataDir(String dir) {
            this.dataDir = dir;
            return this;
        }

        /** How binary models binarize their data (default: stochastic, resampled every batch). */
        public Builder optBinarization(Binarization.Mode mode) {
            this.binarization = mode;
            return this;
        }

        /** The threshold of {@link Binarization.Mode#THRESHOLD} binarization (default 0.5). */
        public Builder optThreshold(double t) {
            this.threshold = t;
            return this;
        }

        /** Total steps to train (default 0: the length comes from epochs or minutes). */
        public Builder optSteps(long total) {
            this.steps = total;
            return this;
        }

        /** Epochs to train when no step count is given (default 0). */
        public Builder optEpochs(int total) {
            this.epochs = total;
            return this;
        }

        /** A wall-clock budget in minutes; the run checkpoints and stops when it is spent (default 0: none). */
        public Builder optMinutes(double budget) {
            this.minutes = budget;
            return this;
        }

        /** Adam (default) or the paper's RMSProp. */
        public Builder optOptimizer(OptimizerKind kind) {
            this.optimizer = kind;
            return this;
        }

        /** The peak learning rate (default 1e-3). */
        public Builder optLearningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** The learning-rate schedule (default cosine over the run). */
        public Builder optSchedule(ScheduleKind kind) {
            this.schedule = kind;
            return this;
        }

        /** Steps of linear warm-up (default 0). */
        public Builder optWarmupSteps(long n) {
            this.warmupSteps = n;
            return this;
        }

        /** The global gradient-norm clip (default 1000; 0: off). */
        public Builder optClipNorm(double norm) {
            this.clipNorm = norm;
            return this;
        }

        /** The seed of weights, data order, binarization and samples (default 1). */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /** Steps between validation NLLs (default 1000; 0: only at the end). */
        public Builder optEvalEvery(long n) {
            this.evalEvery = n;
            return this;
        }

        /** Steps between checkpoints (default 1000; 0: only at the end). */
        public Builder optCheckpointEvery(long n) {
            this.checkpointEvery = n;
            return this;
        }

        /** Training images held out from the end of the set for validation (default 1000). */
        public Builder optValidationSize(int n) {
            this.validationSize = n;
            return this;
        }

        /** Images in the sample grid of each checkpoint (default 16; 0: none). */
        public Builder optSampleCount(int n) {
            this.sampleCount = n;
            return this;
        }

        /** Decay of the weights' moving average, e.g. 0.9995 (default 0: none). */
        public Builder optEma(double decay) {
            this.ema = decay;
            return this;
        }

        /** Probability of replacing each training sub-pixel by a random value (default 0). */
        public Builder optPerturb(double mu) {
            this.perturb = mu;
            return this;
        }

        /** λ of an L2 penalty on every weight (default 0). */
        public Builder optWeightDecay(double lambda) {
            this.weightDecay = lambda;
            return this;
        }

        /** Threads that share the gradient of every batch (default 1; see {@code train.TrainStep}). */
        public Builder optWorkers(int threads) {
            this.workers = threads;
            return this;
        }

        /** The validated settings; a {@link UserError} names the first one out of range. */
        public TrainConfig build() {
            return new TrainConfig(dataset, dataDir, binarization, threshold, batchSize, steps, epochs, minutes,
                    optimizer, learningRate, schedule, warmupSteps, clipNorm, seed, evalEvery, checkpointEvery,
                    validationSize, sampleCount, ema, perturb, weightDecay, workers).validate();
        }
    }
}
