package io.github.pixelrnn.cli;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.model.ModelConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data options shared by the commands that read a data set. */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME", description = {
        "mnist | fashion-mnist | cifar10 | folder | idx | binarized-mnist (default: the preset's, or the "
                + "checkpoint's)"})
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "local data files instead of the automatic download")
    Path dataDir;

    @Option(names = "--binarization", paramLabel = "M", description = "stochastic (default) | threshold, for binary models")
    String binarization = "stochastic";

    @Option(names = "--threshold", paramLabel = "T", description = "threshold for --binarization threshold (default 0.5)")
    double threshold = 0.5;

    /** The data set name, or {@code fallback} when {@code --dataset} was not given. */
    String dataset(String fallback) {
        return dataset != null ? dataset : fallback;
    }

    Binarization.Mode binarization() {
        if (!binarization.equals("stochastic") && !binarization.equals("threshold")) {
            throw new UserError("unknown binarization '" + binarization + "'; known: stochastic, threshold");
        }
        return Binarization.Mode.parse(binarization);
    }

    double threshold() {
        if (!(threshold > 0 && threshold < 1)) {
            throw new UserError("--threshold must be in (0, 1), got " + threshold);
        }
        return threshold;
    }

    /** The raw (8-bit) images of a data set split, sized for {@code model}. */
    ImageSet load(String defaultDataset, boolean train, ModelConfig model) {
        return Common.load(dataset(defaultDataset), dataDir, train, model);
    }

    /** The test (or train) images in the model's levels, binarized once with the fixed seed. */
    ImageSet evaluationSet(String defaultDataset, boolean train, ModelConfig model) {
        ImageSet raw = load(defaultDataset, train, model);
        return EvalData.prepare(raw, model, binarization(), threshold());
    }
}
