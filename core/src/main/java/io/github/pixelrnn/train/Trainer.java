package io.github.pixelrnn.train;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Batches;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.image.Png;
import io.github.pixelrnn.image.TrainingCurves;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.sample.Sampler;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.Provenance;
import io.github.pixelrnn.store.RunDirectory;
import io.github.pixelrnn.store.TrainConfig;
import io.github.pixelrnn.util.Progress;
import io.github.pixelrnn.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The training loop: maximum likelihood with minibatches (paper, Section 5.1), a custom
 * optimizer with checkpointable state, global-norm clipping, a learning-rate schedule,
 * periodic validation, atomic checkpoints with a sample grid, and a JSON-lines metrics log.
 *
 * <p>Everything random is a function of the seed and the step number (data order per epoch,
 * the stochastic binarization of each batch), so a resumed run continues exactly where an
 * uninterrupted one would be.
 *
 * <p>Output directory layout: {@code checkpoint/} (see {@link Checkpoint}),
 * {@code metrics.jsonl}, {@code samples-stepN.png}.
 */
public final class Trainer {
    private static final String CHECKPOINT = RunDirectory.CHECKPOINT;
    private static final String METRICS = RunDirectory.METRICS;
    private static final String CURVES = RunDirectory.CURVES;
    /** The least time between two drawings of the curves at checkpoints. */
    static final long CURVES_SECONDS = 30;
    private long lastCurvesNanos;
    private boolean curvesStale;

    /**
     * What a run made; close it to release the model.
     *
     * @param steps steps done in total
     * @param trainNats mean training loss of the last 50 steps, nats/image
     * @param validationNats last validation NLL, nats/image (NaN if none)
     * @param checkpoint where the final checkpoint is
     * @param seconds wall time of this run
     * @param model the trained model, as inference loads it from the checkpoint: with the
     *     weights' moving average when the run keeps one ({@code --ema}), else the last weights
     */
    public record Result(long steps, double trainNats, double validationNats, Path checkpoint, double seconds,
            PixelModel model) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private final Path out;
    private final TrainConfig train;
    private final PixelModel model;
    private final Optimizer optimizer;
    /** The weights' moving average, or null without {@code --ema}. */
    private final WeightAverage average;
    private final ImageSet trainSet;
    private final ImageSet validationSet;
    private final Binarization.Mode mode;
    private long step;
    private double validationNats = Double.NaN;
    private long startNanos = System.nanoTime();
    private final MetricsLog metrics;
    /** This invocation, the run's provenance before it (a resumed run), the training data's fingerprint. */
    private Provenance.Invocation invocation;
    private Provenance previous;
    private String fingerprint;

    private Trainer(Path out, TrainConfig train, PixelModel model, Optimizer optimizer, WeightAverage average,
            long step, ImageSet trainSet, ImageSet validationSet) {
        this.out = out;
        this.train = train;
        this.model = model;
        this.optimizer = optimizer;
        this.average = average;
        this.trainSet = trainSet;
        this.validationSet = validationSet;
        this.mode = train.binarization();
        this.step = step;
        this.metrics = new MetricsLog(out.resolve(METRICS));
    }

    /**
     * Trains a new model, or continues the checkpoint in {@code out} when {@code resume}.
     *
     * @param modelConfig the network to train (ignored on resume, except that it must match)
     * @param data the 8-bit training images (validation is split off its end)
     */
    public static Result run(Path out, ModelConfig modelConfig, TrainConfig train, ImageSet data, boolean resume) {
        return run(out, modelConfig, train, data, resume, 0, Provenance.JAVA_API);
    }

    /**
     * As {@link #run(Path, ModelConfig, TrainConfig, ImageSet, boolean)}, but this invocation
     * stops (and checkpoints) after {@code stopAfter} steps when it is positive; a later
     * {@code resume} continues exactly as if the run had not been interrupted.
     */
    public static Result run(Path out, ModelConfig modelConfig, TrainConfig train, ImageSet data, boolean resume,
            long stopAfter) {
        return run(out, modelConfig, train, data, resume, stopAfter, Provenance.JAVA_API);
    }

