package io.github.pixelrnn.model;

import java.util.Objects;

/**
 * The lab notes' row-by-row {@link RowRnn}: a stack of recurrent layers that reads the image a
 * row at a time and predicts the next row; no convolutions, kernels or output stack.
 *
 * @param hidden the recurrent state size
 * @param layers recurrent layers
 * @param cell LSTM or GRU
 * @param mode many-to-many (one run, each output predicts the next row) or many-to-one (one run per row)
 * @param bidirectional read the known rows both ways (many-to-one only)
 * @param batchNorm batch normalisation after every recurrent layer
 */
public record RowRnnConfig(int hidden, int layers, RnnCell cell, RnnMode mode, boolean bidirectional,
        boolean batchNorm) implements NetworkConfig {

    public RowRnnConfig {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public Architecture architecture() {
        return Architecture.ROW_RNN;
    }

    @Override
    public Network network(ImageShape image, int conditionMaps) {
        return new RowRnn(image, this, conditionMaps);
    }

    /** Its stored form: 1 and false in the fields of kernels, output maps and connections, which it has not. */
    @Override
    public ModelConfig stored(ImageShape image) {
        return new ModelConfig(Architecture.ROW_RNN, image.channels(), image.height(), image.width(), image.levels(),
                hidden, layers, 1, 1, 1, false, false, cell, bidirectional, batchNorm, mode, null);
    }

    @Override
    public void validate() {
        RowRnn.validate(this);
    }
}
