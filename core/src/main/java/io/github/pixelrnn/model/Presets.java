package io.github.pixelrnn.model;

import io.github.pixelrnn.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named configurations of the paper's models (paper, Section 4 and Table 1, and Section 5). */
public final class Presets {
    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    /**
     * Adam's peak learning rate for the binarized-MNIST Row LSTM and Diagonal BiLSTM, chosen on
     * the validation split (docs/results.md, "Learning rate"): at batch 16 with a cosine schedule,
     * 4e-3 beat 1e-3 by 3.0 nats (Row LSTM, 4,000 steps) and 6.2 nats (Diagonal BiLSTM, 2,000 steps).
     */
    static final double LSTM_MNIST_LR = 4e-3;

    /**
     * Adam's peak learning rate for the binarized-MNIST Gated PixelCNN, chosen on the validation
     * split (docs/results.md, "The Gated PixelCNN's learning rate and depth"): in 15 minutes at
     * batch 16 with a cosine schedule, 7 layers, 2e-3 ended at 88.52 nats, 4e-3 at 88.92 and 1e-3
     * at 89.89.
     */
    static final double GATED_MNIST_LR = 2e-3;

    /**
     * Gated layers of the binarized-MNIST Gated PixelCNN, chosen on the validation split at the
     * same 15 minutes: 7 layers 88.52 nats, 12 layers 86.61, 20 layers 85.63. Each 3×3 layer
     * reaches one row further up: with 20, the last row sees 23 of the 27 rows above it.
     */
    static final int GATED_MNIST_LAYERS = 20;

