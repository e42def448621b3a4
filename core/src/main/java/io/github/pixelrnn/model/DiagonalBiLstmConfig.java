package io.github.pixelrnn.model;

import io.github.pixelrnn.nn.DiagonalBiLstm;

/**
 * A Diagonal BiLSTM network (Section 3.2): the mask-A input layer, {@code layers} Diagonal
 * BiLSTM layers of h states, each followed by a 1×1 mask-B convolution back to 2h maps, and the
 * output stack. Its kernels are the paper's, fixed: a 1×1 input-to-state and a 2×1
 * state-to-state convolution along the skewed diagonals.
 *
 * @param hidden h: the LSTM's state size; the layers between carry 2h maps
 * @param layers Diagonal BiLSTM layers
 * @param outMaps width of the two output layers
 * @param firstKernel kernel size of the mask-A input layer (7 in the paper)
 * @param residual the residual connection around each layer
 * @param skip skip connections from every layer to the output
 */
public record DiagonalBiLstmConfig(int hidden, int layers, int outMaps, int firstKernel, boolean residual,
        boolean skip) implements PaperLayers {

    /** What its stored form holds as the inner kernel, which it does not use: the paper's 3. */
    static final int STORED_KERNEL = 3;

    @Override
    public Architecture architecture() {
        return Architecture.DIAGONAL_BILSTM;
    }

    @Override
    public Network network(ImageShape image, int conditionMaps) {
        return new SpatialLstmNet(image, this, l -> new DiagonalBiLstm(2 * hidden, hidden, image.channels()),
                conditionMaps);
    }

    @Override
    public ModelConfig stored(ImageShape image) {
        return ModelConfig.stored(image, Architecture.DIAGONAL_BILSTM, hidden, layers, outMaps, firstKernel,
                STORED_KERNEL, residual, skip);
    }
}