    /**
     * As {@link #run(Path, ModelConfig, TrainConfig, ImageSet, boolean, long)}, with what started
     * this invocation.
     *
     * @param invokedBy what started this invocation, for the checkpoint's provenance: the
     *     command line, or {@link Provenance#JAVA_API}
     */
    public static Result run(Path out, ModelConfig modelConfig, TrainConfig train, ImageSet data, boolean resume,
            long stopAfter, String invokedBy) {
        train.validate();
        Path ckpt = out.resolve(CHECKPOINT);
        AtomicFiles.ensureWritable(out);
        if (!resume && Checkpoint.exists(ckpt)) {
            throw new UserError(out + " already holds a checkpoint; pass --resume to continue it or choose another --out");
        }
        Checkpoint.Loaded loaded = resume ? Checkpoint.load(ckpt) : null;
        PixelModel model = resume ? loaded.model() : PixelModel.create(modelConfig, train.seed());
        boolean returned = false;
        try {
            long step = 0;
            Optimizer optimizer = Optimizer.create(train.optimizer(), model.manager(), train.weightDecay());
            WeightAverage average = train.ema() > 0 ? new WeightAverage(model.manager(), train.ema()) : null;
            if (resume) {
                checkResumable(out, loaded, modelConfig, train);
                if (loaded.optimizerState() != null) {
                    optimizer.loadState(loaded.optimizerState());
                }
                if (average != null && loaded.averageState() != null) {
                    average.loadState(loaded.averageState());
                }
                step = loaded.state().step();
            }
            EvalData.checkFits(data, model.config(), "the training set");
            EvalData.classes(data, model.config(), "the training set"); // a conditional model needs every label
            int valSize = Math.min(train.validationSize(), data.count() / 2);
            ImageSet trainSet = data.slice(0, data.count() - valSize);
            ImageSet valSet = valSize == 0 ? null
                    : EvalData.prepare(data.slice(data.count() - valSize, data.count()), model.config(),
                            train.binarization(), train.threshold());
            if (trainSet.count() < train.batchSize()) {
                throw new UserError("the training set has " + trainSet.count() + " images, fewer than one batch of "
                        + train.batchSize());
            }
            Trainer t = new Trainer(out, train, model, optimizer, average, step, trainSet, valSet);
            if (resume) {
                t.metrics.dropAfter(step); // what the run logged after its checkpoint comes again
            }
            t.previous = resume ? loaded.provenance() : null;
            t.invocation = new Provenance.Invocation(invokedBy, java.time.Instant.now().toString(), step);
            t.fingerprint = Provenance.fingerprint(trainSet);
            Result r = t.loop(stopAfter);
            if (average != null) {
                average.copyInto(model.parameters()); // the weights inference would load from the checkpoint
            }
            returned = true;
            return r;
        } finally {
            if (!returned) {
                model.close();
            }
        }
    }

    /** One-line errors for a checkpoint that cannot be continued with these settings. */
    private static void checkResumable(Path out, Checkpoint.Loaded loaded, ModelConfig requested, TrainConfig train) {
        if (requested != null && !requested.equals(loaded.model().config())) {
            throw new UserError("the checkpoint in " + out + " is a " + loaded.config().model().describe()
                    + ", not the requested " + requested.describe());
        }
        String saved = loaded.state().optimizer();
        if (saved != null && !saved.equals(train.optimizer().toString())) {
            throw new UserError("the checkpoint in " + out + " was trained with --optimizer " + saved
                    + "; resume it with the same optimizer");
        }
        long done = loaded.state().step();
        if (train.steps() > 0 && done >= train.steps() && train.minutes() <= 0) {
            throw new UserError("the run in " + out + " has already done " + done + " steps of " + train.steps()
                    + "; pass a larger --steps (the new total) to train longer");
        }
    }

