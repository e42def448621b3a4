package io.github.pixelrnn.model;

import com.google.gson.annotations.SerializedName;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.util.Names;

/** The recurrent cell of the row-RNN model ({@link RowRnn}). */
public enum RnnCell {
    /** Long short-term memory: 4 gates. */
    @SerializedName("lstm") LSTM("lstm", 4),
    /** Gated recurrent unit: 3 gates. */
    @SerializedName("gru") GRU("gru", 3);

    private final String id;
    private final int gates;

    RnnCell(String id, int gates) {
        this.id = id;
        this.gates = gates;
    }

    /** Gate blocks of the cell's weight matrices. */
    public int gates() {
        return gates;
    }

    /** The cell named {@code name} (any case); a one-line {@link UserError} naming the known ones. */
    public static RnnCell named(String name) {
        return Names.lookup(values(), name, "rowrnn cell");
    }

    @Override
    public String toString() {
        return id;
    }
}
