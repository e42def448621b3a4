package io.github.pixelrnn.cli;

import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.train.Checkpoint;
import io.github.pixelrnn.train.TrainConfig;
import io.github.pixelrnn.train.Trainer;
import java.nio.file.Path;
import java.util.Set;

/** {@code pixelrnn train}: trains a preset, or resumes a run. */
final class TrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a model (or --resume a run), writing checkpoints, samples and metrics";
    }

    @Override
    public String usage() {
        return "usage: pixelrnn train --preset NAME [options]\n" + Common.MODEL_USAGE + Common.DATA_USAGE + """
                  --out DIR            run directory (default runs/PRESET)
                  --resume             continue the checkpoint in --out
                  --steps N            total steps (default: --epochs)
                  --epochs N           epochs when --steps is not given (default 1)
                  --minutes M          stop (and checkpoint) after M minutes
                  --stop-after N       stop (and checkpoint) after N steps of this invocation; --resume
                                       later continues exactly as if uninterrupted
                  --batch N            batch size (default: the preset's)
                  --optimizer NAME     adam (default) | rmsprop (the paper's)
                  --lr X               peak learning rate (default: the preset's)
                  --schedule NAME      constant | cosine (default) | exp
                  --warmup N           linear warm-up steps (default 0)
                  --clip X             clip the global gradient norm at X (default 1000; 0: off)
                  --seed N             seed of weights, data order and samples (default 1)
                  --eval-every N       steps between validation NLLs (default 1000)
                  --checkpoint-every N steps between checkpoints (default 1000)
                  --val-size N         training images held out for validation (default 1000)
                  --samples N          images in the sample grid of each checkpoint (default 16)
                  --ema D              keep a moving average of the weights with decay D (e.g. 0.9995);
                                       validation, samples, eval, sample, ... use it (default: none)
                  --perturb MU         replace each training sub-pixel with probability MU by a random
                                       value (a flip for binary data): the background model of
                                       pixelrnn ood --background (default 0)
                """;
    }

    @Override
    public Set<String> valueFlags() {
        return Common.union(Common.MODEL_FLAGS, Common.DATA_FLAGS, Set.of("out", "steps", "epochs", "minutes",
                "batch", "optimizer", "lr", "schedule", "warmup", "clip", "seed", "eval-every",
                "checkpoint-every", "val-size", "samples", "stop-after", "ema", "perturb"));
    }

    @Override
    public Set<String> switches() {
        return Common.union(Common.MODEL_SWITCHES, Set.of("resume"));
    }

    @Override
    public int run(Args a) {
        boolean resume = a.flag("resume");
        ModelConfig model;
        ModelConfig sizing;
        TrainConfig train;
        Path out;
        if (resume && !a.has("preset") && !a.has("model")) {
            // Everything comes from the checkpoint; only the length of the run may change.
            out = Path.of(a.require("out"));
            try (Checkpoint.Loaded loaded = Checkpoint.load(out.resolve(Trainer.CHECKPOINT))) {
                model = null;
                sizing = loaded.config().model();
                train = loaded.config().train();
            }
            if (a.has("steps") || a.has("epochs")) {
                // A new length replaces the old one: --steps and --epochs are alternatives.
                train = train.withLength(a.nonNegative("steps", 0), a.nonNegativeInt("epochs", 0), train.minutes());
            }
            train = train.withLength(train.steps(), train.epochs(), a.number("minutes", train.minutes())).validate();
        } else {
            Preset preset = Common.preset(a, null);
            model = Common.model(a, preset);
            sizing = model;
            out = a.path("out", Path.of("runs", preset.name()));
            train = config(a, preset);
        }
        ImageSet data = Common.load(train.dataset(), train.dataDir() == null ? null : Path.of(train.dataDir()),
                true, sizing);
        Trainer.Result r = Trainer.run(out, model, train, data, resume, a.nonNegative("stop-after", 0));
        System.out.printf("trained %d steps in %.0f s; last training loss %s%n", r.steps(), r.seconds(),
                Nll.format(r.trainNats(), data.imageSize()));
        if (!Double.isNaN(r.validationNats())) {
            System.out.println("validation NLL " + Nll.format(r.validationNats(), data.imageSize()));
        }
        System.out.println("checkpoint: " + r.checkpoint());
        return 0;
    }

    static TrainConfig config(Args a, Preset p) {
        String dataset = a.get("dataset", p.dataset());
        long steps = a.nonNegative("steps", 0);
        double minutes = a.number("minutes", 0);
        int epochs = a.nonNegativeInt("epochs", steps > 0 || minutes > 0 ? 0 : 1);
        return new TrainConfig(dataset, a.get("data-dir", null), a.get("binarization", "stochastic"),
                Common.threshold(a), a.positive("batch", p.batchSize()), steps, epochs, minutes,
                a.get("optimizer", "adam"), a.number("lr", p.learningRate()), a.get("schedule", "cosine"),
                a.nonNegative("warmup", 0), a.number("clip", 1000), a.longValue("seed", 1),
                a.nonNegative("eval-every", 1000), a.nonNegative("checkpoint-every", 1000),
                a.nonNegativeInt("val-size", 1000), a.nonNegativeInt("samples", 16), a.number("ema", 0),
                a.number("perturb", 0)).validate();
    }
}
