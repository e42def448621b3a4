package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.eval.Nll;
import org.junit.jupiter.api.Test;

/** Presets: every one builds its network and runs a forward pass at its full size. */
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

    /**
     * The builder gives exactly the configs the positional constructor gave (so the presets'
     * checkpoints and model identities are unchanged) and refuses a field its architecture does
     * not use.
     */
    @Test
    void builderTakesOnlyTheFieldsAnArchitectureUses() {
        assertEquals(ModelConfig.builder(Architecture.ROW_LSTM, 1, 28, 28, 2).build(),
                Presets.get("rowlstm-mnist").model());
        assertEquals(ModelConfig.builder(Architecture.ROW_LSTM, 3, 64, 64, 256).hidden(512).layers(4).outMaps(1024).connections(false, true).build(),
                Presets.get("rowlstm-imagenet64").model());
        assertEquals(ModelConfig.builder(Architecture.ROW_RNN, 1, 28, 28, 2).hidden(128).layers(2).recurrence(RnnCell.LSTM, RnnMode.MANY_TO_ONE).build(), Presets.get("rowrnn-mnist-m2o").model());
        assertEquals(ModelConfig.builder(Architecture.MULTISCALE, 1, 28, 28, 2).scales(new MultiScale(2, 16, Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM)).build(),
                Presets.get("multiscale-mnist").model());
        assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(Architecture.ROW_RNN, 1, 8, 8, 2).kernel(3));
        assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(Architecture.ROW_RNN, 1, 8, 8, 2).connections(true, true));
        assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(Architecture.DIAGONAL_BILSTM, 1, 8, 8, 2).kernel(5));
        assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.builder(Architecture.PIXELCNN, 1, 8, 8, 2).recurrence(RnnCell.GRU, RnnMode.MANY_TO_ONE));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.builder(Architecture.PIXELCNN, 1, 8, 8, 2)
                .scales(new MultiScale(2, 4, Architecture.PIXELCNN, Architecture.PIXELCNN)));
        assertEquals(ModelConfig.PAPER_SCALES, ModelConfig.builder(Architecture.MULTISCALE, 1, 8, 8, 2).build()
                .multiScale(), "a multi-scale builder starts from the paper's scales, like every other size");
        assertThrows(UserError.class, () -> ModelConfig.builder(Architecture.ROW_RNN, 1, 8, 8, 2)
                .bidirectional(true).build(), "bidirectional many-to-many reads the row it predicts");
    }

    /**
     * Every preset, the CIFAR-10 and ImageNet ones at their full size included, builds its network
     * through its config (the sealed records' {@code network}) and runs a forward pass on one
     * image: logits of the right shape and, at initialisation, an NLL near the uniform one.
     */
    @Test
    void everyPresetBuildsItsNetworkAndRunsAForwardPass() {
        for (Preset p : Presets.all()) {
            assertTrue(p.description().length() > 10, p.name());
            ModelConfig c = p.model();
            double bpd = Nll.bitsPerDim(forwardNats(p.name()), c.dims());
            double uniform = c.levels() == 2 ? 1 : 8;
            assertTrue(bpd > 0.5 * uniform && bpd < 1.5 * uniform, p.name() + " at initialisation: " + bpd
                    + " bits/dim (" + uniform + " for uniform)");
        }
    }

    @Test
    void imageNetPresetsHaveThePapersSizes() {
        for (String name : new String[] {"rowlstm-imagenet32", "rowlstm-imagenet64"}) {
            ModelConfig c = Presets.get(name).model();
            assertEquals(3, c.channels());
            assertEquals(256, c.levels());
        }
        assertEquals(false, Presets.get("rowlstm-imagenet64").model().residual(), "Table 1: no residual connections");
        assertEquals(384, Presets.get("rowlstm-imagenet32").model().hidden());
        assertEquals(12, Presets.get("rowlstm-imagenet32").model().layers());
        assertEquals(512, Presets.get("rowlstm-imagenet64").model().hidden());
        assertEquals(4, Presets.get("rowlstm-imagenet64").model().layers());
        for (String name : new String[] {"pixelcnn-mnist-8bit", "diagbilstm-mnist-8bit"}) {
            assertEquals(256, Presets.get(name).model().levels(), name);
            assertEquals(1, Presets.get(name).model().channels(), name);
        }
    }
}
