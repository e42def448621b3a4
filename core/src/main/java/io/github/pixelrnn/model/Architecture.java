package io.github.pixelrnn.model;

import com.google.gson.annotations.SerializedName;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.util.Names;
import java.util.Arrays;
import java.util.List;

/**
 * The network families of the PixelRNN paper (Section 3) and the lab notes' row-RNN. Each has
 * the lower-case name that checkpoints, presets and the command line use; its
 * {@link NetworkConfig} record builds its network.
 */
public enum Architecture {
    /** PixelCNN: masked convolutions (Section 3.4). */
    @SerializedName("pixelcnn") PIXELCNN("pixelcnn"),
    /** Gated PixelCNN: vertical and horizontal stacks with gated units (van den Oord et al. 2016b). */
    @SerializedName("gatedpixelcnn") GATED_PIXELCNN("gatedpixelcnn"),
    /** Row LSTM: row-by-row input-to-state convolutions (Section 3.1). */
    @SerializedName("rowlstm") ROW_LSTM("rowlstm"),
    /** Diagonal BiLSTM: skewed diagonals in both directions (Section 3.2). */
    @SerializedName("diagbilstm") DIAGONAL_BILSTM("diagbilstm"),
    /** The lab notes' row-by-row RNN baseline. */
    @SerializedName("rowrnn") ROW_RNN("rowrnn"),
    /** Multi-scale PixelRNN (Section 3.6): two of the first three, at two scales. */
    @SerializedName("multiscale") MULTISCALE("multiscale");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The lower-case name, e.g. {@code pixelcnn}. */
    public String id() {
        return id;
    }

    /** Whether it can be a scale of a multi-scale model (it takes a conditioning map). */
    public boolean isScale() {
        return this == PIXELCNN || this == GATED_PIXELCNN || this == ROW_LSTM || this == DIAGONAL_BILSTM;
    }

    /** The architectures that can be a scale of a multi-scale model. */
    public static List<Architecture> scales() {
        return Arrays.stream(values()).filter(Architecture::isScale).toList();
    }

    /** The architecture named {@code name} (any case); a one-line {@link UserError} naming the known ones. */
    public static Architecture named(String name) {
        return Names.lookup(values(), name, "architecture");
    }

    @Override
    public String toString() {
        return id;
    }
}
