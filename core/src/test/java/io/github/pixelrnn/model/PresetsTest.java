package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.eval.Nll;
import org.junit.jupiter.api.Test;

/** Presets: every one builds; the 8-bit and ImageNet ones run a forward pass at their full size. */
class PresetsTest {

    /** One image of random values through the preset's model: logits of the right shape, a finite NLL. */
    private static double forwardNats(String name) {
        ModelConfig c = Presets.get(name).model();
        try (PixelModel m = PixelModel.create(c, 1); NDManager s = m.manager().newSubManager()) {
            float[] v = new float[c.dims()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i * 7919) % c.levels();
            }
            NDArray x = s.create(v, new Shape(1, c.channels(), c.height(), c.width()));
            NDArray logits = m.logits(x, false);
            assertEquals(new Shape(1, (long) c.channels() * c.valuesPerSubPixel(), c.height(), c.width()),
                    logits.getShape(), name);
            double nats = -m.distribution().logLikelihood(logits, x).sum().getFloat(); // the same pass's logits
            assertTrue(Double.isFinite(nats) && nats > 0, name + ": " + nats);
            return nats;
        }
    }

    @Test
    void imageNetPresetsRunAForwardPass() {
        for (String name : new String[] {"rowlstm-imagenet32", "rowlstm-imagenet64"}) {
            ModelConfig c = Presets.get(name).model();
            assertEquals(3, c.channels());
            assertEquals(256, c.levels());
            double bpd = Nll.bitsPerDim(forwardNats(name), c.dims());
            assertTrue(bpd > 6 && bpd < 10, name + " at initialisation: " + bpd + " bits/dim (8 for uniform)");
        }
        assertEquals(false, Presets.get("rowlstm-imagenet64").model().residual(), "Table 1: no residual connections");
        assertEquals(384, Presets.get("rowlstm-imagenet32").model().hidden());
        assertEquals(12, Presets.get("rowlstm-imagenet32").model().layers());
        assertEquals(512, Presets.get("rowlstm-imagenet64").model().hidden());
        assertEquals(4, Presets.get("rowlstm-imagenet64").model().layers());
    }

    @Test
    void eightBitMnistPresetsRunAForwardPass() {
        for (String name : new String[] {"pixelcnn-mnist-8bit", "diagbilstm-mnist-8bit"}) {
            ModelConfig c = Presets.get(name).model();
            assertEquals(256, c.levels(), name);
            assertEquals(1, c.channels(), name);
            forwardNats(name);
        }
    }

    @Test
    void everyPresetBuilds() {
        for (Preset p : Presets.all()) {
            p.model().validate();
            assertTrue(p.description().length() > 10, p.name());
        }
    }
}
