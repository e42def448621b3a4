package io.github.pixelrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.github.pixelrnn.nn.Scope;

/**
 * Clipping by global norm (Pascanu et al., 2013): if ‖g‖₂ over all parameters exceeds
 * {@code maxNorm}, every gradient is scaled by maxNorm/‖g‖. Done by hand because DJL's
 * {@code optClipGrad} clips element-wise and only positive values (docs/engine-notes.md). The
 * per-parameter norms are stacked so that only one value crosses to the JVM per step.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Clips in place (when {@code maxNorm > 0}) and returns the norm before clipping. */
    public static double clipByGlobalNorm(java.util.List<Parameter> params, double maxNorm) {
        try (Scope clipping = Scope.open()) { // the gradients' handles and the norms
            NDList grads = new NDList(params.size());
            NDList norms = new NDList(params.size());
            for (Parameter p : params) {
                NDArray g = p.getArray().getGradient();
                grads.add(g);
                norms.add(g.norm());
            }
            double norm = NDArrays.stack(norms).norm().getFloat();
            if (maxNorm > 0 && norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-6));
                for (NDArray g : grads) {
                    g.muli(scale);
                }
            }
            return norm;
        }
    }
}
