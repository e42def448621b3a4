package io.github.pixelrnn.model;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.util.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything needed to rebuild a network: saved as JSON in every checkpoint, so loading one
 * never needs the user to repeat flags. Immutable; derive another with {@link #toBuilder()}.
 *
 * <p>This flat record is the stored form, the one every checkpoint since the first holds. Code
 * that builds or reads a network uses the typed form: an {@link ImageShape} and a
 * {@link NetworkConfig} of the architecture, which holds only the fields that architecture uses
 * ({@link #of}, {@link #image()}, {@link #network()}), or the {@link #builder}. Fields an
 * architecture does not use hold neutral values here: 1 and false for a row-RNN's kernels,
 * output maps and connections, the paper's 3 for a Diagonal BiLSTM's inner kernel. New configs
 * are made with {@link #builder} (or {@link #toBuilder}), never field by field.
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
 * @param classes the class names of a class-conditional model, in label order (null: an
 *     unconditional model, as every checkpoint before conditioning)
 */
public record ModelConfig(Architecture architecture, int channels, int height, int width, int levels,
        int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
        boolean skip, RnnCell cell, boolean bidirectional, boolean batchNorm, RnnMode mode,
        MultiScale multiScale, List<String> classes) {

    /** The stored form of an unconditional model: the 17 fields every checkpoint holds. */
    public ModelConfig(Architecture architecture, int channels, int height, int width, int levels,
            int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
            boolean skip, RnnCell cell, boolean bidirectional, boolean batchNorm, RnnMode mode,
            MultiScale multiScale) {
        this(architecture, channels, height, width, levels, hidden, layers, outMaps, firstKernel, kernel, residual,
                skip, cell, bidirectional, batchNorm, mode, multiScale, null);
    }

    /** Copies the class names, so that the record stays immutable. */
    public ModelConfig {
        classes = classes == null ? null : Collections.unmodifiableList(new ArrayList<>(classes));
    }

    /**
     * The stored form of a network of Table 1 on {@code image}, whose row-RNN and multi-scale
     * fields are empty: what {@link NetworkConfig#stored} of those records returns.
     */
    static ModelConfig stored(ImageShape image, Architecture architecture, int hidden, int layers, int outMaps,
            int firstKernel, int kernel, boolean residual, boolean skip) {
        return new ModelConfig(architecture, image.channels(), image.height(), image.width(), image.levels(), hidden,
                layers, outMaps, firstKernel, kernel, residual, skip, null, false, false, null, null);
    }

    /** Checks the values and throws a one-line {@link UserError} naming the first bad one. */
    public ModelConfig validate() {
        if (architecture == null) {
            throw new UserError("no known architecture given; known: " + Names.list(Architecture.values()));
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
        network().validate();
        if (architecture == Architecture.MULTISCALE) {
            if (multiScale == null) {
                throw new UserError("a multiscale model needs its scales (factor, small and large architectures)");
            }
            multiScale.validate(this);
        } else if (multiScale != null) {
            throw new UserError("multi-scale settings apply only to multiscale models, not to " + architecture);
        }
        if (classes != null) {
            checkClasses(classes);
        }
        return this;
    }

    /** At least two classes, named, each name once. */
    private static void checkClasses(List<String> names) {
        if (names.size() < 2) {
            throw new UserError("a class-conditional model needs at least 2 classes, got " + names.size());
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new UserError("class names must not be blank");
            }
            if (!seen.add(name)) {
                throw new UserError("class '" + name + "' is named twice");
            }
        }
    }

    /** Whether the model generates images of a given class, p(x | y). */
    public boolean conditional() {
        return classes != null;
    }

    /** K, the number of classes of a class-conditional model; 0 for an unconditional one. */
    public int classCount() {
        return classes == null ? 0 : classes.size();
    }

    /**
     * The label of a class given by its name or by its index 0..K-1 (a name wins when a class is
     * named by a number); a one-line {@link UserError} lists the classes otherwise.
     */
    public int classIndex(String nameOrIndex) {
        if (classes == null) {
            throw new UserError("this model is unconditional: it takes no class");
        }
        int named = classes.indexOf(nameOrIndex);
        if (named >= 0) {
            return named;
        }
        try {
            int i = Integer.parseInt(nameOrIndex.trim());
            if (i >= 0 && i < classes.size()) {
                return i;
            }
        } catch (NumberFormatException e) {
            // not an index either
        }
        throw new UserError("no class '" + nameOrIndex + "'; the model's classes are " + String.join(", ", classes)
                + " (or their indices 0.." + (classes.size() - 1) + ")");
    }

    /** This config, generating images of {@code names}' classes (null: unconditional). */
    public ModelConfig withClasses(List<String> names) {
        return new ModelConfig(architecture, channels, height, width, levels, hidden, layers, outMaps, firstKernel,
                kernel, residual, skip, cell, bidirectional, batchNorm, mode, multiScale, names);
    }

    /**
     * The record's own format, with the class names at the end only for a conditional model: the
     * model identity of a compressed file hashes this text, so an unconditional model's text is
     * the one it had before there were classes.
     */
    @Override
    public String toString() {
        return "ModelConfig[architecture=" + architecture + ", channels=" + channels + ", height=" + height
                + ", width=" + width + ", levels=" + levels + ", hidden=" + hidden + ", layers=" + layers
                + ", outMaps=" + outMaps + ", firstKernel=" + firstKernel + ", kernel=" + kernel + ", residual="
                + residual + ", skip=" + skip + ", cell=" + cell + ", bidirectional=" + bidirectional + ", batchNorm="
                + batchNorm + ", mode=" + mode + ", multiScale=" + multiScale
                + (classes == null ? "" : ", classes=" + classes) + "]";
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new UserError(name + " must be positive, got " + v);
        }
    }

    /**
     * The stored form of {@code network} on {@code image}, validated: a one-line
     * {@link UserError} names the first bad value.
     */
    public static ModelConfig of(ImageShape image, NetworkConfig network) {
        return network.stored(image).validate();
    }

    /** The images this model is for. */
    public ImageShape image() {
        return new ImageShape(channels, height, width, levels);
    }

    /**
     * The settings of this architecture alone, typed: what the networks are built from. A
     * row-RNN's missing cell or mode (the earliest checkpoints) reads as LSTM, many-to-many.
     */
    public NetworkConfig network() {
        return switch (architecture) {
            case PIXELCNN, GATED_PIXELCNN, ROW_LSTM, DIAGONAL_BILSTM -> PaperLayers.of(architecture, hidden, layers,
                    outMaps, firstKernel, kernel, residual, skip);
            case ROW_RNN -> new RowRnnConfig(hidden, layers, cell == null ? RnnCell.LSTM : cell,
                    mode == null ? RnnMode.MANY_TO_MANY : mode, bidirectional, batchNorm);
            case MULTISCALE -> new MultiScaleConfig(multiScale, hidden, layers, outMaps, firstKernel, kernel,
                    residual, skip);
        };
    }

    /** Sub-pixels per image, C·H·W. */
    public int dims() {
        return channels * height * width;
    }

    /** Logits per sub-pixel: 1 for a Bernoulli (binary data), {@code levels} for a softmax. */
    public int valuesPerSubPixel() {
        return levels == 2 ? 1 : levels;
    }

    /**
     * A builder that starts from this config's settings, to change some of them; like
     * {@link #builder}, it refuses a setter the architecture does not use.
     */
    public Builder toBuilder() {
        Builder b = new Builder(architecture, channels, height, width, levels);
        b.hidden = hidden;
        b.layers = layers;
        b.outMaps = outMaps;
        b.firstKernel = firstKernel;
        b.kernel = kernel;
        b.residual = residual;
        b.skip = skip;
        b.cell = cell == null ? RnnCell.LSTM : cell;
        b.mode = mode == null ? RnnMode.MANY_TO_MANY : mode;
        b.bidirectional = bidirectional;
        b.batchNorm = batchNorm;
        b.scales = multiScale;
        b.classes = classes;
        return b;
    }

    /** One line, for logs and summaries. */
    public String describe() {
        return architecture + " " + channels + "x" + height + "x" + width + " levels=" + levels
                + " h=" + hidden + " layers=" + layers + " outMaps=" + outMaps
                + (residual ? " residual" : "") + (skip ? " skip" : "")
                + (cell == null ? "" : " " + cell + " " + mode + (bidirectional ? " bidirectional" : "")
                        + (batchNorm ? " batch-norm" : ""))
                + (multiScale == null ? "" : " " + multiScale.describe())
                + (classes == null ? "" : " conditional on " + classes.size() + " classes");
    }

    /**
     * A builder for {@code architecture} on images of {@code channels}×{@code height}×{@code width}
     * with {@code levels} values per sub-pixel, starting from the paper's MNIST sizes (h = 16,
     * 7 layers, 32 output maps, a 7×7 first kernel, 3-wide inner kernels, residual and skip
     * connections, and for a multi-scale model {@link #PAPER_SCALES}). Each setter applies only to
     * the architectures that use its field, and says so otherwise: a row-RNN takes no kernels,
     * only a multi-scale model takes scales.
     */
    public static Builder builder(Architecture architecture, int channels, int height, int width, int levels) {
        return new Builder(architecture, channels, height, width, levels);
    }

    /**
     * The scales a multi-scale builder starts from: a Diagonal BiLSTM on the image subsampled by 2,
     * and a Row LSTM on the full image biased by 16 maps of it (the {@code multiscale-mnist} preset).
     */
    public static final MultiScale PAPER_SCALES = new MultiScale(2, 16, Architecture.DIAGONAL_BILSTM,
            Architecture.ROW_LSTM);

    /** Builds a {@link ModelConfig} from the fields its architecture uses; see {@link #builder}. */
    public static final class Builder {
        private final Architecture architecture;
        private int channels;
        private int height;
        private int width;
        private int levels;
        private int hidden = 16;
        private int layers = 7;
        private int outMaps = 32;
        private int firstKernel = 7;
        private int kernel = 3;
        private boolean residual = true;
        private boolean skip = true;
        private RnnCell cell = RnnCell.LSTM;
        private RnnMode mode = RnnMode.MANY_TO_MANY;
        private boolean bidirectional;
        private boolean batchNorm;
        private MultiScale scales;
        private List<String> classes;

        private Builder(Architecture architecture, int channels, int height, int width, int levels) {
            if (architecture == null) {
                throw new UserError("no known architecture given; known: " + Names.list(Architecture.values()));
            }
            this.architecture = architecture;
            this.channels = channels;
            this.height = height;
            this.width = width;
            this.levels = levels;
        }

        /** The images: C colour channels of H×W pixels with {@code levels} values per sub-pixel. */
        public Builder image(int c, int h, int w, int valueLevels) {
            channels = c;
            height = h;
            width = w;
            levels = valueLevels;
            return this;
        }

        /** h of the paper: layers carry 2h feature maps (the row-RNN: its state size). */
        public Builder hidden(int h) {
            hidden = h;
            return this;
        }

        /** Hidden layers (residual blocks for PixelCNN, recurrent layers for the row-RNN). */
        public Builder layers(int n) {
            layers = n;
            return this;
        }

        /** Width of the two ReLU + 1×1 output layers. */
        public Builder outMaps(int maps) {
            uses("output maps", architecture != Architecture.ROW_RNN);
            outMaps = maps;
            return this;
        }

        /** Kernel size of the first, mask-A convolution (7 in the paper). */
        public Builder firstKernel(int size) {
            uses("a first kernel", architecture != Architecture.ROW_RNN);
            firstKernel = size;
            return this;
        }

        /** Kernel size of the inner mask-B convolutions, or the Row LSTM's input-to-state kernel (3). */
        public Builder kernel(int size) {
            uses("an inner kernel", architecture != Architecture.ROW_RNN && architecture != Architecture.DIAGONAL_BILSTM);
            kernel = size;
            return this;
        }

        /** Residual connections inside every layer, and skip connections to the output. */
        public Builder connections(boolean residualConnections, boolean skipConnections) {
            uses("residual and skip connections", architecture != Architecture.ROW_RNN);
            residual = residualConnections;
            skip = skipConnections;
            return this;
        }

        /** The row-RNN's cell and how it reads the rows above. */
        public Builder recurrence(RnnCell rnnCell, RnnMode rnnMode) {
            uses("a recurrent cell", architecture == Architecture.ROW_RNN);
            cell = rnnCell;
            mode = rnnMode;
            return this;
        }

        /** The row-RNN reads the known rows both ways (many-to-one only). */
        public Builder bidirectional(boolean both) {
            uses("bidirectional reading", architecture == Architecture.ROW_RNN);
            bidirectional = both;
            return this;
        }

        /** The row-RNN normalises the batch after every recurrent layer. */
        public Builder batchNorm(boolean norm) {
            uses("batch normalisation", architecture == Architecture.ROW_RNN);
            batchNorm = norm;
            return this;
        }

        /** The two scales of a multi-scale model. */
        public Builder scales(MultiScale multiScale) {
            uses("scales", architecture == Architecture.MULTISCALE);
            scales = multiScale;
            return this;
        }

        /** Makes the model class-conditional, p(x | y), on classes of these names in label order (null: unconditional). */
        public Builder classes(List<String> names) {
            classes = names;
            return this;
        }

        private void uses(String what, boolean used) {
            if (!used) {
                throw new IllegalArgumentException(architecture + " takes no " + what);
            }
        }

        /** The validated config: the typed settings of its architecture, stored (see {@link ModelConfig#of}). */
        public ModelConfig build() {
            ImageShape image = new ImageShape(channels, height, width, levels);
            NetworkConfig network = switch (architecture) {
                case PIXELCNN, GATED_PIXELCNN, ROW_LSTM, DIAGONAL_BILSTM -> PaperLayers.of(architecture, hidden, layers,
                        outMaps, firstKernel, kernel, residual, skip);
                case ROW_RNN -> new RowRnnConfig(hidden, layers, cell, mode, bidirectional, batchNorm);
                case MULTISCALE -> new MultiScaleConfig(scales != null ? scales : PAPER_SCALES, hidden, layers, outMaps,
                        firstKernel, kernel, residual, skip);
            };
            return network.stored(image).withClasses(classes).validate(); // each record keeps only what its architecture uses
        }
    }
}
