package io.github.pixelrnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.model.Presets;
import org.junit.jupiter.api.Test;

/** What a {@link Scope} closes, what it hands on, and a forward pass that leaves nothing behind. */
class ScopeTest {

    @Test
    void closesWhatWasMadeInsideWhicheverManagerHoldsItAndHandsOnWhatItKeeps() {
        try (NDManager outer = NDManager.newBaseManager(); NDManager other = NDManager.newBaseManager()) {
            NDArray input = outer.ones(new Shape(4));
            NDArray kept;
            NDArray cached;
            NDArray temporary;
            NDArray elsewhere;
            try (Scope enclosing = Scope.open()) {
                try (Scope inner = Scope.open()) {
                    temporary = input.add(1f);
                    elsewhere = other.zeros(new Shape(2)); // another manager: the scope still owns it
                    kept = inner.keep(temporary.mul(2f));
                    cached = Scope.cache(input.add(3f));
                }
                assertTrue(temporary.isReleased());
                assertTrue(elsewhere.isReleased());
                assertFalse(kept.isReleased());
                assertEquals(4f, kept.getFloat(0));
                assertFalse(input.isReleased(), "made before the scope: not its to close");
            }
            assertTrue(kept.isReleased(), "kept arrays belong to the enclosing scope");
            assertFalse(cached.isReleased(), "a cache outlives every scope; its manager closes it");
        }
    }

    /** A loop's scope per iteration adopts what the iteration replaces: only the last values survive. */
    @Test
    void adoptedValuesCloseWithTheIterationThatReplacesThem() {
        try (NDManager manager = NDManager.newBaseManager(); Scope pass = Scope.open()) {
            NDArray h = manager.ones(new Shape(3)).add(0f); // made by the pass
            NDArray first = h;
            NDArray second = null;
            for (int l = 0; l < 3; l++) {
                try (Scope layer = Scope.open()) {
                    layer.adopt(h, null);
                    h = layer.keep(h.add(1f));
                }
                if (l == 0) {
                    second = h;
                }
                assertFalse(h.isReleased());
            }
            assertTrue(first.isReleased(), "replaced in the first iteration");
            assertTrue(second.isReleased(), "replaced in the second");
            assertEquals(4f, h.getFloat(0));
            NDArray unchanged;
            try (Scope layer = Scope.open()) {
                layer.adopt(h);
                unchanged = layer.keep(h); // an iteration that passes its value on unchanged
            }
            assertFalse(unchanged.isReleased());
            try (Scope layer = Scope.open()) {
                assertEquals(null, layer.keep(null)); // no skip sum yet: passed through, nothing registered
            }
        }
    }

    /** A forward pass adds nothing to the model's manager and only its result to the caller's. */
    @Test
    void aForwardPassLeavesOnlyItsResult() {
        for (String preset : new String[] {"pixelcnn-mnist", "rowlstm-mnist", "diagbilstm-mnist", "multiscale-mnist",
                "rowrnn-mnist", "rowrnn-mnist-m2o"}) {
            ModelConfig p = Presets.get(preset).model();
            ModelConfig.Builder small = p.toBuilder().hidden(4).layers(2).image(1, 8, 8, 2);
            ModelConfig c = (p.architecture() == Architecture.ROW_RNN ? small : small.outMaps(8)).build();
            try (PixelModel m = PixelModel.create(c, 1); NDManager caller = m.manager().newSubManager()) {
                NDArray x = caller.zeros(new Shape(2, 1, 8, 8));
                m.logLikelihood(x).close(); // the first pass builds the masks the layers keep
                int model = m.manager().getManagedArrays().size();
                int callers = caller.getManagedArrays().size();
                NDArray ll = m.logLikelihood(x);
                assertEquals(new Shape(2, 1, 8, 8), ll.getShape());
                assertEquals(model + 1, m.manager().getManagedArrays().size(), preset + ": arrays left on the model");
                assertEquals(callers + 1, caller.getManagedArrays().size(), preset + ": arrays left with the caller");
            }
        }
    }
}
