package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.pixelrnn.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The moving average of the weights, and the perturbation of background-model inputs. */
class WeightAverageTest {

    @Test
    void averageFollowsItsDefinition() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(2)).optInitializer(new ai.djl.training.initializer.ConstantInitializer(0)).build();
            p.initialize(m, DataType.FLOAT32);
            List<Parameter> params = List.of(p);
            WeightAverage avg = new WeightAverage(m, 0.5);
            float[][] weights = {{1, 2}, {3, 5}, {-1, 0}, {7, 7}};
            for (float[] w : weights) {
                p.getArray().set(w);
                avg.update(params);
            }
            // Worked by hand: the average starts at the first weights, then a <- d a + (1 - d) w with
            // d = min(0.5, (1 + t) / (10 + t)) = 2/11, 1/4, 4/13 at t = 1, 2, 3:
            //   (1, 2) -> (29/11, 49/11) -> (-1/11, 49/44) -> (53/11, 742/143)
            float[] want = {53f / 11, 742f / 143};
            float[] got = avg.withAveraged(params, () -> p.getArray().toFloatArray());
            assertArrayEquals(want, got, 1e-5f);
            assertArrayEquals(weights[3], p.getArray().toFloatArray(), 0f, "the raw weights are back");
            assertEquals(4, avg.state().get(0).toLongArray()[0]);
        }
    }

    /** The replacement rate, measured: about μ of the sub-pixels change (255/256 of μ for 8-bit, μ for binary). */
    @Test
    void perturbationReplacesTheAskedFraction() {
        int n = 200_000;
        for (int levels : new int[] {2, 256}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = i % levels;
            }
            float[] before = v.clone();
            Perturbation.apply(v, levels, 0.2, new Rng(3));
            int changed = 0;
            for (int i = 0; i < n; i++) {
                changed += v[i] != before[i] ? 1 : 0;
                assertEquals(v[i], Math.rint(v[i]), 0, "a level");
            }
            double expected = 0.2 * (levels == 2 ? 1 : 255.0 / 256);
            assertEquals(expected, changed / (double) n, 0.005, levels + " levels");
        }
    }
}
