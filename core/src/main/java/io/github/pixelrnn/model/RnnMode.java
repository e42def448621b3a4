package io.github.pixelrnn.model;

import com.google.gson.annotations.SerializedName;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.util.Names;

/** How the row-RNN model ({@link RowRnn}) reads the rows above the one it predicts. */
public enum RnnMode {
    /** One run over the rows; every output predicts the next row (seq2seq). */
    @SerializedName("many-to-many") MANY_TO_MANY("many-to-many"),
    /** One run per row over the rows above it (seq2vec), O(H²). */
    @SerializedName("many-to-one") MANY_TO_ONE("many-to-one");

    private final String id;

    RnnMode(String id) {
        this.id = id;
    }

    /** The mode named {@code name} (any case); a one-line {@link UserError} naming the known ones. */
    public static RnnMode named(String name) {
        return Names.lookup(values(), name, "rowrnn mode");
    }

    @Override
    public String toString() {
        return id;
    }
}
