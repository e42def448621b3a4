package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.nn.ConditionedLayer;
import io.github.pixelrnn.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * Multi-scale PixelRNN (paper, Section 3.6): causal in its generation order (the small image
 * first, then the rest given it), conditioned on the small image, and normalised.
 */
class MultiScaleTest {

    /** A tiny multi-scale model; 24 output maps keep a random RGB model's ReLUs alive. */
    static ModelConfig multiScale(Architecture small, Architecture large, int channels, int size, int levels, int hidden,
            int layers) {
        return ModelConfig.builder(Architecture.MULTISCALE, channels, size, size, levels).hidden(hidden).layers(layers).outMaps(24).scales(new MultiScale(2, 4, small, large)).build();
    }

    @Test
    void causalInTheGridFirstOrderForEveryPairOfScales() {
        Architecture[][] pairs = {{Architecture.PIXELCNN, Architecture.ROW_LSTM},
            {Architecture.DIAGONAL_BILSTM, Architecture.PIXELCNN}, {Architecture.ROW_LSTM, Architecture.DIAGONAL_BILSTM}};
        long seed = 1;
        for (Architecture[] p : pairs) {
            try (PixelModel m = PixelModel.create(multiScale(p[0], p[1], 1, 8, 2, 4, 2), seed)) {
                assertTrue(ModelChecks.assertCausal(m, 16, seed++) > 0, p[0] + "/" + p[1]);
            }
        }
    }

