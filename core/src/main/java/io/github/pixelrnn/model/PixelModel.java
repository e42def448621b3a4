package io.github.pixelrnn.model;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.pixelrnn.nn.Scalars;
import io.github.pixelrnn.nn.Scope;
import io.github.pixelrnn.nn.Step;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An autoregressive image model: the network its {@link NetworkConfig} builds, plus its
 * {@link OutputDistribution}. It defines the exact discrete likelihood of Section 2 of the
 * PixelRNN paper, p(x) = Π_i p(x_i | x_&lt;i), evaluated for all sub-pixels in one pass.
 *
 * <p>Inputs are sub-pixel values 0..levels-1 (N, C, H, W); the network sees them scaled to
 * [-1, 1] ("inputs only scaled and centred", Section 5.1). Owns its parameters; close it to
 * free them.
 */
public final class PixelModel implements AutoCloseable {
    private final ModelConfig config;
    private final Network network;
    private final OutputDistribution distribution;
    private final NDManager manager;
    /** Hands the layers their parameters' arrays; renewed when parameters are loaded (it caches them). */
    private ParameterStore store;

    private PixelModel(ModelConfig config, Network network, NDManager manager) {
        this.config = config;
        this.network = network;
        this.distribution = OutputDistribution.forLevels(config.levels());
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /** A freshly initialised model; {@code seed} fixes the initial weights (it reseeds the engine's generator). */
    public static PixelModel create(ModelConfig config, long seed) {
        config.validate();
        NDManager manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        Network network = config.network().network(config.image(), config.classCount());
        network.initialize(manager, DataType.FLOAT32,
                new Shape(1, config.channels(), config.height(), config.width()));
        return new PixelModel(config, network, manager);
    }

    /**
     * A model whose parameters are all zero, for loading weights into: it neither reseeds nor
     * draws from the engine's random generator, so loading a checkpoint leaves a caller's random
     * stream as it was.
     */
    public static PixelModel empty(ModelConfig config) {
        config.validate();
        NDManager manager = NDManager.newBaseManager();
        Network network = config.network().network(config.image(), config.classCount());
        network.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0f), p -> true);
        network.initialize(manager, DataType.FLOAT32,
                new Shape(1, config.channels(), config.height(), config.width()));
        return new PixelModel(config, network, manager);
    }

    public ModelConfig config() {
        return config;
    }

    public OutputDistribution distribution() {
        return distribution;
    }

    /** The order in which the model generates sub-pixels (its chain rule). */
    public Ordering ordering() {
        return config.multiScale() == null ? Ordering.RASTER : Ordering.grid(config.multiScale().factor());
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Every parameter's full path in the network (DJL's, child names prefixed by their position)
     * and shape, in the order of {@link #saveParameters}: a checkpoint's manifest.
     */
    public List<Pair<String, Shape>> manifest() {
        List<Pair<String, Shape>> list = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            list.add(new Pair<>(p.getKey(), p.getValue().getArray().getShape()));
        }
        return list;
    }

    /** Trainable parameters in a fixed order (the order of {@link #saveParameters}). */
    public List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            list.add(p.getValue());
        }
        return list;
    }

    /** Forward floating-point operations per image (see {@link io.github.pixelrnn.nn.Flops}). */
    public long forwardFlopsPerImage() {
        return io.github.pixelrnn.nn.Flops.forward(network, config.height(), config.width());
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.getArray().getShape().size();
        }
        return n;
    }

    /** Whether the model is class-conditional, p(x | y): every pass then needs each image's class. */
    public boolean conditional() {
        return config.conditional();
    }

    /**
     * Logits of every sub-pixel's distribution. The pass's intermediates live in one
     * {@link Scope}, closed when it returns; the caller owns the logits.
     *
     * @param values (N, C, H, W) sub-pixel values 0..levels-1
     * @return (N, C·K, H, W)
     */
    public NDArray logits(NDArray values, boolean training) {
        return logits(values, null, training);
    }

    /**
     * The logits of p(x | y) for a class-conditional model, image i of class {@code classes[i]}
     * (null for an unconditional model).
     *
     * @param values (N, C, H, W) sub-pixel values 0..levels-1
     * @param classes N labels in 0..K-1, or null
     * @return (N, C·K, H, W)
     */
    public NDArray logits(NDArray values, int[] classes, boolean training) {
        try (Scope pass = Scope.open()) {
            NDArray maps = classMaps(values.getManager(), classes, values.getShape());
            return pass.keep(network.apply(store, scaled(values), maps, training));
        }
    }

    /**
     * The class condition of the N images of {@code shape} (N, C, H, W): K one-hot maps over the
     * image (N, K, H, W), the form every network takes its conditioning in; null for an
     * unconditional model. Refuses labels that do not fit the model.
     */
    NDArray classMaps(NDManager m, int[] classes, Shape shape) {
        long n = shape.get(0);
        int k = config.classCount();
        if (classes == null) {
            if (k > 0) {
                throw new IllegalArgumentException("this model is class-conditional (" + k
                        + " classes): give each image's class");
            }
            return null;
        }
        if (k == 0) {
            throw new IllegalArgumentException("this model is unconditional: it takes no classes");
        }
        if (classes.length != n) {
            throw new IllegalArgumentException(classes.length + " classes for " + n + " images");
        }
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int hw = height * width;
        float[] maps = new float[classes.length * k * hw];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= k) {
                throw new IllegalArgumentException("image " + i + ": class " + classes[i] + " is not one of 0.."
                        + (k - 1));
            }
            Arrays.fill(maps, (i * k + classes[i]) * hw, (i * k + classes[i] + 1) * hw, 1f);
        }
        return m.create(maps, new Shape(classes.length, k, height, width)); // (N, K, H, W)
    }

    /**
     * Logits that are exact at the positions generated in {@code phase} of the model's
     * {@link #ordering()} and arbitrary elsewhere: for the re-running reference decoder, where a
     * multi-scale model then runs only the network that phase needs.
     *
     * @param values (N, C, H, W) sub-pixel values 0..levels-1
     * @return (N, C·K, H, W)
     */
    public NDArray logits(NDArray values, int[] classes, int phase) {
        try (Scope pass = Scope.open()) {
            NDArray maps = classMaps(values.getManager(), classes, values.getShape());
            return pass.keep(network.applyPhase(store, scaled(values), maps, phase, false));
        }
    }

    /**
     * A decoder for {@code n} images that reuses every layer's past work: each
     * sub-pixel costs one position of every layer instead of a pass over the image, and its
     * logits equal the full pass's to float precision. Close it to release its state.
     */
    public Decoder decoder(int n) {
        return decoder(n, null);
    }

    /**
     * A cached decoder of p(x | y) for {@code n} images, image i of class {@code classes[i]}
     * (null for an unconditional model).
     */
    public Decoder decoder(int n, int[] classes) {
        return new CachedDecoder(this, n, classes);
    }

    /** The network's incremental pass ({@link Network#step}), its state on {@code decoderManager}. */
    Step networkStep(NDManager decoderManager, int n, int[] classes) {
        NDArray maps = classMaps(decoderManager, classes, new Shape(n, config.channels(), config.height(),
                config.width()));
        return network.step(store, decoderManager, n, maps);
    }

    /**
     * log p(target_i | input_&lt;i) in nats for every sub-pixel i. {@code inputs} and
     * {@code targets} hold the same image in normal use; they are separate so that tests can
     * differentiate with respect to the input alone.
     *
     * @return (N, C, H, W)
     */
    public NDArray logLikelihood(NDArray inputs, NDArray targets, boolean training) {
        return logLikelihood(inputs, targets, null, training);
    }

    /**
     * log p(target_i | input_&lt;i, y) in nats for every sub-pixel i, image j of class
     * {@code classes[j]} (null for an unconditional model).
     *
     * @return (N, C, H, W)
     */
    public NDArray logLikelihood(NDArray inputs, NDArray targets, int[] classes, boolean training) {
        try (Scope pass = Scope.open()) {
            return pass.keep(distribution.logLikelihood(logits(inputs, classes, training), targets));
        }
    }

    /** log p(x_i | x_&lt;i) for every sub-pixel, in inference mode. (N, C, H, W). */
    public NDArray logLikelihood(NDArray values) {
        return logLikelihood(values, values, null, false);
    }

    /** log p(x_i | x_&lt;i, y) for every sub-pixel of images of {@code classes}, in inference mode. (N, C, H, W). */
    public NDArray logLikelihood(NDArray values, int[] classes) {
        return logLikelihood(values, values, classes, false);
    }

    /** Writes the parameters (DJL's block format) to {@code out}. */
    public void saveParameters(DataOutputStream out) throws IOException {
        network.saveParameters(out);
    }

    /** Replaces the parameters with those read from {@code in}; shapes must match the config. */
    public void loadParameters(DataInputStream in) throws IOException, MalformedModelException {
        List<Shape> before = new ArrayList<>();
        for (Parameter p : parameters()) {
            before.add(p.getArray().getShape());
        }
        network.loadParameters(manager, in);
        List<Parameter> after = parameters();
        for (int i = 0; i < after.size(); i++) {
            Shape s = after.get(i).getArray().getShape();
            if (!s.equals(before.get(i))) {
                throw new MalformedModelException("parameter " + after.get(i).getName() + " has shape "
                        + s + ", the config needs " + before.get(i));
            }
            after.get(i).getArray().setRequiresGradient(true);
        }
        store = new ParameterStore(manager, false); // the old one still hands out the replaced arrays
    }

    /** [0, L-1] -> [-1, 1]; Scalars.mul, not values.mul(Number): see Scalars for why. */
    private NDArray scaled(NDArray values) {
        checkShape(values);
        return Scalars.mul(values, 2.0f / (config.levels() - 1)).subi(1f);
    }

    private void checkShape(NDArray values) {
        Shape s = values.getShape();
        if (s.dimension() != 4 || s.get(1) != config.channels()) {
            throw new IllegalArgumentException("expected (N, " + config.channels() + ", H, W), got " + s);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
