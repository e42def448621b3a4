package io.github.pixelrnn;

/** The version of this library, written into every checkpoint and summary. */
public final class Version {
    /** Bumped whenever the meaning of a checkpoint's files changes. */
    public static final int CHECKPOINT_FORMAT = 1;
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
