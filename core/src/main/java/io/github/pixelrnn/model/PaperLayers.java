package io.github.pixelrnn.model;

/**
 * What the three networks of the paper's Table 1 share (Sections 3.4 and 3.5): a k×k mask-A
 * input layer to 2h maps, {@link #layers()} hidden layers of 2h maps, optional residual
 * connections inside them and skip connections from each to an output stack of two ReLU + 1×1
 * layers of {@link #outMaps()} maps. {@link PaperNetwork} builds these ends; each record adds
 * what its hidden layers need.
 */
public sealed interface PaperLayers extends NetworkConfig permits PixelCnnConfig, GatedPixelCnnConfig, RowLstmConfig,
        DiagonalBiLstmConfig {

    /** Width of the two ReLU + 1×1 output layers (32 for MNIST, 1024 for CIFAR-10). */
    int outMaps();

    /** Kernel size of the first, mask-A layer (7 in the paper). */
    int firstKernel();

    /** Residual connections inside every hidden layer. */
    boolean residual();

    /** Skip connections from every layer to the output stack. */
    boolean skip();

    /**
     * The settings of {@code architecture} (one of {@link Architecture#scales()}) with these
     * sizes; {@code kernel} is dropped by the Diagonal BiLSTM, whose kernels are fixed.
     */
    static PaperLayers of(Architecture architecture, int hidden, int layers, int outMaps, int firstKernel,
            int kernel, boolean residual, boolean skip) {
        return switch (architecture) {
            case PIXELCNN -> new PixelCnnConfig(hidden, layers, outMaps, firstKernel, kernel, residual, skip);
            case GATED_PIXELCNN -> new GatedPixelCnnConfig(hidden, layers, outMaps, firstKernel, kernel, residual, skip);
            case ROW_LSTM -> new RowLstmConfig(hidden, layers, outMaps, firstKernel, kernel, residual, skip);
            case DIAGONAL_BILSTM -> new DiagonalBiLstmConfig(hidden, layers, outMaps, firstKernel, residual, skip);
            case ROW_RNN, MULTISCALE -> throw new IllegalArgumentException(architecture + " is not a network of Table 1");
        };
    }
}
