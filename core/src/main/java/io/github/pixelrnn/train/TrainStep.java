package io.github.pixelrnn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.nn.Scalars;
import java.util.List;

/**
 * One optimisation step: forward, backward of the mean NLL per image, global-norm clipping,
 * update. Every intermediate lives in a sub-manager that closes when the step ends (ENGINE.md:
 * arrays kept alive force fresh memory and page faults).
 */
public final class TrainStep {
    private final PixelModel model;
    private final Optimizer optimizer;
    private final List<Parameter> params;
    private final double clipNorm;

    public TrainStep(PixelModel model, Optimizer optimizer, double clipNorm) {
        this.model = model;
        this.optimizer = optimizer;
        this.params = model.parameters();
        this.clipNorm = clipNorm;
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
        ModelConfig cfg = model.config();
        double loss;
        try (NDManager sm = model.manager().newSubManager()) {
            NDArray x = sm.create(values, new Shape(n, cfg.channels(), cfg.height(), cfg.width()));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray ll = model.logLikelihood(x, x, true); // (N, C, H, W)
                NDArray nll = Scalars.mul(ll.sum(), -1f / n); // nats per image
                gc.backward(nll);
                loss = nll.getFloat();
            }
        }
        double norm = GradientClipping.clipByGlobalNorm(params, clipNorm);
        optimizer.step(params, lr);
        return new double[] {loss, norm};
    }
}
