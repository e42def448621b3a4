package io.github.pixelrnn.model;

import org.junit.jupiter.api.Test;

/** The incremental decoder gives the full pass's logits at every sub-pixel (SPEC §8). */
class DecoderTest {

    private static ModelConfig tiny(String arch, int channels, int size, int levels, int hidden, int layers,
            boolean residual, boolean skip) {
        return new ModelConfig(arch, channels, size, size, levels, hidden, layers, 24, 7, 3, residual, skip);
    }

    private static void check(ModelConfig c, long seed) {
        try (PixelModel m = PixelModel.create(c, seed)) {
            int n = 3;
            double worst = DecoderChecks.assertMatchesFullPass(m, DecoderChecks.randomImages(c, n, seed), n, 1e-4);
            System.out.println(c.describe() + ": largest difference " + worst);
        }
    }

    @Test
    void pixelCnn() {
        check(tiny("pixelcnn", 1, 6, 2, 4, 2, true, true), 1);
        check(tiny("pixelcnn", 3, 5, 256, 6, 2, true, true), 2);
    }

    @Test
    void rowLstm() {
        check(tiny("rowlstm", 1, 6, 2, 4, 2, true, true), 3);
        check(tiny("rowlstm", 3, 5, 256, 6, 2, true, true), 4);
    }

    @Test
    void diagonalBiLstm() {
        check(tiny("diagbilstm", 1, 6, 2, 4, 2, true, true), 5);
        check(tiny("diagbilstm", 3, 5, 256, 6, 2, true, true), 6);
    }

    @Test
    void multiScale() {
        long seed = 7;
        for (String small : MultiScale.SCALES) {
            for (String large : MultiScale.SCALES) {
                check(tiny(MultiScale.ARCHITECTURE, 1, 6, 2, 4, 2, true, true)
                        .withMultiScale(new MultiScale(2, 4, small, large)), seed++);
            }
        }
        check(tiny(MultiScale.ARCHITECTURE, 3, 4, 256, 6, 1, true, true)
                .withMultiScale(new MultiScale(2, 4, "diagbilstm", "rowlstm")), seed);
    }

    @Test
    void rowRnn() {
        ModelConfig base = new ModelConfig("rowrnn", 1, 5, 4, 2, 6, 2, 1, 1, 1, false, false);
        long seed = 20;
        for (String cell : new String[] {"lstm", "gru"}) {
            check(base.withRecurrence(cell, false, false, "many-to-many"), seed++);
            check(base.withRecurrence(cell, false, false, "many-to-one"), seed++);
            check(base.withRecurrence(cell, true, false, "many-to-one"), seed++);
            check(base.withRecurrence(cell, false, true, "many-to-many"), seed++);
            check(base.withRecurrence(cell, true, true, "many-to-one"), seed++);
        }
        check(new ModelConfig("rowrnn", 3, 4, 3, 256, 6, 1, 1, 1, 1, false, false)
                .withRecurrence("lstm", false, false, "many-to-many"), seed);
    }
}
