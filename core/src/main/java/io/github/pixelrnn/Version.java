package io.github.pixelrnn;

/** The version of this library, written into every checkpoint and summary. */
public final class Version {
    /**
     * Bumped whenever the meaning of a checkpoint's files changes; older formats keep loading.
     * 1: config, positional parameters, state (and optionally optimizer, averaged weights,
     * provenance). 2: adds manifest.json, against which loading checks every parameter's path.
     */
    public static final int CHECKPOINT_FORMAT = 2;
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
