package io.github.pixelrnn.judge;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Batches;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.store.TrainConfig;
import io.github.pixelrnn.train.Adam;
import io.github.pixelrnn.train.LearningRateSchedule;
import io.github.pixelrnn.util.Progress;
import io.github.pixelrnn.util.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An independent judge of class-conditional samples: a small discriminative CNN (two blocks of
 * two padded 3×3 convolutions, of 32 and then 64 maps, each block followed by 2×2 max-pooling;
 * a 256-unit hidden layer with dropout), trained with Adam on the labelled training images,
 * each image shifted at random by up to two pixels every time it is seen, that says which class
 * an image shows. The fraction of
 * samples of class y that it assigns to y measures whether a conditional model draws what it
 * was asked for; it knows nothing of the generative model.
 *
 * <p>It sees images scaled to [0, 1] in the levels they come in (binary samples are judged by a
 * judge trained on binarized images).
 */
public final class SampleJudge implements AutoCloseable {
    private static final int BATCH = 64;
    /** The judge's version: its network and training; a file of another version is refused. */
    private static final int VERSION = 2;
    private static final String FORMAT = "pixelrnn-judge-" + VERSION;
    /** The largest random shift, in pixels, of a training image along each axis. */
    private static final int SHIFT = 2;
    private final NDManager manager;
    private final SequentialBlock net;
    private final int channels;
    private final int height;
    private final int width;
    private final int levels;
    private final int classes;

