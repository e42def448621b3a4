package io.github.pixelrnn.model;

import io.github.pixelrnn.UserError;

/**
 * Everything needed to rebuild a network: saved as JSON in every checkpoint, so loading one
 * never needs the user to repeat flags. Immutable; use the {@code with*} methods to derive.
 *
 * @param architecture network family
 * @param channels colour channels of the data, 1 (grey/binary) or 3 (RGB)
 * @param height image height
 * @param width image width
 * @param levels values per sub-pixel: 2 (binarized, Bernoulli output) or 256 (softmax output)
 * @param hidden h of the paper: layers carry 2h feature maps
 * @param layers number of hidden layers after the first (residual blocks for PixelCNN)
 * @param outMaps width of the two ReLU + 1×1 output layers (32 for MNIST, 1024 for CIFAR)
 * @param firstKernel kernel size of the first, mask-A layer (7 in the paper)
 * @param kernel kernel size of the mask-B convolutions inside the blocks (3 in the paper)
 * @param residual residual connections inside every block
 * @param skip learnable skip connections from every layer to the output
 * @param cell recurrent cell of the row-RNN model (null elsewhere; null reads as LSTM)
 * @param bidirectional row-RNN: read the known rows in both directions (many-to-one only)
 * @param batchNorm row-RNN: batch normalisation after each recurrent layer
 * @param mode row-RNN: many-to-many (seq2seq) or many-to-one (seq2vec); null reads as many-to-many
 * @param multiScale the two scales of a {@code multiscale} model (null elsewhere)
 */
public record ModelConfig(Architecture architecture, int channels, int height, int width, int levels,
        int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
        boolean skip, RnnCell cell, boolean bidirectional, boolean batchNorm, RnnMode mode,
        MultiScale multiScale) {

    /** A config without multi-scale settings. */
    public ModelConfig(Architecture architecture, int channels, int height, int width, int levels,
            int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
            boolean skip, RnnCell cell, boolean bidirectional, boolean batchNorm, RnnMode mode) {
        this(architecture, channels, height, width, levels, hidden, layers, outMaps, firstKernel,
                kernel, residual, skip, cell, bidirectional, batchNorm, mode, null);
    }

    /** A config of the convolutional and spatial-LSTM families (no row-RNN settings). */
    public ModelConfig(Architecture architecture, int channels, int height, int width, int levels,
            int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
            boolean skip) {
        this(architecture, channels, height, width, levels, hidden, layers, outMaps, firstKernel,
                kernel, residual, skip, null, false, false, null);
    }

    /** Checks the values and throws a one-line {@link UserError} naming the first bad one. */
    public ModelConfig validate() {
        if (architecture == null) {
            throw new UserError("no known architecture given; known: " + Architecture.ids(Architecture.values()));
        }
        positive("channels", channels);
        positive("height", height);
        positive("width", width);
        positive("hidden", hidden);
        positive("layers", layers);
        positive("out-maps", outMaps);
        positive("first kernel", firstKernel);
        positive("kernel", kernel);
        if (channels != 1 && channels != 3) {
            throw new UserError("channels must be 1 or 3, got " + channels);
        }
        if (levels != 2 && levels != 256) {
            throw new UserError("levels must be 2 (binary) or 256 (8-bit), got " + levels);
        }
        if (firstKernel % 2 == 0 || kernel % 2 == 0) {
            throw new UserError("kernel sizes must be odd, got " + firstKernel + " and " + kernel);
        }
        if (channels == 3 && hidden < 2) {
            throw new UserError("RGB models need hidden >= 2 so every colour group has features");
        }
        if (architecture == Architecture.ROW_RNN) {
            RowRnn.validate(this);
        }
        if (architecture == Architecture.MULTISCALE) {
            if (multiScale == null) {
                throw new UserError("a multiscale model needs its scales (factor, small and large architectures)");
            }
            multiScale.validate(this);
        } else if (multiScale != null) {
            throw new UserError("multi-scale settings apply only to multiscale models, not to " + architecture);
        }
        return this;
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new UserError(name + " must be positive, got " + v);
        }
    }

    /** Sub-pixels per image, C·H·W. */
    public int dims() {
        return channels * height * width;
    }

    /** Logits per sub-pixel: 1 for a Bernoulli (binary data), {@code levels} for a softmax. */
    public int valuesPerSubPixel() {
        return levels == 2 ? 1 : levels;
    }

    public ModelConfig withImage(int c, int h, int w, int l) {
        return new ModelConfig(architecture, c, h, w, l, hidden, layers, outMaps, firstKernel,
                kernel, residual, skip, cell, bidirectional, batchNorm, mode, multiScale);
    }

    public ModelConfig withSize(int hiddenSize, int layerCount, int outputMaps) {
        return new ModelConfig(architecture, channels, height, width, levels, hiddenSize,
                layerCount, outputMaps, firstKernel, kernel, residual, skip, cell, bidirectional,
                batchNorm, mode, multiScale);
    }

    public ModelConfig withConnections(boolean res, boolean skipConnections) {
        return new ModelConfig(architecture, channels, height, width, levels, hidden, layers,
                outMaps, firstKernel, kernel, res, skipConnections, cell, bidirectional, batchNorm,
                mode, multiScale);
    }

    public ModelConfig withRecurrence(RnnCell rnnCell, boolean bidi, boolean norm, RnnMode rnnMode) {
        return new ModelConfig(architecture, channels, height, width, levels, hidden, layers,
                outMaps, firstKernel, kernel, residual, skip, rnnCell, bidi, norm, rnnMode, multiScale);
    }

    public ModelConfig withMultiScale(MultiScale scales) {
        return new ModelConfig(architecture, channels, height, width, levels, hidden, layers,
                outMaps, firstKernel, kernel, residual, skip, cell, bidirectional, batchNorm, mode, scales);
    }

    /** The same network settings for another architecture, without multi-scale settings. */
    public ModelConfig withArchitecture(Architecture name) {
        return new ModelConfig(name, channels, height, width, levels, hidden, layers, outMaps,
                firstKernel, kernel, residual, skip, cell, bidirectional, batchNorm, mode, null);
    }

    /** One line, for logs and summaries. */
    public String describe() {
        return architecture + " " + channels + "x" + height + "x" + width + " levels=" + levels
                + " h=" + hidden + " layers=" + layers + " outMaps=" + outMaps
                + (residual ? " residual" : "") + (skip ? " skip" : "")
                + (cell == null ? "" : " " + cell + " " + mode + (bidirectional ? " bidirectional" : "")
                        + (batchNorm ? " batch-norm" : ""))
                + (multiScale == null ? "" : " " + multiScale.describe());
    }
}
