package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.image.TrainingCurves;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pixelrnn plot}: a run's training curves (training loss, validation NLL) as a PNG. */
@Command(name = "plot", sortOptions = false, description = "draw a run's training curves (metrics.jsonl) as a PNG",
        customSynopsis = "pixelrnn plot RUN_DIR [-o FILE]",
        footer = {"", "Training loss (mean of the last 50 steps) and validation NLL, against steps and",
            "against minutes of training. Training writes the same PNG with every checkpoint."})
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", arity = "0..*", description = "a training run's directory (holds metrics.jsonl)")
    List<Path> runs = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "the PNG (default RUN_DIR/curves.png)")
    Path out;

    @Option(names = "--bits-per-dim", description = "draw bits/dim (default for 8-bit and colour models)")
    boolean bitsPerDim;

    @Option(names = "--nats", description = "draw nats/image (default for binary models)")
    boolean nats;

    @Override
    public Integer call() {
        if (runs.size() != 1) {
            throw new UserError("give one run directory, e.g. pixelrnn plot runs/mnist");
        }
        Path run = runs.get(0);
        Path metrics = Files.isDirectory(run) ? run.resolve(RunDirectory.METRICS) : run;
        if (!Files.isRegularFile(metrics)) {
            throw new UserError("no " + RunDirectory.METRICS + " in " + run);
        }
        if (bitsPerDim && nats) {
            throw new UserError("give --bits-per-dim or --nats, not both");
        }
        Path dir = metrics.toAbsolutePath().getParent();
        String title = dir.getFileName().toString();
        boolean bits = false;
        Path ck = dir.resolve(RunDirectory.CHECKPOINT);
        if (Checkpoint.exists(ck)) {
            ModelConfig c = Checkpoint.readConfig(ck).model();
            bits = c.levels() != 2;
            title = c.describe();
        }
        if (bitsPerDim) {
            bits = true;
        } else if (nats) {
            bits = false;
        }
        Path file = Common.outputFile(out != null ? out : dir.resolve(RunDirectory.CURVES));
        TrainingCurves.write(metrics, file, bits, title);
        System.out.println("curves: " + file);
        return 0;
    }
}
