package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.MultiScale;
import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.model.Presets;
import io.github.pixelrnn.sample.Strategy;
import io.github.pixelrnn.train.Checkpoint;
import io.github.pixelrnn.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Options and helpers shared by several commands. */
final class Common {
    static final Set<String> MODEL_FLAGS = Set.of("preset", "model", "hidden", "layers", "out-maps", "cell", "mode",
            "factor", "small", "large", "condition-maps");
    static final Set<String> MODEL_SWITCHES = Set.of("no-residual", "no-skip", "bidirectional", "batch-norm");
    static final Set<String> DATA_FLAGS = Set.of("dataset", "data-dir", "binarization", "threshold");
    static final String MODEL_USAGE = """
              --preset NAME        model preset (see: pixelrnn presets); --model NAME is the same
              --hidden N           override h (layers carry 2h feature maps)
              --layers N           override the number of layers
              --out-maps N         override the width of the output layers
              --no-residual        switch off residual connections
              --no-skip            switch off skip connections
              --cell C             rowrnn only: lstm | gru (default: the preset's)
              --mode M             rowrnn only: many-to-many (one run, every output predicts
                                   the next row) | many-to-one (one run per row, O(H^2))
              --bidirectional      rowrnn only: read the known rows both ways (many-to-one only)
              --batch-norm         rowrnn only: batch normalisation after every recurrent layer
              --factor F           multiscale only: subsampling factor of the small image (default 2)
              --small ARCH         multiscale only: network of the small image (pixelcnn | rowlstm | diagbilstm)
              --large ARCH         multiscale only: conditional network of the full image (same choices)
              --condition-maps C   multiscale only: maps of the upsampled small image
            """;
    static final String DATA_USAGE = """
              --dataset NAME       mnist | fashion-mnist | cifar10 | folder | idx | binarized-mnist
                                   (default: the preset's)
              --data-dir DIR       local data files instead of the automatic download
              --binarization M     stochastic (default) | threshold, for binary models
              --threshold T        threshold for --binarization threshold (default 0.5)
            """;

    private Common() {
    }

    static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    /** The preset named by {@code --preset}; required when {@code fallback} is null. */
    /** {@code --strategy cached|naive}: how generation computes each sub-pixel (default cached). */
    static Strategy strategy(Args a) {
        return Strategy.named(a.get("strategy", "cached"));
    }

    static Preset preset(Args a, String fallback) {
        if (a.has("model") && a.has("preset")) {
            throw new UserError("give --preset or --model, not both");
        }
        String name = a.has("model") ? a.get("model", null) : a.get("preset", fallback);
        if (name == null) {
            name = a.require("preset");
        }
        return Presets.get(name);
    }

    /** The preset's model with the command-line overrides applied. */
    static ModelConfig model(Args a, Preset p) {
        ModelConfig m = p.model();
        m = m.withSize(a.positive("hidden", m.hidden()), a.positive("layers", m.layers()),
                a.positive("out-maps", m.outMaps()));
        m = m.withConnections(m.residual() && !a.flag("no-residual"), m.skip() && !a.flag("no-skip"));
        boolean recurrent = m.architecture().equals("rowrnn");
        for (String f : List.of("cell", "mode", "bidirectional", "batch-norm")) {
            if (!recurrent && a.has(f)) {
                throw new UserError("--" + f + " applies only to rowrnn presets, not to " + m.architecture());
            }
        }
        if (recurrent) {
            m = m.withRecurrence(a.get("cell", m.cell()), m.bidirectional() || a.flag("bidirectional"),
                    m.batchNorm() || a.flag("batch-norm"), a.get("mode", m.mode()));
        }
        MultiScale scales = m.multiScale();
        for (String f : List.of("factor", "small", "large", "condition-maps")) {
            if (scales == null && a.has(f)) {
                throw new UserError("--" + f + " applies only to multiscale presets, not to " + m.architecture());
            }
        }
        if (scales != null) {
            m = m.withMultiScale(scales.withFactor(a.positive("factor", scales.factor()))
                    .withScales(a.get("small", scales.small()), a.get("large", scales.large()),
                            a.positive("condition-maps", scales.conditionMaps())));
        }
        return m.validate();
    }

    static Binarization.Mode binarization(Args a) {
        String b = a.get("binarization", "stochastic");
        if (!b.equals("stochastic") && !b.equals("threshold")) {
            throw new UserError("unknown binarization '" + b + "'; known: stochastic, threshold");
        }
        return Binarization.Mode.parse(b);
    }

    static double threshold(Args a) {
        double t = a.number("threshold", 0.5);
        if (!(t > 0 && t < 1)) {
            throw new UserError("--threshold must be in (0, 1), got " + t);
        }
        return t;
    }

    /** The raw (8-bit) images of a data set split, sized for {@code model}. */
    static ImageSet load(Args a, String defaultDataset, boolean train, ModelConfig model) {
        return load(a.get("dataset", defaultDataset), a.path("data-dir", null), train, model);
    }

    /** The raw (8-bit) images of data set {@code name} ({@code dir} may be null), sized for {@code model}. */
    static ImageSet load(String name, Path dir, boolean train, ModelConfig model) {
        if (name.equals("folder")) {
            if (dir == null) {
                throw new UserError("--dataset folder needs --data-dir DIR of PNG/JPEG images");
            }
            return Datasets.load(name, train, dir, model.height(), model.width(), model.channels());
        }
        return Datasets.load(name, train, dir);
    }

    /** The test (or train) images in the model's levels, binarized once with the fixed seed. */
    static ImageSet evaluationSet(Args a, String defaultDataset, boolean train, ModelConfig model) {
        ImageSet raw = load(a, defaultDataset, train, model);
        return EvalData.prepare(raw, model, binarization(a), threshold(a));
    }

    /** A checkpoint directory from {@code --checkpoint}: a run directory or the checkpoint itself. */
    static Path checkpoint(Args a) {
        return Checkpoint.resolve(a.require("checkpoint"));
    }

    /** The switch of every command that loads a model for inference. */
    static final String RAW_WEIGHTS = "raw-weights";
    static final String RAW_WEIGHTS_USAGE = """
              --raw-weights        use the weights the optimizer left, not their moving average
                                   (checkpoints trained with --ema hold both; the average is the default)
            """;

    /** {@code --raw-weights}: which weights an inference command loads. */
    static Checkpoint.Weights weights(Args a) {
        return a.flag(RAW_WEIGHTS) ? Checkpoint.Weights.RAW : Checkpoint.Weights.AVERAGED;
    }

    /** The checkpoint of {@code --checkpoint}, loaded for inference with the weights asked for. */
    static Checkpoint.Loaded load(Args a) {
        return Checkpoint.load(checkpoint(a), weights(a));
    }

    /** Files and directories of images given as positional arguments. */
    static List<Path> imagePaths(Args a) {
        return a.positional().stream().map(Path::of).toList();
    }

    /** Creates the parent directory of an output file, or fails with a one-line error. */
    static Path outputFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a directory; give a file name, e.g. " + file.resolve("out.png"));
        }
        Path parent = file.toAbsolutePath().getParent();
        Trainer.ensureWritable(parent);
        return file;
    }
}
