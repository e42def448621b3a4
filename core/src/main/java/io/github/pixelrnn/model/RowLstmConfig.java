package io.github.pixelrnn.model;

import io.github.pixelrnn.nn.RowLstm;

/**
 * A Row LSTM network (Section 3.1): the mask-A input layer, {@code layers} Row LSTM layers of
 * h states, each followed by a 1×1 mask-B convolution back to 2h maps, and the output stack.
 *
 * @param hidden h: the LSTM's state size; the layers between carry 2h maps
 * @param layers Row LSTM layers
 * @param outMaps width of the two output layers
 * @param firstKernel kernel size of the mask-A input layer (7 in the paper)
 * @param kernel width k of the 1×k mask-B input-to-state convolution (3 in the paper; the
 *     state-to-state convolution is 1×3)
 * @param residual the residual connection around each layer
 * @param skip skip connections from every layer to the output
 */
public record RowLstmConfig(int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
        boolean skip) implements PaperLayers {

    @Override
    public Architecture architecture() {
        return Architecture.ROW_LSTM;
    }

    @Override
    public Network network(ImageShape image, int conditionMaps) {
        return new SpatialLstmNet(image, this, l -> new RowLstm(2 * hidden, hidden, kernel, image.channels()),
                conditionMaps);
    }

    @Override
    public ModelConfig stored(ImageShape image) {
        return ModelConfig.stored(image, Architecture.ROW_LSTM, hidden, layers, outMaps, firstKernel, kernel,
                residual, skip);
    }
}
