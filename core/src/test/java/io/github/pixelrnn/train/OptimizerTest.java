package io.github.pixelrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import io.github.pixelrnn.store.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;


/** Hand-computed first steps of Adam and RMSProp, clipping, and zeroed gradients. */
class OptimizerTest {

    /** A parameter w = [1, 1, 1] whose loss is Σ g_i·w_i, so its gradient is exactly g. */
    private static Parameter withGradient(NDManager m, float[] g) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(g.length)).optInitializer(new ConstantInitializer(1f)).build();
        p.initialize(m, DataType.FLOAT32);
        setGradient(m, p, g);
        return p;
    }

    private static void setGradient(NDManager m, Parameter p, float[] g) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.getArray().mul(m.create(g)).sum());
        }
    }

    @Test
    void adamFirstStepMovesEachWeightByLrTimesSignOfGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = withGradient(m, new float[] {0.5f, -2f, 3f});
            new Adam(m, 0.9, 0.999, 1e-8).step(List.of(p), 0.1);
            // m̂ = g, v̂ = g², so the update is lr·g/|g|.
            assertArrayEquals(new float[] {0.9f, 1.1f, 0.9f}, p.getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0f, 0f, 0f}, p.getArray().getGradient().toFloatArray(),
                    0f, "the optimizer must zero the gradient");
        }
    }

    @Test
    void adamSecondStepMatchesAlgorithmOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = withGradient(m, new float[] {0.5f});
            Adam adam = new Adam(m, 0.9, 0.999, 1e-8);
            adam.step(List.of(p), 0.1);
            setGradient(m, p, new float[] {1f});
            adam.step(List.of(p), 0.1);
            // m = 0.145, v = 0.00124975; m̂ = m/0.19, v̂ = v/0.001999; step = 0.1·m̂/√v̂ = 0.096519.
            assertArrayEquals(new float[] {0.9f - 0.096519f}, p.getArray().toFloatArray(), 2e-5f);
        }
    }

    @Test
    void rmsPropFirstStepIsLrOverSqrtOneMinusRho() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = withGradient(m, new float[] {0.5f, -2f, 3f});
            new RmsProp(m, 0.95, 0).step(List.of(p), 0.01);
            // s = 0.05·g², update = lr·g/√s = lr·sign(g)/√0.05.
            float d = (float) (0.01 / Math.sqrt(0.05));
            assertArrayEquals(new float[] {1 - d, 1 + d, 1 - d}, p.getArray().toFloatArray(), 1e-6f);
        }
    }

    /**
     * With weight decay λ, a step on gradient g equals a step without it on g + λ·w, for both
     * optimizers and two steps (w = 1 at first, so the reference gradient is g + λ, then g + λ·w).
     */
    @Test
    void weightDecayAddsLambdaTimesWeightToTheGradient() {
        for (String name : List.of("adam", "rmsprop")) {
            try (NDManager m = NDManager.newBaseManager()) {
                double lambda = 0.3;
                float[] g = {0.5f, -2f, 3f};
                Parameter decayed = withGradient(m, g);
                Optimizer withDecay = Optimizer.named(name, m, lambda);
                Parameter reference = withGradient(m, plus(g, lambda, new float[] {1f, 1f, 1f}));
                Optimizer plain = Optimizer.named(name, m);
                withDecay.step(List.of(decayed), 0.1);
                plain.step(List.of(reference), 0.1);
                assertArrayEquals(reference.getArray().toFloatArray(), decayed.getArray().toFloatArray(), 1e-6f, name);
                float[] w = decayed.getArray().toFloatArray();
                setGradient(m, decayed, g);
                setGradient(m, reference, plus(g, lambda, w));
                withDecay.step(List.of(decayed), 0.1);
                plain.step(List.of(reference), 0.1);
                assertArrayEquals(reference.getArray().toFloatArray(), decayed.getArray().toFloatArray(), 1e-6f, name);
                assertFalse(java.util.Arrays.equals(w, decayed.getArray().toFloatArray()), name + " moved");
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            // the decay pulls a weight with zero gradient towards 0
            Parameter p = withGradient(m, new float[] {0f});
            Optimizer.named("rmsprop", m, 0.1).step(List.of(p), 0.01);
            assertTrue(p.getArray().toFloatArray()[0] < 1f);
        }
    }

    private static float[] plus(float[] g, double lambda, float[] w) {
        float[] r = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            r[i] = (float) (g[i] + lambda * w[i]);
        }
        return r;
    }

    @Test
    void adamStateRoundTripsThroughItsEncoding() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = withGradient(m, new float[] {0.5f, -2f, 3f});
            Parameter b = withGradient(m, new float[] {0.5f, -2f, 3f});
            Adam first = new Adam(m, 0.9, 0.999, 1e-8);
            first.step(List.of(a), 0.1);
            Adam copy = new Adam(m, 0.9, 0.999, 1e-8);
            copy.loadState(ai.djl.ndarray.NDList.decode(m, first.state().encode()));
            new Adam(m, 0.9, 0.999, 1e-8).step(List.of(b), 0.1);
            setGradient(m, a, new float[] {1f, 1f, -1f});
            setGradient(m, b, new float[] {1f, 1f, -1f});
            first.step(List.of(a), 0.1);
            copy.step(List.of(b), 0.1);
            assertArrayEquals(a.getArray().toFloatArray(), b.getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void clippingScalesTheGlobalNormDown() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = withGradient(m, new float[] {3f, 0f});
            Parameter b = withGradient(m, new float[] {0f, 4f});
            double norm = GradientClipping.clipByGlobalNorm(List.of(a, b), 1.0);
            assertEquals(5.0, norm, 1e-6);
            NDArray ga = a.getArray().getGradient();
            NDArray gb = b.getArray().getGradient();
            assertArrayEquals(new float[] {0.6f, 0f}, ga.toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {0f, 0.8f}, gb.toFloatArray(), 1e-5f);
            assertEquals(1.0, GradientClipping.clipByGlobalNorm(List.of(a, b), 10.0), 1e-5);
        }
    }

    @Test
    void scheduleWarmsUpThenDecays() {
        LearningRateSchedule s = new LearningRateSchedule(TrainConfig.ScheduleKind.COSINE, 1.0, 10, 0.5);
        assertEquals(0.1, s.at(0, 0), 1e-12);
        assertEquals(1.0, s.at(9, 0.0), 1e-12);
        assertEquals(0.5, s.at(50, 0.5), 1e-12);
        assertEquals(0.0, s.at(100, 1.0), 1e-12);
        assertEquals(0.25, new LearningRateSchedule(TrainConfig.ScheduleKind.EXP, 1.0, 0, 0.5).at(2000, 0), 1e-12);
    }
}
