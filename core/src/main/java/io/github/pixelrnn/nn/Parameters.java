package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/** Operations on a network's parameters as a whole. */
public final class Parameters {
    private Parameters() {
    }

    /**
     * Copies {@code values} into the parameters' arrays in place, so that every holder of those
     * arrays (a model's parameter store included) sees them.
     *
     * @throws IllegalArgumentException when the counts or a shape differ
     */
    public static void copyInto(List<Parameter> params, List<NDArray> values) {
        if (values.size() != params.size()) {
            throw new IllegalArgumentException(values.size() + " arrays for " + params.size() + " parameters");
        }
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray v = values.get(i);
            if (!w.getShape().equals(v.getShape())) {
                throw new IllegalArgumentException("parameter " + params.get(i).getName() + " has shape " + w.getShape()
                        + ", the values " + v.getShape());
            }
            v.copyTo(w);
        }
    }
}
