package io.github.pixelrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Clipping by global norm (Pascanu et al., 2013): if ‖g‖₂ over all parameters exceeds
 * {@code maxNorm}, every gradient is scaled by maxNorm/‖g‖. Done by hand because DJL's
 * {@code optClipGrad} clips element-wise and only positive values (ENGINE.md).
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Clips in place (when {@code maxNorm > 0}) and returns the norm before clipping. */
    public static double clipByGlobalNorm(List<Parameter> params, double maxNorm) {
        List<NDArray> grads = new ArrayList<>(params.size());
        double sq = 0;
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            grads.add(g);
            try (NDArray n = g.norm()) {
                double v = n.getFloat();
                sq += v * v;
            }
        }
        double norm = Math.sqrt(sq);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
        for (NDArray g : grads) {
            g.close();
        }
        return norm;
    }
}
