package io.github.pixelrnn.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.github.pixelrnn.nn.Layer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Batch normalisation of recurrent outputs (B, T, F) over the features, for {@link RowRnn}.
 *
 * <p>In training mode each time step is normalised with the mean and variance over the batch at
 * that step only. Pooling the statistics over time as well, as an image-style batch norm would,
 * lets the prediction of row t depend on the rows below it through the mean: the training loss
 * would no longer be a causal likelihood. In inference mode the running averages (over steps
 * and batches, momentum 0.1) are used, so every image's likelihood is exact and independent of
 * the batch; evaluate and sample in inference mode. The running statistics are not trainable:
 * they are kept outside the parameter list and saved in the block's metadata.
 */
final class RowBatchNorm extends Layer {
    private static final float EPS = 1e-5f;
    private static final float MOMENTUM = 0.1f;

    private final int features;
    private final Parameter gamma;
    private final Parameter beta;
    private final float[] runningMean;
    private final float[] runningVar;

    RowBatchNorm(int features) {
        this.features = features;
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(features)).optInitializer(new ConstantInitializer(1f)).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(features)).optInitializer(new ConstantInitializer(0f)).build());
        this.runningMean = new float[features];
        this.runningVar = new float[features];
        java.util.Arrays.fill(runningVar, 1f);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDManager m = x.getManager();
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        NDArray normalised;
        if (training) {
            long batch = x.getShape().get(0);
            NDArray mean = x.mean(new int[] {0}, true); // (1, T, F)
            NDArray centred = x.sub(mean); // (B, T, F)
            NDArray sq = centred.square();
            NDArray var = sq.mean(new int[] {0}, true); // (1, T, F), biased
            NDArray eps = m.full(new Shape(), EPS, x.getDataType());
            NDArray varEps = var.add(eps);
            NDArray std = varEps.sqrt();
            normalised = centred.div(std);
            update(mean.toFloatArray(), var.toFloatArray(), batch);
            for (NDArray a : new NDArray[] {mean, centred, sq, var, eps, varEps, std}) {
                a.close();
            }
        } else {
            float[] inv = new float[features];
            for (int f = 0; f < features; f++) {
                inv[f] = (float) (1.0 / Math.sqrt(runningVar[f] + EPS));
            }
            try (NDArray mean = m.create(runningMean); NDArray scale = m.create(inv)) {
                NDArray centred = x.sub(mean);
                normalised = centred.mul(scale);
                centred.close();
            }
        }
        NDArray scaled = normalised.mul(g);
        normalised.close();
        NDArray out = scaled.add(b); // (B, T, F)
        scaled.close();
        return out;
    }

    /** Running averages of the per-step batch statistics (unbiased variance, like PyTorch). */
    private synchronized void update(float[] stepMeans, float[] stepVars, long batch) {
        int steps = stepMeans.length / features;
        double correction = batch > 1 ? batch / (batch - 1.0) : 1.0;
        for (int f = 0; f < features; f++) {
            double mean = 0;
            double var = 0;
            for (int t = 0; t < steps; t++) {
                mean += stepMeans[t * features + f];
                var += stepVars[t * features + f];
            }
            mean /= steps;
            var = var / steps * correction;
            runningMean[f] = (float) ((1 - MOMENTUM) * runningMean[f] + MOMENTUM * mean);
            runningVar[f] = (float) ((1 - MOMENTUM) * runningVar[f] + MOMENTUM * var);
        }
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        super.saveMetadata(os);
        os.writeInt(features);
        for (int f = 0; f < features; f++) {
            os.writeFloat(runningMean[f]);
            os.writeFloat(runningVar[f]);
        }
    }

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        super.loadMetadata(loadVersion, is);
        int n = is.readInt();
        if (n != features) {
            throw new MalformedModelException("batch norm over " + n + " features, the config needs " + features);
        }
        for (int f = 0; f < features; f++) {
            runningMean[f] = is.readFloat();
            runningVar[f] = is.readFloat();
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
