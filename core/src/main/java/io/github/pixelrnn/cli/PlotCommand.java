package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.image.TrainingCurves;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.train.Checkpoint;
import io.github.pixelrnn.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code pixelrnn plot}: a run's training curves (training loss, validation NLL) as a PNG. */
final class PlotCommand implements Command {

    @Override
    public String name() {
        return "plot";
    }

    @Override
    public String summary() {
        return "draw a run's training curves (metrics.jsonl) as a PNG";
    }

    @Override
    public String usage() {
        return """
                usage: pixelrnn plot RUN_DIR [-o FILE]
                  RUN_DIR              a training run's directory (holds metrics.jsonl)
                  -o, --out FILE       the PNG (default RUN_DIR/curves.png)
                  --bits-per-dim       draw bits/dim (default for 8-bit and colour models)
                  --nats               draw nats/image (default for binary models)
                Training loss (mean of the last 50 steps) and validation NLL, against steps and
                against minutes of training. Training writes the same PNG with every checkpoint.
                """;
    }

    @Override
    public Set<String> valueFlags() {
        return Set.of("out");
    }

    @Override
    public Set<String> switches() {
        return Set.of("bits-per-dim", "nats");
    }

    @Override
    public boolean takesFiles() {
        return true;
    }

    @Override
    public int run(Args a) {
        if (a.positional().size() != 1) {
            throw new UserError("give one run directory, e.g. pixelrnn plot runs/mnist");
        }
        Path run = Path.of(a.positional().get(0));
        Path metrics = Files.isDirectory(run) ? run.resolve(Trainer.METRICS) : run;
        if (!Files.isRegularFile(metrics)) {
            throw new UserError("no " + Trainer.METRICS + " in " + run);
        }
        if (a.flag("bits-per-dim") && a.flag("nats")) {
            throw new UserError("give --bits-per-dim or --nats, not both");
        }
        Path dir = metrics.toAbsolutePath().getParent();
        String title = dir.getFileName().toString();
        boolean bits = false;
        Path ck = dir.resolve(Trainer.CHECKPOINT);
        if (Checkpoint.exists(ck)) {
            ModelConfig c = Checkpoint.readConfig(ck).model();
            bits = c.levels() != 2;
            title = c.describe();
        }
        if (a.flag("bits-per-dim")) {
            bits = true;
        } else if (a.flag("nats")) {
            bits = false;
        }
        Path out = Common.outputFile(a.path("out", dir.resolve(Trainer.CURVES)));
        TrainingCurves.write(metrics, out, bits, title);
        System.out.println("curves: " + out);
        return 0;
    }
}