    /**
     * The conditional network alone, with the conditioning map held fixed (a given s): the
     * logits of every sub-pixel k have zero gradient with respect to x at k and after it in
     * raster order, and the map itself does reach the logits.
     */
    @Test
    void conditionalNetworkIsCausalInXGivenTheMap() {
        int size = 6;
        for (Architecture arch : MultiScale.SCALES) {
            for (int channels : new int[] {1, 3}) {
                ImageShape image = new ImageShape(channels, size, size, channels == 1 ? 2 : 256);
                ConditionedLayer net = PaperLayers.of(arch, 9, 2, 24, 7, 3, true, true).network(image, 4);
                try (NDManager nd = NDManager.newBaseManager()) {
                    Engine.getInstance().setRandomSeed(channels);
                    net.initialize(nd, DataType.FLOAT32, new Shape(1, channels, size, size));
                    ParameterStore ps = new ParameterStore(nd, false);
                    NDArray condition = nd.randomNormal(new Shape(1, 4, size, size));
                    Rng rng = new Rng(channels);
                    int earlier = 0;
                    for (int probe = 0; probe < 6; probe++) {
                        int kc = rng.nextInt(channels);
                        int ky = rng.nextInt(size);
                        int kx = rng.nextInt(size);
                        NDArray x = nd.randomUniform(-1, 1, new Shape(1, channels, size, size));
                        x.setRequiresGradient(true);
                        NDArray map = condition.duplicate();
                        map.setRequiresGradient(true);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = net.apply(ps, x, map, true); // (1, C·K, H, W)
                            int k = image.valuesPerSubPixel();
                            gc.backward(logits.get(new NDIndex("0, {}:{}, {}, {}", kc * k, (kc + 1) * k, ky, kx)).sum());
                        }
                        float[] g = x.getGradient().toFloatArray();
                        for (int i = 0; i < g.length; i++) {
                            int jc = i / (size * size);
                            int jy = (i / size) % size;
                            int jx = i % size;
                            boolean atOrAfter = jy > ky || jy == ky && (jx > kx || jx == kx && jc >= kc);
                            assertTrue(!atOrAfter || g[i] == 0f, arch + " C=" + channels + ": (" + kc + ", " + ky
                                    + ", " + kx + ") depends on x at (" + jc + ", " + jy + ", " + jx + ")");
                            earlier += !atOrAfter && g[i] != 0f ? 1 : 0;
                        }
                        assertTrue(map.getGradient().abs().sum().getFloat() > 0, arch + ": the map does not reach");
                    }
                    assertTrue(earlier > 0, arch + " C=" + channels + ": no logit depends on earlier x at all");
                }
            }
        }
    }

    @Test
    void rgbModelIsCausalAcrossColourGroups() {
        try (PixelModel m = PixelModel.create(multiScale(Architecture.ROW_LSTM, Architecture.DIAGONAL_BILSTM, 3, 4, 256, 9, 1), 7)) {
            ModelChecks.assertCausal(m, 20, 7);
        }
        try (PixelModel m = PixelModel.create(multiScale(Architecture.DIAGONAL_BILSTM, Architecture.PIXELCNN, 3, 4, 256, 9, 1), 8)) {
            ModelChecks.assertCausal(m, 20, 8);
        }
    }

    /**
     * Pixel (0, 1) comes second in raster order, so without conditioning it could see only
     * (0, 0); here its distribution also depends on the grid pixel (2, 2) below it, which it
     * can only see through the upsampled small image, and on nothing off the grid. The
     * upsampling is local, so far grid pixels such as (6, 6) do not reach it. Grid pixels
     * themselves depend only on earlier grid pixels.
     */
    @Test
    void conditioningOnTheSmallImageReachesTheLargeNetwork() {
        int size = 8;
        for (Architecture large : MultiScale.SCALES) {
            try (PixelModel m = PixelModel.create(multiScale(Architecture.PIXELCNN, large, 1, size, 2, 4, 1), 3)) {
                boolean[] seen = ModelChecks.dependsOn(m, 0, 0, 1, 5);
                assertTrue(seen[2 * size + 2], large + ": (0, 1) does not depend on the small image's (2, 2)");
                assertFalse(seen[6 * size + 6], large + ": the upsampling should be local, yet (0, 1) sees (6, 6)");
                assertTrue(seen[0], large + ": (0, 1) does not depend on (0, 0)");
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        if (y % 2 != 0 || x % 2 != 0) {
                            assertFalse(seen[y * size + x], large + ": (0, 1) depends on (" + y + ", " + x + ")");
                        }
                    }
                }
                boolean[] grid = ModelChecks.dependsOn(m, 0, 4, 2, 5);
                for (int i = 0; i < grid.length; i++) {
                    int y = i / size;
                    int x = i % size;
                    boolean earlierOnGrid = y % 2 == 0 && x % 2 == 0 && (y < 4 || y == 4 && x < 2);
                    if (!earlierOnGrid) {
                        assertFalse(grid[i], large + ": grid pixel (4, 2) depends on (" + y + ", " + x + ")");
                    }
                }
            }
        }
    }

    /** Changing only the small image changes the large network's predictions off the grid. */
    @Test
    void changingTheSmallImageChangesTheLargePredictions() {
        ModelConfig c = multiScale(Architecture.ROW_LSTM, Architecture.ROW_LSTM, 1, 8, 2, 4, 2);
        try (PixelModel m = PixelModel.create(c, 4); NDManager nd = NDManager.newBaseManager()) {
            Rng rng = new Rng(3);
            float[] a = new float[64];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextInt(2);
            }
            float[] b = a.clone();
            int changedAt = 4 * 8 + 4;
            b[changedAt] = 1 - b[changedAt]; // the small image's pixel (2, 2)
            float[] la = m.logits(nd.create(a, new Shape(1, 1, 8, 8)), false).toFloatArray();
            float[] lb = m.logits(nd.create(b, new Shape(1, 1, 8, 8)), false).toFloatArray();
            int changed = 0;
            for (int i = 0; i < changedAt; i++) { // every pixel before (4, 4) in raster order
                boolean grid = (i / 8) % 2 == 0 && (i % 8) % 2 == 0;
                if (grid) {
                    assertEquals(la[i], lb[i], 0f, "grid pixel " + i + " saw a later grid pixel");
                } else if (la[i] != lb[i]) {
                    changed++;
                }
            }
            // The upsampling reaches about 3 pixels around (4, 4): rows 1-3 and row 4 up to x=3.
            assertTrue(changed >= 15, "only " + changed + " earlier off-grid predictions changed");
        }
    }

    @Test
    void probabilitiesOfAllImagePairsSumToOne() {
        // 4×4 binary images (65,536), each fixing its 2×2 small image.
        try (PixelModel m = PixelModel.create(multiScale(Architecture.DIAGONAL_BILSTM, Architecture.ROW_LSTM, 1, 4, 2, 4, 1), 5)) {
            ModelChecks.assertNormalised(m, 1e-4);
        }
        // 2×2 binary RGB images (4,096): the small image is one RGB pixel.
        try (PixelModel m = PixelModel.create(multiScale(Architecture.PIXELCNN, Architecture.PIXELCNN, 3, 2, 2, 4, 1), 6)) {
            ModelChecks.assertNormalised(m, 1e-5);
        }
    }

    /** log p(x) = log p(s) + log p(x | s): the grid positions hold exactly the small image's terms. */
    @Test
    void gridTermsAreTheSmallImagesLikelihood() {
        ModelConfig c = multiScale(Architecture.ROW_LSTM, Architecture.PIXELCNN, 1, 8, 2, 4, 1);
        try (PixelModel m = PixelModel.create(c, 9); NDManager nd = NDManager.newBaseManager()) {
            Rng rng = new Rng(4);
            float[] x = new float[2 * 64];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(2);
            }
            float[] ll = m.logLikelihood(nd.create(x, new Shape(2, 1, 8, 8))).toFloatArray();
            // The same two images again, but everything off the grid replaced: the grid terms stay.
            float[] y = x.clone();
            for (int i = 0; i < y.length; i++) {
                int p = i % 64;
                if ((p / 8) % 2 != 0 || (p % 8) % 2 != 0) {
                    y[i] = 1 - y[i];
                }
            }
            float[] ll2 = m.logLikelihood(nd.create(y, new Shape(2, 1, 8, 8))).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                int p = i % 64;
                if ((p / 8) % 2 == 0 && (p % 8) % 2 == 0) {
                    assertEquals(ll[i], ll2[i], 1e-6f, "grid term " + p);
                }
            }
        }
    }

    @Test
    void sizeNotDivisibleByTheFactorIsAOneLineError() {
        ModelConfig c = multiScale(Architecture.ROW_LSTM, Architecture.ROW_LSTM, 1, 28, 2, 4, 1);
        UserError e = assertThrows(UserError.class,
                () -> c.toBuilder().scales(c.multiScale().withFactor(3)).build());
        assertTrue(e.getMessage().contains("not divisible by the subsampling factor 3"), e.getMessage());
        assertThrows(UserError.class, () -> c.toBuilder()
                .scales(new MultiScale(2, 4, Architecture.ROW_RNN, Architecture.ROW_LSTM)).build());
        // The stored form, as a hand-edited checkpoint could hold it: scales missing, or on another architecture.
        assertThrows(UserError.class, () -> stored(c, Architecture.MULTISCALE, null).validate());
        assertThrows(UserError.class, () -> stored(c, Architecture.PIXELCNN, c.multiScale()).validate());
    }

    /** {@code c}'s stored form with another architecture and scales. */
    private static ModelConfig stored(ModelConfig c, Architecture architecture, MultiScale scales) {
        return new ModelConfig(architecture, c.channels(), c.height(), c.width(), c.levels(), c.hidden(), c.layers(),
                c.outMaps(), c.firstKernel(), c.kernel(), c.residual(), c.skip(), null, false, false, null, scales);
    }

    @Test
    void presetsBuild() {
        for (String name : new String[] {"multiscale-mnist", "multiscale-cifar"}) {
            ModelConfig c = Presets.get(name).model().validate();
            try (PixelModel m = PixelModel.create(c.toBuilder().hidden(4).layers(1).outMaps(8).build(), 1); NDManager nd = NDManager.newBaseManager()) {
                NDArray x = nd.zeros(new Shape(2, c.channels(), c.height(), c.width()));
                assertEquals(new Shape(2, c.channels(), c.height(), c.width()), m.logLikelihood(x).getShape());
                assertTrue(m.forwardFlopsPerImage() > 0);
            }
        }
    }
}
