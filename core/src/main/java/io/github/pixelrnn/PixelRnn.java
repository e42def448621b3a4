package io.github.pixelrnn;

import io.github.pixelrnn.codec.CompressedFile;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.eval.GenerativeClassifier;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.model.Decoder;
import io.github.pixelrnn.sample.Sampler;
import io.github.pixelrnn.sample.Strategy;
import io.github.pixelrnn.store.Checkpoint;
import io.github.pixelrnn.store.Pretrained;
import io.github.pixelrnn.util.Rng;
import java.nio.file.Path;

/**
 * The Java API: what the command line does, for programs. Load a trained model, measure the
 * exact log-likelihood of images, sample new ones, complete partly known ones.
 *
 * <pre>{@code
 * try (PixelRnn m = PixelRnn.load(Path.of("runs/pixelcnn-mnist"))) {
 *     double[] logp = m.logLikelihood(images);         // nats per image
 *     ImageSet samples = m.sample(16, 42);
 *     ImageSet filled = m.complete(images, 14, 42);    // rows 14.. are regenerated
 * }
 * }</pre>
 *
 * Images with 256 levels given to a binary model are binarized at threshold 0.5.
 */
public final class PixelRnn implements AutoCloseable {
    private final PixelModel model;
    /** Whether sampling and completion draw a progress bar on standard error; a library is quiet by default. */
    private boolean progress;

    private PixelRnn(PixelModel model) {
        this.model = model;
    }

    /**
     * Loads a checkpoint directory, or a run directory holding {@code checkpoint/}, with the
     * averaged weights when it was trained with {@code --ema}.
     */
    public static PixelRnn load(Path path) {
        return load(path, Checkpoint.Weights.AVERAGED);
    }

    /** {@link #load(Path)} with the {@code weights} asked for (the raw ones, or their moving average). */
    public static PixelRnn load(Path path, Checkpoint.Weights weights) {
        return new PixelRnn(Checkpoint.loadModel(Checkpoint.resolve(path), weights));
    }

    /**
     * A pretrained model shipped with the library ({@code pixelrnn models} lists them), e.g.
     * {@code PixelRnn.pretrained("pixelcnn-mnist")}.
     */
    public static PixelRnn pretrained(String name) {
        return load(Pretrained.resolve(name));
    }

    /** Wraps a model; closing the wrapper closes the model. */
    public static PixelRnn of(PixelModel model) {
        return new PixelRnn(model);
    }

    /**
     * Makes {@link #sample} and {@link #complete} draw a progress bar on standard error (the
     * command line does); off by default, so that the library prints nothing a caller did not ask
     * for. Returns this model.
     */
    public PixelRnn showProgress(boolean show) {
        this.progress = show;
        return this;
    }

    public PixelModel model() {
        return model;
    }

    public ModelConfig config() {
        return model.config();
    }

    /**
     * log p(x) in nats of every image (a negative number; the NLL is its negation); for a
     * class-conditional model log p(x | y), y each image's label.
     */
    public double[] logLikelihood(ImageSet images) {
        double[] nll = Evaluator.evaluate(model, toModelLevels(images), 256, null).perImage();
        for (int i = 0; i < nll.length; i++) {
            nll[i] = -nll[i];
        }
        return nll;
    }

    /**
     * log p(x_i | x_&lt;i) in nats of every sub-pixel of every image, N×C×H×W; for a
     * class-conditional model given each image's label.
     */
    public float[] subPixelLogLikelihood(ImageSet images) {
        ImageSet s = toModelLevels(images);
        int[] classes = EvalData.classes(s, model.config(), "the images");
        return Evaluator.subPixelLogLikelihoods(model, s.toFloats(0, s.count()), classes, s.count());
    }

    /**
     * log p(x) in nats of every image, for a class-conditional model its exact marginal
     * log Σ_y p(x | y) p(y) with the uniform prior p(y) = 1/K (labels not needed); the same as
     * {@link #logLikelihood} for an unconditional model.
     */
    public double[] marginalLogLikelihood(ImageSet images) {
        if (!model.conditional()) {
            return logLikelihood(images.withLabels(null));
        }
        GenerativeClassifier.Scores scores = classify(images);
        double[] out = new double[scores.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.marginal(i);
        }
        return out;
    }

    /**
     * A class-conditional model as a classifier: log p(x | y) of every image for every class,
     * from which the posterior p(y | x), the predicted class, the accuracy on labels and the
     * marginal likelihood follow ({@link GenerativeClassifier.Scores}).
     */
    public GenerativeClassifier.Scores classify(ImageSet images) {
        if (!model.conditional()) {
            throw new UserError("the model is unconditional: train it with --conditional to classify");
        }
        return GenerativeClassifier.score(model, toModelLevels(images), 256, null);
    }

    /** The class names of a class-conditional model in label order; empty for an unconditional one. */
    public java.util.List<String> classes() {
        return model.conditional() ? model.config().classes() : java.util.List.of();
    }

    /**
     * Image i drawn from p(x | classes[i]) of a class-conditional model, with the cached decoder;
     * the images come labelled with their classes.
     */
    public ImageSet sample(int[] classes, long seed) {
        return sample(classes, seed, Strategy.CACHED);
    }