    static {
        add(new Preset("pixelcnn-mnist",
                "PixelCNN for binarized MNIST: 7x7 mask A, 7 residual blocks, h=32, 32 output maps",
                ModelConfig.builder(Architecture.PIXELCNN, 1, 28, 28, 2).hidden(32).layers(7).outMaps(32).build(),
                "mnist", 16, 1e-3, "81.30 nats/image (the paper's PixelCNN)"));
        add(new Preset("pixelcnn-mnist-8bit",
                "PixelCNN for 8-bit grey MNIST (256-way softmax): 7 residual blocks, h=32, 64 output maps",
                ModelConfig.builder(Architecture.PIXELCNN, 1, 28, 28, 256).hidden(32).layers(7).outMaps(64).build(),
                "mnist", 16, 1e-3));
        add(new Preset("pixelcnn-cifar",
                "PixelCNN for CIFAR-10 (paper Table 1): 15 layers, h=128, 1024 output maps, 256-way RGB softmax",
                ModelConfig.builder(Architecture.PIXELCNN, 3, 32, 32, 256).hidden(128).layers(15).outMaps(1024).build(),
                "cifar10", 16, 1e-3, "3.14 bits/dim (the paper's PixelCNN)"));
        add(new Preset("gatedpixelcnn-mnist",
                "Gated PixelCNN for binarized MNIST (van den Oord et al. 2016b): vertical and horizontal stacks, no "
                        + "blind spot; 20 gated layers of p=32 (7x7 first, 3x3 after), 32 output maps",
                ModelConfig.builder(Architecture.GATED_PIXELCNN, 1, 28, 28, 2).hidden(32).layers(GATED_MNIST_LAYERS)
                        .outMaps(32).build(),
                "mnist", 16, GATED_MNIST_LR));
        add(new Preset("gatedpixelcnn-mnist-8bit",
                "Gated PixelCNN for 8-bit grey MNIST (256-way softmax): 7 gated layers of p=32, 64 output maps",
                ModelConfig.builder(Architecture.GATED_PIXELCNN, 1, 28, 28, 256).hidden(32).layers(7).outMaps(64)
                        .build(),
                "mnist", 16, 1e-3));
        add(new Preset("gatedpixelcnn-cifar",
                "Gated PixelCNN for CIFAR-10: 15 gated layers of p=128, 1024 output maps, 256-way RGB softmax",
                ModelConfig.builder(Architecture.GATED_PIXELCNN, 3, 32, 32, 256).hidden(128).layers(15).outMaps(1024)
                        .build(),
                "cifar10", 16, 1e-3, "3.03 bits/dim (Gated PixelCNN, van den Oord et al. 2016b)"));
        add(new Preset("rowlstm-mnist",
                "Row LSTM for binarized MNIST: 7x7 mask A, 7 Row LSTM layers (k=3), h=16, residual + skip",
                ModelConfig.builder(Architecture.ROW_LSTM, 1, 28, 28, 2).hidden(16).layers(7).outMaps(32).build(),
                "mnist", 16, LSTM_MNIST_LR, "80.54 nats/image (the paper's Row LSTM)"));
        add(new Preset("diagbilstm-mnist",
                "Diagonal BiLSTM for binarized MNIST, the paper's best MNIST model (79.20 nats): 7 layers, h=16",
                ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 1, 28, 28, 2).hidden(16).layers(7).outMaps(32).build(),
                "mnist", 16, LSTM_MNIST_LR, "79.20 nats/image (the paper's Diagonal BiLSTM, 7 layers, h = 16)"));
        add(new Preset("diagbilstm-mnist-8bit",
                "Diagonal BiLSTM for 8-bit grey MNIST (256-way softmax): 7 layers, h=16, 64 output maps",
                ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 1, 28, 28, 256).hidden(16).layers(7).outMaps(64).build(),
                "mnist", 16, 1e-3));
        add(new Preset("diagbilstm-mnist-1layer",
                "Diagonal BiLSTM for binarized MNIST, 1 layer, h=32 (paper: 80.75 nats)",
                ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 1, 28, 28, 2).hidden(32).layers(1).outMaps(32).build(),
                "mnist", 16, 1e-3, "80.75 nats/image (the paper's Diagonal BiLSTM, 1 layer, h = 32)"));
        add(new Preset("diagbilstm-cifar",
                "Diagonal BiLSTM for CIFAR-10 (paper Table 1): 12 layers, h=128, 1024 output maps, 256-way RGB softmax",
                ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 3, 32, 32, 256).hidden(128).layers(12).outMaps(1024).build(),
                "cifar10", 16, 1e-3, "3.00 bits/dim (the paper's Diagonal BiLSTM)"));
        add(new Preset("rowlstm-cifar",
                "Row LSTM for CIFAR-10 (paper Table 1): 12 layers, h=128, 1024 output maps, 256-way RGB softmax",
                ModelConfig.builder(Architecture.ROW_LSTM, 3, 32, 32, 256).hidden(128).layers(12).outMaps(1024).build(),
                "cifar10", 16, 1e-3, "3.07 bits/dim (the paper's Row LSTM)"));
        add(new Preset("rowlstm-imagenet32",
                "Row LSTM for 32x32 ImageNet (paper Table 1): 12 layers, h=384, 1024 output maps, 256-way RGB "
                        + "softmax; trains on any --dataset folder of images",
                ModelConfig.builder(Architecture.ROW_LSTM, 3, 32, 32, 256).hidden(384).layers(12).outMaps(1024).build(),
                "folder", 64, 1e-3, "3.86 bits/dim (the paper's Row LSTM on 32x32 ImageNet)"));
        add(new Preset("rowlstm-imagenet64",
                "Row LSTM for 64x64 ImageNet (paper Table 1): 4 layers, h=512, no residual connections, 1024 "
                        + "output maps, 256-way RGB softmax; trains on any --dataset folder of images",
                ModelConfig.builder(Architecture.ROW_LSTM, 3, 64, 64, 256).hidden(512).layers(4).outMaps(1024)
                        .connections(false, true).build(),
                "folder", 32, 1e-3, "3.63 bits/dim (the paper's Row LSTM on 64x64 ImageNet)"));
        add(new Preset("multiscale-mnist",
                "Multi-scale PixelRNN for binarized MNIST: Diagonal BiLSTM on the 14x14 subsampled image, "
                        + "Row LSTM on 28x28 conditioned on it; 7 layers, h=16 each",
                ModelConfig.builder(Architecture.MULTISCALE, 1, 28, 28, 2).hidden(16).layers(7).outMaps(32)
                        .scales(new MultiScale(2, 16, Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM)).build(),
                "mnist", 16, 1e-3));
        add(new Preset("multiscale-cifar",
                "Multi-scale PixelRNN for CIFAR-10: Diagonal BiLSTM on the 16x16 subsampled image, "
                        + "Row LSTM on 32x32 conditioned on it; 12 layers, h=128, 256-way RGB softmax",
                ModelConfig.builder(Architecture.MULTISCALE, 3, 32, 32, 256).hidden(128).layers(12).outMaps(1024)
                        .scales(new MultiScale(2, 32, Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM)).build(),
                "cifar10", 16, 1e-3));
        add(new Preset("rowrnn-mnist",
                "Row-RNN baseline of the lab notes for binarized MNIST: one row per step, 2-layer LSTM, 128 units, many-to-many",
                rowRnn(128, 2, RnnMode.MANY_TO_MANY), "mnist", 32, 5e-3,
                "about 91 nats/image (0.1160 per pixel, the lab notes' row-RNN)"));
        add(new Preset("rowrnn-mnist-m2o",
                "Row-RNN baseline, many-to-one: one LSTM run per row over the rows above it (O(H^2)), 2 layers, 128 units",
                rowRnn(128, 2, RnnMode.MANY_TO_ONE), "mnist", 32, 5e-3));
    }

    /** A row-RNN for 28×28 binary images. */
    private static ModelConfig rowRnn(int hidden, int layers, RnnMode mode) {
        return ModelConfig.builder(Architecture.ROW_RNN, 1, 28, 28, 2).hidden(hidden).layers(layers)
                .recurrence(RnnCell.LSTM, mode).build();
    }

    private Presets() {
    }

    private static void add(Preset p) {
        PRESETS.put(p.name(), p);
    }

    public static List<Preset> all() {
        return List.copyOf(PRESETS.values());
    }

    /** The preset called {@code name}, or a one-line error listing the known ones. */
    public static Preset get(String name) {
        Preset p = PRESETS.get(name);
        if (p == null) {
            throw new UserError("unknown preset '" + name + "'; known: " + String.join(", ", PRESETS.keySet()));
        }
        return p;
    }
}
