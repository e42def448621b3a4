package io.github.pixelrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.sample.Recompute;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Class-conditional models, p(x | y), of every architecture: each class's distribution is causal
 * (gradients) and normalised (enumeration), the cached and the re-running decoders equal the
 * full pass with images of different classes in one batch, and the class changes the
 * distribution.
 */
class ConditionalModelTest {
    private static final List<String> CLASSES = List.of("zero", "one", "two");

    /** A small class-conditional model of {@code arch} on C×H×W images with {@code levels} values. */
    static ModelConfig conditional(Architecture arch, int channels, int height, int width, int levels) {
        ModelConfig.Builder b = ModelConfig.builder(arch, channels, height, width, levels).hidden(4).layers(2)
                .classes(CLASSES);
        if (arch == Architecture.ROW_RNN) {
            return b.hidden(6).layers(1).build();
        }
        b.outMaps(24).firstKernel(3);
        if (arch == Architecture.MULTISCALE) {
            b.scales(new MultiScale(2, 4, Architecture.ROW_LSTM, Architecture.PIXELCNN));
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyClassIsCausal(Architecture arch) {
        try (PixelModel m = PixelModel.create(conditional(arch, 1, 4, 4, 2), 3)) {
            for (int y = 0; y < CLASSES.size(); y++) {
                if (arch == Architecture.ROW_RNN) {
                    RowRnnTest.assertRowCausal(m, 5, 10 + y, y); // stricter: row y sees only the rows above
                } else {
                    assertTrue(ModelChecks.assertCausal(m, 5, 10 + y, y) > 0, arch + " class " + y);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"GATED_PIXELCNN", "DIAGONAL_BILSTM", "MULTISCALE", "ROW_RNN"})
    void everyClassIsCausalOnColourImages(Architecture arch) {
        try (PixelModel m = PixelModel.create(conditional(arch, 3, 4, 4, 256), 4)) {
            if (arch == Architecture.ROW_RNN) {
                RowRnnTest.assertRowCausal(m, 6, 20, 2);
            } else {
                ModelChecks.assertCausal(m, 6, 20, 2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyClassIsNormalised(Architecture arch) {
        try (PixelModel m = PixelModel.create(conditional(arch, 1, 2, 4, 2), 5)) {
            for (int y = 0; y < CLASSES.size(); y++) {
                ModelChecks.assertNormalised(m, 1e-4, y);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void decodersMatchTheFullPassWithMixedClasses(Architecture arch) {
        ModelConfig c = conditional(arch, 1, 4, 4, 2);
        int[] classes = {0, 2, 1, 2};
        try (PixelModel m = PixelModel.create(c, 6)) {
            float[] images = DecoderChecks.randomImages(c, classes.length, 7);
            DecoderChecks.assertMatchesFullPass(m, images, classes, 1e-4);
            try (Decoder naive = new Recompute(m, classes.length, classes)) {
                DecoderChecks.assertMatchesFullPass(m, naive, images, classes.length, classes, 1e-4);
            }
        }
    }

    @Test
    void colourDecoderMatchesTheFullPass() {
        ModelConfig c = conditional(Architecture.GATED_PIXELCNN, 3, 4, 4, 256);
        int[] classes = {1, 0};
        try (PixelModel m = PixelModel.create(c, 8)) {
            DecoderChecks.assertMatchesFullPass(m, DecoderChecks.randomImages(c, 2, 9), classes, 1e-3);
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void theClassChangesTheDistribution(Architecture arch) {
        ModelConfig c = conditional(arch, 1, 4, 4, 2);
        try (PixelModel m = PixelModel.create(c, 11);
                NDManager nd = m.manager().newSubManager()) {
            float[] image = DecoderChecks.randomImages(c, 1, 12);
            NDArray x = nd.create(image, new Shape(1, 1, 4, 4));
            float[] a = m.logits(x, new int[] {0}, false).toFloatArray();
            float[] b = m.logits(x, new int[] {1}, false).toFloatArray();
            float largest = 0;
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(a[i] - b[i]));
            }
            assertTrue(largest > 1e-4, arch + ": the logits of two classes differ by at most " + largest);
            // the first sub-pixel has no context: only the class can move its distribution
            assertTrue(a[0] != b[0], arch + ": the first sub-pixel's logit ignores the class");
        }
    }

    @Test
    void refusesMissingOrWrongClasses() {
        ModelConfig c = conditional(Architecture.PIXELCNN, 1, 4, 4, 2);
        ModelConfig plain = c.withClasses(null);
        try (PixelModel m = PixelModel.create(c, 1);
                PixelModel u = PixelModel.create(plain, 1);
                NDManager nd = m.manager().newSubManager()) {
            NDArray x = nd.zeros(new Shape(2, 1, 4, 4));
            assertThrows(IllegalArgumentException.class, () -> m.logits(x, false));
            assertThrows(IllegalArgumentException.class, () -> m.logits(x, new int[] {0}, false));
            assertThrows(IllegalArgumentException.class, () -> m.logits(x, new int[] {0, 3}, false));
            assertThrows(IllegalArgumentException.class, () -> u.logits(x, new int[] {0, 1}, false));
            assertThrows(IllegalArgumentException.class, () -> m.decoder(2));
            assertThrows(IllegalArgumentException.class, () -> u.decoder(2, new int[] {0, 0}));
        }
    }

    @Test
    void configKeepsItsClassesAndValidatesThem() {
        ModelConfig c = conditional(Architecture.GATED_PIXELCNN, 1, 4, 4, 2);
        assertEquals(CLASSES, c.classes());
        assertEquals(3, c.classCount());
        assertEquals(1, c.classIndex("one"));
        assertEquals(2, c.classIndex("2"));
        assertThrows(UserError.class, () -> c.classIndex("seven"));
        assertEquals(CLASSES, c.toBuilder().build().classes());
        assertTrue(c.toString().endsWith(", classes=[zero, one, two]]"), c.toString());
        assertFalse(c.withClasses(null).toString().contains("classes"), "an unconditional model's text is unchanged");
        assertThrows(UserError.class, () -> c.withClasses(List.of("only")).validate());
        assertThrows(UserError.class, () -> c.withClasses(List.of("a", "a")).validate());
        assertThrows(UserError.class, () -> c.withClasses(List.of("a", " ")).validate());
    }
}
