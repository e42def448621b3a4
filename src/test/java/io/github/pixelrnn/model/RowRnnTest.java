package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.util.Rng;
import org.junit.jupiter.api.Test;

class RowRnnTest {

    static ModelConfig tiny(int channels, int h, int w, int levels, String cell, boolean bidi, String mode) {
        return new ModelConfig("rowrnn", channels, h, w, levels, 8, 2, 1, 1, 1, false, false)
                .withRecurrence(cell, bidi, false, mode);
    }

    /**
     * Row causality, stricter than raster order: every sub-pixel of row y depends on no input in
     * rows y and below, and (for y > 0) on some input above. Implies {@link ModelChecks#assertCausal}'s
     * zero-gradient condition; that check's "depends on something earlier" condition does not
     * hold in row 0 of this model, whose pixels depend on the learned start row only.
     */
    static void assertRowCausal(PixelModel m, int probes, long seed) {
        ModelConfig c = m.config();
        int h = c.height();
        int w = c.width();
        Rng rng = new Rng(seed);
        for (int p = 0; p <= probes; p++) {
            int k = p == probes ? c.dims() - 1 : rng.nextInt(c.dims());
            int kc = k / (h * w);
            int ky = (k / w) % h;
            int kx = k % w;
            boolean[] dep = ModelChecks.dependsOn(m, kc, ky, kx, seed + p);
            boolean above = false;
            for (int j = 0; j < dep.length; j++) {
                int jy = (j / w) % h;
                if (jy >= ky && dep[j]) {
                    fail("sub-pixel (c=" + kc + ", y=" + ky + ", x=" + kx + ") depends on input (c=" + j / (h * w)
                            + ", y=" + jy + ", x=" + j % w + ")");
                }
                above |= dep[j];
            }
            if (ky > 0) {
                assertTrue(above, "row " + ky + " ignores the rows above it");
            }
        }
    }

    @Test
    void manyToManyIsRowCausal() {
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, "lstm", false, "many-to-many"), 1)) {
            assertRowCausal(m, 10, 3);
        }
        try (PixelModel m = PixelModel.create(tiny(3, 4, 3, 256, "gru", false, "many-to-many"), 2)) {
            assertRowCausal(m, 10, 4);
        }
    }

    @Test
    void manyToOneIsRowCausalUniAndBidirectional() {
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, "lstm", false, "many-to-one"), 3)) {
            assertRowCausal(m, 10, 5);
        }
        try (PixelModel m = PixelModel.create(tiny(1, 6, 5, 2, "lstm", true, "many-to-one"), 4)) {
            assertRowCausal(m, 10, 6);
        }
        try (PixelModel m = PixelModel.create(tiny(3, 4, 3, 256, "gru", true, "many-to-one"), 5)) {
            assertRowCausal(m, 10, 7);
        }
    }

    @Test
    void probabilitiesOfAllTinyImagesSumToOne() {
        for (String mode : new String[] {"many-to-many", "many-to-one"}) {
            try (PixelModel m = PixelModel.create(tiny(1, 2, 2, 2, "lstm", false, mode), 6)) {
                ModelChecks.assertNormalised(m, 1e-5);
            }
            try (PixelModel m = PixelModel.create(tiny(1, 2, 1, 2, "gru", false, mode), 7)) {
                ModelChecks.assertNormalised(m, 1e-5);
            }
            try (PixelModel m = PixelModel.create(tiny(1, 1, 2, 256, "lstm", false, mode), 8)) {
                ModelChecks.assertNormalised(m, 1e-4);
            }
        }
        try (PixelModel m = PixelModel.create(tiny(1, 2, 2, 2, "lstm", true, "many-to-one"), 9)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
    }

    private static float[] perImage(PixelModel m, float[] images, int n) {
        ModelConfig c = m.config();
        try (NDManager s = m.manager().newSubManager()) {
            NDArray x = s.create(images, new Shape(n, c.channels(), c.height(), c.width()));
            return m.logLikelihood(x).sum(new int[] {1, 2, 3}).toFloatArray();
        }
    }

    @Test
    void manyToOneAndManyToManyAgreeForAUnidirectionalNetwork() {
        for (String cell : new String[] {"lstm", "gru"}) {
            for (int levels : new int[] {2, 256}) {
                ModelConfig m2m = tiny(levels == 2 ? 1 : 3, 7, 4, levels, cell, false, "many-to-many");
                ModelConfig m2o = m2m.withRecurrence(cell, false, false, "many-to-one");
                int n = 5;
                float[] images = new float[n * m2m.dims()];
                Rng rng = new Rng(11);
                for (int i = 0; i < images.length; i++) {
                    images[i] = rng.nextInt(levels);
                }
                try (PixelModel a = PixelModel.create(m2m, 12); PixelModel b = PixelModel.create(m2o, 12)) {
                    var pa = a.parameters();
                    var pb = b.parameters();
                    for (int i = 0; i < pa.size(); i++) {
                        assertArrayEquals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray(),
                                "same seed, same weights: " + pa.get(i).getName());
                    }
                    assertArrayEquals(perImage(a, images, n), perImage(b, images, n), 1e-4f, cell + " " + levels);
                }
            }
        }
    }

    @Test
    void bidirectionalManyToManyIsRejected() {
        ModelConfig c = tiny(1, 4, 4, 2, "lstm", true, "many-to-many");
        UserError e = assertThrows(UserError.class, c::validate);
        assertTrue(e.getMessage().startsWith("bidirectional rowrnn needs --mode many-to-one"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(UserError.class, () -> tiny(1, 4, 4, 2, "rnn", false, "many-to-many").validate());
        assertThrows(UserError.class, () -> tiny(1, 4, 4, 2, "lstm", false, "one-to-one").validate());
        assertThrows(UserError.class, () -> tiny(1, 4, 4, 2, "lstm", false, "many-to-many")
                .withRecurrence("lstm", false, true, "many-to-many").validate());
    }

    @Test
    void parameterNamesAreStable() {
        try (PixelModel m = PixelModel.create(tiny(1, 4, 4, 2, "lstm", true, "many-to-one"), 1)) {
            System.err.println(m.parameters().stream().map(p -> p.getName() + p.getArray().getShape()).toList());
            assertEquals("start", m.parameters().get(0).getName());
        }
    }
}