    private SampleJudge(int channels, int height, int width, int levels, int classes) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.levels = levels;
        this.classes = classes;
        this.manager = NDManager.newBaseManager();
        this.net = new SequentialBlock()
                .add(conv(32)).add(Activation::relu)
                .add(conv(32)).add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(64)).add(Activation::relu)
                .add(conv(64)).add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.25f).build())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(classes).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, height, width));
    }

    /** A 3×3 convolution padded to keep the image's size. */
    private static Conv2d conv(int maps) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(maps).build();
    }

    /**
     * A judge trained on {@code labelled} for {@code epochs} passes (Adam, learning rate 1e-3
     * falling to 0 on a cosine, batches of 64; the order and the shifts drawn from {@code seed}).
     *
     * @param label progress-bar label, or null for none
     */
    public static SampleJudge train(ImageSet labelled, int classes, int epochs, long seed, String label) {
        if (labelled.labels() == null) {
            throw new UserError("the judge trains on labelled images; these have no labels");
        }
        Engine.getInstance().setRandomSeed((int) seed);
        SampleJudge judge = new SampleJudge(labelled.channels(), labelled.height(), labelled.width(),
                labelled.levels(), classes);
        List<Parameter> params = judge.parameters();
        Adam adam = new Adam(judge.manager, 0.9, 0.999, 1e-8);
        ParameterStore ps = new ParameterStore(judge.manager, false);
        int steps = labelled.count() / BATCH;
        Progress progress = label == null ? null : new Progress(label, (long) epochs * steps, "steps", 1);
        float[] buffer = new float[BATCH * labelled.imageSize()];
        float[] shifted = new float[buffer.length];
        long total = (long) epochs * steps;
        LearningRateSchedule rate = new LearningRateSchedule(TrainConfig.ScheduleKind.COSINE, 1e-3, 0, 0.5);
        for (int e = 0; e < epochs; e++) {
            Rng rng = Rng.derive(seed, e);
            int[] order = Batches.shuffled(labelled.count(), rng);
            for (int s = 0; s < steps; s++) {
                int[] idx = new int[BATCH];
                System.arraycopy(order, s * BATCH, idx, 0, BATCH);
                Batches.copyBatch(labelled, idx, buffer);
                judge.shift(buffer, shifted, BATCH, rng);
                int[] y = Batches.labels(labelled, idx);
                try (NDManager sm = judge.manager.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = judge.logits(ps, sm, shifted, BATCH, true); // (B, K)
                    NDArray target = sm.create(y).toType(DataType.INT64, false);
                    NDArray logp = logits.logSoftmax(1); // (B, K)
                    NDArray picked = logp.get(new ai.djl.ndarray.index.NDIndex().addAllDim().addPickDim(target));
                    NDArray loss = picked.mean().neg();
                    gc.backward(loss);
                }
                long done = (long) e * steps + s;
                adam.step(params, rate.at(done, (double) done / total));
                if (progress != null) {
                    progress.update(done + 1, null);
                }
            }
        }
        if (progress != null) {
            progress.close();
        }
        return judge;
    }

    /**
     * Copies the {@code n} images of {@code from} into {@code to}, each moved by its own random
     * offset of up to {@link #SHIFT} pixels along each axis, the uncovered border left 0.
     */
    private void shift(float[] from, float[] to, int n, Rng rng) {
        Arrays.fill(to, 0f);
        int plane = height * width;
        for (int i = 0; i < n; i++) {
            int dy = rng.nextInt(2 * SHIFT + 1) - SHIFT;
            int dx = rng.nextInt(2 * SHIFT + 1) - SHIFT;
            for (int ch = 0; ch < channels; ch++) {
                int base = (i * channels + ch) * plane;
                for (int r = Math.max(0, dy); r < Math.min(height, height + dy); r++) {
                    System.arraycopy(from, base + (r - dy) * width + Math.max(0, -dx), to,
                            base + r * width + Math.max(0, dx), width - Math.abs(dx));
                }
            }
        }
    }

    /** The name of a judge of this version for {@code dataset} in {@code levels} levels. */
    public static String fileName(String dataset, int levels) {
        return dataset + "-" + levels + "-v" + VERSION + ".judge";
    }

    /** The classes it was trained on. */
    public int classes() {
        return classes;
    }

    /** The class it assigns to each image: argmax of its logits. */
    public int[] predict(ImageSet images) {
        if (images.channels() != channels || images.height() != height || images.width() != width) {
            throw new UserError("the judge was trained on " + channels + "x" + height + "x" + width + " images, not "
                    + images.channels() + "x" + images.height() + "x" + images.width());
        }
        if (images.levels() != levels) {
            throw new UserError("the judge was trained on images of " + levels + " levels, not " + images.levels());
        }
        ParameterStore ps = new ParameterStore(manager, false);
        int[] out = new int[images.count()];
        for (int from = 0; from < images.count(); from += 256) {
            int to = Math.min(images.count(), from + 256);
            try (NDManager sm = manager.newSubManager()) {
                NDArray logits = logits(ps, sm, images.toFloats(from, to), to - from, false);
                long[] best = logits.argMax(1).toLongArray();
                for (int i = 0; i < best.length; i++) {
                    out[from + i] = (int) best[i];
                }
            }
        }
        return out;
    }

    /** The fraction of {@code images} it assigns their own label. */
    public double accuracy(ImageSet images) {
        int[] p = predict(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == images.labels()[i] ? 1 : 0;
        }
        return (double) right / Math.max(1, p.length);
    }

    private NDArray logits(ParameterStore ps, NDManager sm, float[] values, int n, boolean training) {
        NDArray x = sm.create(values, new Shape(n, channels, height, width)).div(levels - 1); // [0, 1]
        return net.forward(ps, new NDList(x), training).singletonOrThrow(); // (N, K)
    }

    private List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            list.add(p.getValue());
        }
        return list;
    }

    /** Writes the judge (its shape, then DJL's parameter format) to {@code file}, atomically. */
    public void save(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            for (int v : new int[] {channels, height, width, levels, classes}) {
                out.writeInt(v);
            }
            net.saveParameters(out);
        } catch (IOException e) {
            throw new UserError("cannot write the judge: " + e.getMessage(), e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** A judge from {@link #save}. */
    public static SampleJudge load(Path file) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            String format = in.readUTF();
            if (format.startsWith("pixelrnn-judge-") && !FORMAT.equals(format)) {
                throw new UserError(file + " is a judge of an earlier version (" + format + "); delete it, and judge "
                        + "trains a new one there");
            }
            if (!FORMAT.equals(format)) {
                throw new UserError(file + " is not a judge written by pixelrnn");
            }
            SampleJudge judge = new SampleJudge(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            judge.net.loadParameters(judge.manager, in);
            return judge;
        } catch (IOException | MalformedModelException e) {
            throw new UserError("cannot read the judge " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
