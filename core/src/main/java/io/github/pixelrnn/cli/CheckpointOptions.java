package io.github.pixelrnn.cli;

import io.github.pixelrnn.store.Checkpoint;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The checkpoint of an inference command, and which of its weights to load. */
final class CheckpointOptions {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = {
        "a run directory, a checkpoint directory, or pretrained:NAME (see: pixelrnn models)"})
    String checkpoint;

    @Option(names = "--raw-weights", description = {
        "use the weights the optimizer left, not their moving average (checkpoints trained with --ema hold "
                + "both; the average is the default)"})
    boolean rawWeights;

    /** The checkpoint directory: a run directory or the checkpoint itself. */
    Path path() {
        return Checkpoint.resolve(checkpoint);
    }

    /** Which weights an inference command loads. */
    Checkpoint.Weights weights() {
        return rawWeights ? Checkpoint.Weights.RAW : Checkpoint.Weights.AVERAGED;
    }

    /** The checkpoint, loaded for inference with the weights asked for. */
    Checkpoint.Loaded load() {
        return Checkpoint.load(path(), weights());
    }
}