    /** {@link #sample(int[], long)} with the given decoding strategy. */
    public ImageSet sample(int[] classes, long seed, Strategy strategy) {
        if (!model.conditional()) {
            throw new UserError("the model is unconditional: it takes no classes");
        }
        int n = classes.length;
        if (n <= 0) {
            throw new UserError("the number of samples must be positive, got " + n);
        }
        checkClasses(classes);
        float[] values = new Sampler(strategy).sample(model, n, classes, new Rng(seed), progress ? "sample" : null);
        return toSet(values, n).withLabels(classes);
    }

    /** {@code n} new images drawn from the model, with the cached decoder. */
    public ImageSet sample(int n, long seed) {
        return sample(n, seed, Strategy.CACHED);
    }

    /** {@code n} new images drawn from the model; the strategy changes the cost, not the images. */
    public ImageSet sample(int n, long seed, Strategy strategy) {
        if (n <= 0) {
            throw new UserError("the number of samples must be positive, got " + n);
        }
        if (model.conditional()) {
            throw new UserError("the model is class-conditional: say which class to sample (" + String.join(", ",
                    model.config().classes()) + ")");
        }
        return toSet(new Sampler(strategy).sample(model, n, new Rng(seed), progress ? "sample" : null), n);
    }

    /**
     * A decoder for {@code n} images that walks the model's generation order one sub-pixel at a
     * time ({@link Decoder}), reusing every layer's past work: the engine of sampling,
     * completion and compression. Close it to release its state.
     */
    public Decoder decoder(int n) {
        if (n <= 0) {
            throw new UserError("the number of images must be positive, got " + n);
        }
        return model.decoder(n);
    }

    /** {@link #decoder(int)} of a class-conditional model, image i of class {@code classes[i]}. */
    public Decoder decoder(int[] classes) {
        checkClasses(classes);
        return model.decoder(classes.length, classes);
    }

    private void checkClasses(int[] classes) {
        int k = model.config().classCount();
        for (int y : classes) {
            if (y < 0 || y >= k) {
                throw new UserError("class " + y + " is not one of the model's " + k + " (0.." + (k - 1) + ")");
            }
        }
    }

    /** The images with rows {@code fromRow..H-1} hidden and filled in by the model. */
    public ImageSet complete(ImageSet images, int fromRow, long seed) {
        return complete(images, fromRow, seed, Strategy.CACHED);
    }

    /** {@link #complete(ImageSet, int, long)} with the given decoding strategy. */
    public ImageSet complete(ImageSet images, int fromRow, long seed, Strategy strategy) {
        ModelConfig c = model.config();
        if (fromRow < 0 || fromRow >= c.height()) {
            throw new UserError("the first hidden row must be in 0.." + (c.height() - 1) + ", got " + fromRow);
        }
        ImageSet s = toModelLevels(images);
        boolean[] known = new boolean[s.count() * c.dims()];
        for (int i = 0; i < known.length; i++) {
            known[i] = (i / c.width()) % c.height() < fromRow;
        }
        return complete(s, known, seed, strategy);
    }

    /**
     * The images with every sub-pixel where {@code known} is false filled in by the model; a
     * class-conditional model completes each image as its label's class.
     */
    public ImageSet complete(ImageSet images, boolean[] known, long seed) {
        return complete(images, known, seed, Strategy.CACHED);
    }

    /** {@link #complete(ImageSet, boolean[], long)} with the given decoding strategy. */
    public ImageSet complete(ImageSet images, boolean[] known, long seed, Strategy strategy) {
        ImageSet s = toModelLevels(images);
        if (known.length != s.count() * model.config().dims()) {
            throw new UserError("the known mask has " + known.length + " entries, the images " + s.count() * model.config().dims());
        }
        int[] classes = EvalData.classes(s, model.config(), "the images");
        float[] out = new Sampler(strategy).complete(model, s.toFloats(0, s.count()), known, s.count(), classes,
                new Rng(seed), progress ? "complete" : null);
        return toSet(out, s.count()).withLabels(classes);
    }

    /**
     * The images compressed losslessly with this model: a file in the format of
     * {@link CompressedFile} (arithmetic-coded with the model's probabilities). A binary model
     * takes binary images, or black-and-white 8-bit ones.
     */
    public byte[] compress(ImageSet images) {
        EvalData.checkFits(images, model.config(), "the images");
        ImageSet s = images.levels() == model.config().levels() ? images
                : model.config().levels() == 2 ? Binarization.fromBlackAndWhite(images) : null;
        if (s == null) {
            throw new UserError("the model codes 8-bit images but binary ones were given");
        }
        return ImageCodec.compress(model, s, ImageCodec.DEFAULT_BATCH, null).toBytes();
    }

    /** The images of a file from {@link #compress}; a {@link UserError} if it is not this model's, or broken. */
    public ImageSet decompress(byte[] file) {
        return ImageCodec.decompress(model, CompressedFile.parse(file, "the data"), "the data", null);
    }

    /** Checks the size and brings 8-bit images to the model's levels (threshold 0.5 for binary). */
    public ImageSet toModelLevels(ImageSet images) {
        EvalData.checkFits(images, model.config(), "the input");
        if (images.levels() == model.config().levels()) {
            return images;
        }
        if (model.config().levels() == 2) {
            return Binarization.binarize(images, Binarization.Mode.THRESHOLD, 0.5, 0);
        }
        throw new UserError("the model needs 8-bit images but binary ones were given");
    }

    private ImageSet toSet(float[] values, int n) {
        ModelConfig c = model.config();
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.round(values[i]);
        }
        return new ImageSet(b, n, c.channels(), c.height(), c.width(), c.levels(), null);
    }

    @Override
    public void close() {
        model.close();
    }
}
