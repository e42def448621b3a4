package io.github.pixelrnn.store;

/**
 * The layout of a training run's directory, which training writes and the inference commands
 * read (a run directory stands for its checkpoint wherever a checkpoint is asked for).
 */
public final class RunDirectory {
    /** The checkpoint directory inside a run directory (see {@link Checkpoint}). */
    public static final String CHECKPOINT = "checkpoint";
    /** The metrics log of a run directory: one JSON object per line. */
    public static final String METRICS = "metrics.jsonl";
    /** The training curves drawn with every checkpoint. */
    public static final String CURVES = "curves.png";

    private RunDirectory() {
    }
}
