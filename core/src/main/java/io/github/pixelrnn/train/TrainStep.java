package io.github.pixelrnn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.nn.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One optimisation step: forward, backward of the mean NLL per image, global-norm clipping,
 * update. Every intermediate lives in a sub-manager that closes when the step ends
 * (docs/engine-notes.md: arrays kept alive force fresh memory and page faults).
 *
 * <p>With more than one worker ({@link GradientWorkers}) the batch is cut into that many equal
 * shares (the first ones one image larger when it does not divide), each worker runs the
 * forward and backward pass of its share at the same time, and the gradients add up in the
 * parameters: the same gradient as one pass over the whole batch, to float rounding. Close the
 * step to stop its workers.
 */
public final class TrainStep implements AutoCloseable {
    private final PixelModel model;
    private final Optimizer optimizer;
    private final List<Parameter> params;
    private final double clipNorm;
    private final GradientWorkers workers;

    public TrainStep(PixelModel model, Optimizer optimizer, double clipNorm) {
        this(model, optimizer, clipNorm, 1);
    }

    /** @param workers threads that share each batch; 1 runs it on the calling thread */
    public TrainStep(PixelModel model, Optimizer optimizer, double clipNorm, int workers) {
        this.model = model;
        this.optimizer = optimizer;
        this.params = model.parameters();
        this.clipNorm = clipNorm;
        this.workers = workers > 1 ? new GradientWorkers(workers) : null;
    }

    /** The parameters it updates, in the model's order. */
    public List<Parameter> parameters() {
        return params;
    }

    /**
     * @param values n×C×H×W sub-pixel values
     * @return {loss in nats per image, gradient norm before clipping}
     */
    public double[] run(float[] values, int n, double lr) {
        return run(values, null, n, lr);
    }

    /**
     * @param values n×C×H×W sub-pixel values
     * @param classes the n images' classes for a class-conditional model (−log p(x | y)); null otherwise
     * @return {loss in nats per image, gradient norm before clipping}
     */
    public double[] run(float[] values, int[] classes, int n, double lr) {
        double loss = workers == null || n < workers.count() ? wholeBatch(values, classes, n)
                : shared(values, classes, n);
        double norm = GradientClipping.clipByGlobalNorm(params, clipNorm);
        optimizer.step(params, lr);
        return new double[] {loss, norm};
    }

    private double wholeBatch(float[] values, int[] classes, int n) {
        try (NDManager sm = model.manager().newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray nll = batchNll(sm, values, classes, 0, n, n);
            gc.backward(nll);
            return nll.getFloat();
        }
    }

    /** Each worker's share of the mean NLL, differentiated on that worker's thread. */
    private double shared(float[] values, int[] classes, int n) {
        int count = workers.count();
        List<Callable<Double>> tasks = new ArrayList<>(count);
        int from = 0;
        for (int w = 0; w < count; w++) {
            int size = n / count + (w < n % count ? 1 : 0);
            int start = from;
            tasks.add(() -> share(values, classes, start, size, n));
            from += size;
        }
        double loss = 0;
        for (double part : workers.run(tasks)) {
            loss += part; // in the workers' order
        }
        return loss;
    }

    private double share(float[] values, int[] classes, int from, int size, int n) {
        // Autograd's recording switch is per thread; DJL's GradientCollector allows one per JVM.
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager sm = model.manager().newSubManager()) {
            NDArray nll = batchNll(sm, values, classes, from, size, n);
            JniUtils.backward((PtNDArray) nll, (PtNDArray) nll.onesLike(), false, false);
            return nll.getFloat();
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /** −Σ log p(x) over images [from, from + size) of the batch, divided by the batch size n. */
    private NDArray batchNll(NDManager sm, float[] values, int[] classes, int from, int size, int n) {
        ModelConfig cfg = model.config();
        int perImage = cfg.channels() * cfg.height() * cfg.width();
        float[] share = size == n ? values : Arrays.copyOfRange(values, from * perImage, (from + size) * perImage);
        NDArray x = sm.create(share, new Shape(size, cfg.channels(), cfg.height(), cfg.width()));
        int[] shareClasses = classes == null || size == n ? classes : Arrays.copyOfRange(classes, from, from + size);
        NDArray ll = model.logLikelihood(x, x, shareClasses, true); // (size, C, H, W)
        return Scalars.mul(ll.sum(), -1f / n); // this share of the nats per image
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }
}