    private Result loop(long stopAfter) {
        int batch = train.batchSize();
        ModelConfig cfg = model.config();
        long stepsPerEpoch = trainSet.count() / batch;
        long total = train.steps() > 0 ? train.steps() : (long) train.epochs() * stepsPerEpoch;
        double budget = train.minutes() * 60.0;
        LearningRateSchedule schedule = LearningRateSchedule.of(train);
        float[] buffer = new float[batch * cfg.dims()];
        int[] order = null;
        long orderEpoch = -1;
        double recent = Double.NaN;
        double[] window = new double[50]; // training losses of the last 50 steps
        long firstStep = step;
        long start = System.nanoTime();
        startNanos = start;
        System.err.printf(Locale.ROOT, "training %s (%,d parameters) on %d images, batch %d, %s%n",
                cfg.describe(), model.parameterCount(), trainSet.count(), batch,
                total > 0 ? total + " steps" : "for " + train.minutes() + " min");
        Progress progress = new Progress("train", total, step, "img", batch);
        try (TrainStep stepper = new TrainStep(model, optimizer, train.clipNorm(), workers(cfg))) {
            while (total == 0 || step < total) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                if ((budget > 0 && elapsed >= budget) || (stopAfter > 0 && step - firstStep >= stopAfter)) {
                    break;
                }
                double done = Math.max(total > 0 ? (double) step / total : 0, budget > 0 ? elapsed / budget : 0);
                long epoch = step / stepsPerEpoch;
                if (epoch != orderEpoch) {
                    order = Batches.shuffled(trainSet.count(), Rng.derive(train.seed(), 1_000_000_000L + epoch));
                    orderEpoch = epoch;
                }
                int[] idx = new int[batch];
                System.arraycopy(order, (int) ((step % stepsPerEpoch) * batch), idx, 0, batch);
                fill(idx, step, buffer);
                double lr = schedule.at(step, done);
                int[] classes = cfg.conditional() ? Batches.labels(trainSet, idx) : null;
                double[] lossAndNorm = stepper.run(buffer, classes, batch, lr);
                if (average != null) {
                    average.update(stepper.parameters());
                }
                double loss = lossAndNorm[0];
                if (!Double.isFinite(loss)) {
                    throw new UserError(String.format(Locale.ROOT,
                            "training diverged at step %d (loss %s); try a lower --lr or a --clip", step, loss));
                }
                window[(int) (step % window.length)] = loss;
                recent = mean(window, Math.min(window.length, step - firstStep + 1));
                step++;
                metrics.line().put("step", step).put("epoch", (double) step / stepsPerEpoch).put("lr", lr)
                        .put("loss_nats", loss).put("bits_per_dim", Nll.bitsPerDim(loss, cfg.dims()))
                        .put("grad_norm", lossAndNorm[1]).put("seconds", (System.nanoTime() - start) / 1e9).write();
                progress.update(step, String.format(Locale.ROOT, "loss %.2f nats (%.4f bpd)", recent,
                        Nll.bitsPerDim(recent, cfg.dims())));
                if (train.evalEvery() > 0 && step % train.evalEvery() == 0) {
                    validate(progress);
                }
                if (train.checkpointEvery() > 0 && step % train.checkpointEvery() == 0) {
                    checkpoint(progress, recent, false);
                }
            }
        } finally {
            progress.close();
        }
        if (validationSet != null && (train.evalEvery() == 0 || step % train.evalEvery() != 0)) {
            validate(null);
        }
        if (train.checkpointEvery() == 0 || step % train.checkpointEvery() != 0 || step == firstStep) {
            checkpoint(null, recent, true);
        } else if (curvesStale) {
            drawCurves();
        }
        return new Result(step, recent, validationNats, out.resolve(CHECKPOINT), (System.nanoTime() - start) / 1e9,
                model);
    }

    /**
     * The gradient workers of this run. A network with batch normalisation (the row-RNN's
     * option) takes one: its statistics are those of the whole batch, not of a worker's share.
     */
    private int workers(ModelConfig cfg) {
        if (cfg.batchNorm() && train.gradientWorkers() > 1) {
            throw new UserError("--workers " + train.gradientWorkers() + " cannot train a network with batch"
                    + " normalisation (its statistics are the whole batch's); use --workers 1");
        }
        return train.gradientWorkers();
    }

    /** Mean of the first {@code filled} entries' worth of a ring buffer whose unused slots are 0. */
    private static double mean(double[] ring, long filled) {
        double sum = 0;
        for (double v : ring) {
            sum += v;
        }
        return sum / Math.max(1, filled);
    }

    private void fill(int[] idx, long step, float[] buffer) {
        if (model.config().levels() == 2 && trainSet.levels() == 256) {
            Binarization.binarizeBatch(trainSet, idx, mode, train.threshold(), Rng.derive(train.seed(), step), buffer);
        } else {
            Batches.copyBatch(trainSet, idx, buffer);
        }
        if (train.perturb() > 0) {
            Perturbation.apply(buffer, model.config().levels(), train.perturb(),
                    Rng.derive(train.seed() ^ Perturbation.STREAM, step));
        }
    }

    /**
     * The validation NLL, with the averaged weights when training keeps an average (they are
     * what inference uses); the raw weights' NLL is logged beside it.
     */
    private void validate(Progress progress) {
        if (validationSet == null) {
            return;
        }
        Evaluator.Result raw = Evaluator.evaluate(model, validationSet, 256, null);
        Evaluator.Result r = average == null ? raw
                : average.withAveraged(model.parameters(), () -> Evaluator.evaluate(model, validationSet, 256, null));
        validationNats = r.natsPerImage();
        int dims = model.config().dims();
        String line = String.format(Locale.ROOT, "step %d: validation NLL %s", step, Nll.format(r.natsPerImage(), dims))
                + (average == null ? "" : " (averaged weights; raw " + Nll.format(raw.natsPerImage(), dims) + ")");
        if (progress != null) {
            progress.message(line);
        } else {
            System.err.println(line);
        }
        MetricsLog.Line entry = metrics.line().put("step", step).put("validation_nats", r.natsPerImage())
                .put("validation_bits_per_dim", r.bitsPerDim());
        if (average != null) {
            entry.put("validation_raw_nats", raw.natsPerImage());
        }
        entry.put("seconds", (System.nanoTime() - startNanos) / 1e9).write();
    }

    /**
     * Draws the training curves. A checkpoint draws them at most every {@link #CURVES_SECONDS}
     * seconds (rendering the chart costs about a second, as much as a checkpoint of a small
     * model); the end of training always does.
     */
    private boolean drawCurves() {
        Path log = out.resolve(METRICS);
        if (!Files.exists(log)) {
            return false;
        }
        TrainingCurves.write(log, out.resolve(CURVES), model.config().levels() != 2, model.config().describe());
        lastCurvesNanos = System.nanoTime();
        curvesStale = false;
        return true;
    }

    /**
     * The classes of a checkpoint's sample grid: 0, 1, …, K−1 over and over, so that each column
     * of a K-column grid is one class; null for an unconditional model.
     */
    static int[] sampleClasses(int n, int classCount) {
        if (classCount == 0) {
            return null;
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i % classCount;
        }
        return classes;
    }

    private void checkpoint(Progress progress, double trainNats, boolean last) {
        double before = previous == null ? 0 : previous.trainingSeconds();
        Provenance provenance = Provenance.of(previous, invocation, train, trainSet, fingerprint, step,
                (System.nanoTime() - startNanos) / 1e9, before);
        Checkpoint.save(out.resolve(CHECKPOINT), model, train,
                new Checkpoint.TrainingState(optimizer.state(), average == null ? null : average.state()),
                new Checkpoint.State(step, train.seed(), optimizer.name(), validationNats, trainNats), provenance);
        String line = "step " + step + ": checkpoint saved to " + out.resolve(CHECKPOINT);
        if (train.sampleCount() > 0) {
            ModelConfig c = model.config();
            int n = train.sampleCount();
            int[] classes = sampleClasses(n, c.classCount());
            java.util.function.Supplier<float[]> draw = () -> new Sampler().sample(model, n, classes,
                    Rng.derive(train.seed(), -step), null);
            float[] samples = average == null ? draw.get() : average.withAveraged(model.parameters(), draw);
            Path png = out.resolve("samples-step" + step + ".png");
            int columns = classes == null ? (int) Math.ceil(Math.sqrt(n)) : Math.min(n, c.classCount());
            Png.writeGrid(png, samples, n, c.channels(), c.height(), c.width(), c.levels(), columns, 2, 1);
            line += ", samples in " + png;
        }
        if (last || lastCurvesNanos == 0 || System.nanoTime() - lastCurvesNanos >= CURVES_SECONDS * 1_000_000_000L) {
            if (drawCurves()) {
                line += "; curves in " + out.resolve(CURVES);
            }
        } else {
            curvesStale = true;
        }
        if (progress != null) {
            progress.message(line);
        } else {
            System.err.println(line);
        }
    }
}
