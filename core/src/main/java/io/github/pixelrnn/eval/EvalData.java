package io.github.pixelrnn.eval;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.ModelConfig;

/**
 * Turns raw 8-bit images into what a model is evaluated on. Binary models are evaluated on a
 * set binarized <em>once</em> with a fixed seed, so test NLLs are comparable across runs and
 * machines; 8-bit models on the raw values.
 */
public final class EvalData {
    /** Seed of the one stochastic binarization of every evaluation set (arXiv 1601.06759). */
    public static final long BINARIZATION_SEED = 160106759L;

    private EvalData() {
    }

    /** The set the model's likelihood is measured on, checked against the model's image size. */
    public static ImageSet prepare(ImageSet eightBit, ModelConfig model, Binarization.Mode mode,
            double threshold) {
        checkFits(eightBit, model, "the data set");
        if (model.levels() == eightBit.levels()) {
            return eightBit;
        }
        if (model.levels() == 2) {
            return Binarization.binarize(eightBit, mode, threshold, BINARIZATION_SEED);
        }
        throw new UserError("the model needs 8-bit images but the data are binary");
    }

    /**
     * The labels a class-conditional model is evaluated with (each image's own class); null for an
     * unconditional model. A one-line error when the model is conditional and {@code images}
     * has no labels, or a label is not one of the model's classes.
     */
    public static int[] classes(ImageSet images, ModelConfig model, String what) {
        if (!model.conditional()) {
            return null;
        }
        int[] labels = images.labels();
        if (labels == null) {
            throw new UserError("the model is class-conditional (" + model.classCount() + " classes) but " + what
                    + " has no labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= model.classCount()) {
                throw new UserError(what + ": image " + i + " has label " + labels[i] + ", not one of the model's "
                        + model.classCount() + " classes");
            }
        }
        return labels;
    }

    /** A one-line error unless the images have the model's channels, height and width. */
    public static void checkFits(ImageSet images, ModelConfig model, String what) {
        if (images.channels() != model.channels() || images.height() != model.height()
                || images.width() != model.width()) {
            throw new UserError(what + " has " + images.channels() + "x" + images.height() + "x"
                    + images.width() + " images; the model needs " + model.channels() + "x"
                    + model.height() + "x" + model.width() + " (channels x height x width)");
        }
    }
}
