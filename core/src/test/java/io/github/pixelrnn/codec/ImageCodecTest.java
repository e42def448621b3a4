package io.github.pixelrnn.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import io.github.pixelrnn.model.RnnMode;
import io.github.pixelrnn.model.RnnCell;
import io.github.pixelrnn.model.Architecture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.data.Mnist;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.model.DecoderChecks;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.MultiScale;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.train.Optimizer;
import io.github.pixelrnn.train.TrainStep;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Compression with a model: lossless, at the model's NLL, and every mismatch an error. */
class ImageCodecTest {

    private static ModelConfig tiny(Architecture arch, int channels, int size, int levels) {
        return ModelConfig.builder(arch, channels, size, size, levels).hidden(channels == 1 ? 4 : 6).layers(2).outMaps(24).build();
    }

    private static ImageSet random(ModelConfig c, int n, long seed) {
        float[] v = DecoderChecks.randomImages(c, n, seed);
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return new ImageSet(b, n, c.channels(), c.height(), c.width(), c.levels(), null);
    }

    /** Every architecture, binary and 8-bit: the decoded images are the originals, the size near the NLL. */
    @Test
    void roundTripsAtTheModelsNll() {
        List<ModelConfig> configs = List.of(tiny(Architecture.PIXELCNN, 1, 6, 2), tiny(Architecture.ROW_LSTM, 3, 4, 256),
                tiny(Architecture.DIAGONAL_BILSTM, 1, 5, 2),
                tiny(Architecture.MULTISCALE, 3, 4, 256).toBuilder().scales(new MultiScale(2, 4, Architecture.DIAGONAL_BILSTM, Architecture.PIXELCNN)).build(),
                ModelConfig.builder(Architecture.ROW_RNN, 1, 5, 4, 2).hidden(6).layers(2).recurrence(RnnCell.GRU, RnnMode.MANY_TO_ONE).bidirectional(true).build());
        long seed = 1;
        for (ModelConfig c : configs) {
            try (PixelModel m = PixelModel.create(c, seed)) {
                ImageSet images = random(c, 37, seed++);
                CompressedFile file = ImageCodec.compress(m, images, 16, null);
                ImageSet back = ImageCodec.decompress(m, CompressedFile.parse(file.toBytes(), "f"), "f", null);
                assertArrayEquals(images.pixels(), back.pixels(), c.describe());
                double nllBits = Evaluator.evaluate(m, images, 64, null).natsPerImage() * images.count() / Math.log(2);
                double bits = file.payload().length * 8.0;
                assertTrue(Math.abs(bits - nllBits) < 0.01 * nllBits + 16,
                        c.describe() + ": " + bits + " coded bits against an NLL of " + nllBits);
            }
        }
    }

    /** Real digits with a model of MNIST's size: 100 binarized test digits, three batches and a part. */
    @Test
    void realDigits() {
        ModelConfig c = ModelConfig.builder(Architecture.PIXELCNN, 1, 28, 28, 2).hidden(8).layers(2).outMaps(16).build();
        ImageSet digits = EvalData.prepare(Mnist.load(false, null).slice(0, 100), c, Binarization.Mode.STOCHASTIC, 0.5);
        try (PixelModel m = PixelModel.create(c, 3)) {
            CompressedFile file = ImageCodec.compress(m, digits, 32, null);
            assertArrayEquals(digits.pixels(),
                    ImageCodec.decompress(m, CompressedFile.parse(file.toBytes(), "f"), "f", null).pixels());
        }
    }

    /**
     * A thousand real digits with a model that has learnt something (probabilities near 0 and 1,
     * where the frequencies' precision matters): the file is within 1% of their NLL in bits,
     * plus the header, and the first batch decodes exactly.
     */
    @Test
    void aThousandRealDigitsCostTheirNll() {
        ModelConfig c = ModelConfig.builder(Architecture.PIXELCNN, 1, 28, 28, 2).hidden(8).layers(2).outMaps(16).build();
        ImageSet train = EvalData.prepare(Mnist.load(true, null).slice(0, 3200), c, Binarization.Mode.STOCHASTIC, 0.5);
        ImageSet digits = EvalData.prepare(Mnist.load(false, null).slice(0, 1000), c, Binarization.Mode.STOCHASTIC, 0.5);
        try (PixelModel m = PixelModel.create(c, 4)) {
            TrainStep step = new TrainStep(m, Optimizer.named("adam", m.manager()), 0);
            for (int i = 0; i < 100; i++) {
                step.run(train.toFloats(i * 32, i * 32 + 32), 32, 3e-3);
            }
            double nllBits = Evaluator.evaluate(m, digits, 500, null).natsPerImage() * digits.count() / Math.log(2);
            assertTrue(nllBits / digits.count() < 250, "the model learnt little: " + nllBits / digits.count());
            CompressedFile file = ImageCodec.compress(m, digits, 500, null);
            double fileBits = file.toBytes().length * 8.0;
            assertTrue(fileBits <= 1.01 * nllBits + CompressedFile.OVERHEAD_BYTES * 8.0,
                    fileBits + " bits for digits of " + nllBits + " bits of NLL");
            assertTrue(fileBits >= 0.99 * nllBits, fileBits + " bits for digits of " + nllBits + " bits of NLL");
            CompressedFile firstBatch = ImageCodec.compress(m, digits.slice(0, 500), 500, null);
            assertArrayEquals(digits.slice(0, 500).pixels(),
                    ImageCodec.decompress(m, CompressedFile.parse(firstBatch.toBytes(), "f"), "f", null).pixels());
        }
    }

    /**
     * A thousand random mutations of a file (bit flips, overwritten, inserted and deleted bytes,
     * truncation, extension, header fields), half of them with the CRC recomputed so that the
     * header checks and the decoder itself meet them: each is refused with a one-line
     * {@link UserError} or decodes to exactly the original images; nothing else is thrown.
     */
    @Test
    void mutatedFilesAreRefusedOrExact() {
        ModelConfig c = tiny(Architecture.PIXELCNN, 1, 4, 2);
        try (PixelModel m = PixelModel.create(c, 11)) {
            ImageSet images = random(c, 6, 11);
            byte[] file = ImageCodec.compress(m, images, 4, null).toBytes();
            java.util.Random r = new java.util.Random(2026);
            int refused = 0;
            int decodedThenRefused = 0;
            int exact = 0;
            for (int i = 0; i < 1000; i++) {
                byte[] f = mutate(file, r);
                if (r.nextBoolean() && f.length >= 4) {
                    reseal(f);
                }
                CompressedFile parsed;
                try {
                    parsed = CompressedFile.parse(f, "f");
                } catch (UserError e) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                    refused++;
                    continue;
                }
                try {
                    ImageSet back = ImageCodec.decompress(m, parsed, "f", null);
                    assertArrayEquals(images.pixels(), back.pixels(), "mutation " + i + " decoded other images");
                    exact++;
                } catch (UserError e) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                    decodedThenRefused++;
                }
            }
            assertEquals(1000, refused + decodedThenRefused + exact);
            assertTrue(decodedThenRefused > 100, "only " + decodedThenRefused + " mutations reached the decoder");
        }
    }

    private static byte[] mutate(byte[] file, java.util.Random r) {
        byte[] f = file.clone();
        switch (r.nextInt(7)) {
            case 0 -> { // flip one to three bits
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    int bit = r.nextInt(f.length * 8);
                    f[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> f[r.nextInt(f.length)] = (byte) r.nextInt(256);
            case 2 -> f = java.util.Arrays.copyOf(f, r.nextInt(f.length));
            case 3 -> {
                f = java.util.Arrays.copyOf(f, f.length + 1 + r.nextInt(8));
                for (int k = file.length; k < f.length; k++) {
                    f[k] = (byte) r.nextInt(256);
                }
            }
            case 4 -> { // insert a byte
                int at = r.nextInt(f.length);
                byte[] g = new byte[f.length + 1];
                System.arraycopy(f, 0, g, 0, at);
                g[at] = (byte) r.nextInt(256);
                System.arraycopy(f, at, g, at + 1, f.length - at);
                f = g;
            }
            case 5 -> { // delete a byte
                int at = r.nextInt(f.length);
                byte[] g = new byte[f.length - 1];
                System.arraycopy(f, 0, g, 0, at);
                System.arraycopy(f, at + 1, g, at, f.length - at - 1);
                f = g;
            }
            default -> { // one header field (batch, threads, precision, count, size, levels) at random
                int[] fields = {21, 24, 25, 26, 27, 30, 31, 33, 35, 37};
                int at = fields[r.nextInt(fields.length)];
                f[at] = (byte) r.nextInt(256);
                if (r.nextBoolean()) {
                    f[at - 1] = (byte) r.nextInt(256);
                }
            }
        }
        return f;
    }

    /** Recomputes the CRC-32 of a (mutated) file, so that only the deeper checks can refuse it. */
    private static void reseal(byte[] f) {
        CRC32 crc = new CRC32();
        crc.update(f, 0, f.length - 4);
        java.nio.ByteBuffer.wrap(f, f.length - 4, 4).putInt((int) crc.getValue());
    }

    /** The engine's thread count does not matter: coding always runs on one thread. */
    @Test
    void decodesWithOneAndWithTwoThreads() {
        Engine.getInstance();
        int saved = JniUtils.getNumThreads();
        ModelConfig c = tiny(Architecture.PIXELCNN, 3, 4, 256);
        try (PixelModel m = PixelModel.create(c, 5)) {
            ImageSet images = random(c, 9, 5);
            JniUtils.setNumThreads(2);
            byte[] coded = ImageCodec.compress(m, images, 4, null).toBytes();
            JniUtils.setNumThreads(1);
            assertArrayEquals(images.pixels(), ImageCodec.decompress(m, CompressedFile.parse(coded, "f"), "f", null).pixels());
            byte[] again = ImageCodec.compress(m, images, 4, null).toBytes();
            assertArrayEquals(coded, again, "the same file at one thread as at two");
            JniUtils.setNumThreads(2);
            assertArrayEquals(images.pixels(), ImageCodec.decompress(m, CompressedFile.parse(again, "f"), "f", null).pixels());
        } finally {
            JniUtils.setNumThreads(saved);
        }
    }

    /**
     * Another batch split than the encoder's: the logits of an image may differ in their last
     * bits with the batch around it, so the file records the split and decompress repeats it.
     * Decoding with another split either gives the same images or is refused by the checksum;
     * it never returns other images.
     */
    @Test
    void anotherBatchSplitDecodesTheSameImagesOrIsRefused() {
        ModelConfig c = tiny(Architecture.ROW_LSTM, 1, 6, 2);
        try (PixelModel m = PixelModel.create(c, 6)) {
            ImageSet images = random(c, 24, 6);
            CompressedFile file = ImageCodec.compress(m, images, 8, null);
            assertEquals(8, file.batch());
            for (int batch : new int[] {1, 5, 24}) {
                try {
                    ImageSet back = ImageCodec.decompress(m, file, batch, "f", null);
                    assertArrayEquals(images.pixels(), back.pixels(), "batch " + batch);
                } catch (UserError e) {
                    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
                }
            }
        }
    }

    @Test
    void anotherModelIsRefused() {
        ModelConfig c = tiny(Architecture.PIXELCNN, 1, 5, 2);
        try (PixelModel m = PixelModel.create(c, 1); PixelModel other = PixelModel.create(c, 2)) {
            CompressedFile file = ImageCodec.compress(m, random(c, 3, 1), 64, null);
            UserError e = assertThrows(UserError.class, () -> ImageCodec.decompress(other, file, "f.pxrc", null));
            assertTrue(e.getMessage().contains("was compressed with model"), e.getMessage());
            ModelConfig bigger = tiny(Architecture.PIXELCNN, 1, 6, 2);
            try (PixelModel wrongSize = PixelModel.create(bigger, 1)) {
                assertThrows(UserError.class, () -> ImageCodec.compress(wrongSize, random(c, 3, 1), 64, null));
            }
        }
    }

    /**
     * A machine whose arithmetic gives other probabilities: a stream coded by a model whose weights
     * differ in their last bits, under the true model's identity, fails the checksum.
     */
    @Test
    void otherProbabilitiesFailTheChecksum() {
        ModelConfig c = tiny(Architecture.PIXELCNN, 1, 6, 2);
        try (PixelModel m = PixelModel.create(c, 7); PixelModel nudged = PixelModel.create(c, 7)) {
            ai.djl.ndarray.NDArray w = nudged.parameters().get(nudged.parameters().size() - 1).getArray();
            w.addi(w.getManager().full(w.getShape(), 0.05f)); // the logits' bias: every probability moves
            ImageSet images = random(c, 16, 7);
            CompressedFile honest = ImageCodec.compress(m, images, 64, null);
            CompressedFile skewed = ImageCodec.compress(nudged, images, 64, null);
            CompressedFile forged = new CompressedFile(honest.modelId(), honest.batch(), honest.threads(),
                    honest.precisionBits(), honest.count(), honest.channels(), honest.height(), honest.width(),
                    honest.levels(), honest.pixelChecksum(), skewed.payload());
            UserError e = assertThrows(UserError.class, () -> ImageCodec.decompress(m, forged, "f", null));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void brokenFilesAreOneLineErrors() {
        ModelConfig c = tiny(Architecture.PIXELCNN, 1, 5, 2);
        try (PixelModel m = PixelModel.create(c, 1)) {
            byte[] file = ImageCodec.compress(m, random(c, 4, 1), 64, null).toBytes();
            assertEquals(CompressedFile.OVERHEAD_BYTES + CompressedFile.parse(file, "f").payload().length, file.length);
            assertMessage(java.util.Arrays.copyOf(file, file.length - 1), "truncated");
            assertMessage(java.util.Arrays.copyOf(file, 20), "truncated");
            assertMessage(java.util.Arrays.copyOf(file, file.length + 3), "after its end");
            assertMessage("hello".getBytes(), "not a pixelrnn compressed file");
            byte[] altered = file.clone();
            altered[CompressedFile.HEADER_BYTES] ^= 4;
            assertMessage(altered, "CRC");
            byte[] newer = file.clone();
            newer[4] = 9;
            assertMessage(newer, "version 9");
            // an altered payload with a recomputed CRC: the checksum of the pixels catches it
            byte[] resealed = altered.clone();
            reseal(resealed);
            CompressedFile parsed = CompressedFile.parse(resealed, "f");
            UserError e = assertThrows(UserError.class, () -> ImageCodec.decompress(m, parsed, "f", null));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    private static void assertMessage(byte[] file, String fragment) {
        UserError e = assertThrows(UserError.class, () -> CompressedFile.parse(file, "f.pxrc"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("f.pxrc"), e.getMessage());
    }

    @Test
    void headerRoundTripsAndDescribesItself() {
        byte[] id = new byte[ModelIdentity.BYTES];
        id[0] = 1;
        CompressedFile f = new CompressedFile(id, 64, 1, 16, 3, 1, 28, 28, 2, new byte[ModelIdentity.BYTES],
                new byte[] {5, 6, 7});
        CompressedFile back = CompressedFile.parse(f.toBytes(), "f");
        assertEquals(64, back.batch());
        assertEquals(3, back.count());
        assertEquals(28, back.height());
        assertArrayEquals(id, back.modelId());
        assertArrayEquals(new byte[] {5, 6, 7}, back.payload());
        assertTrue(back.describe(f.toBytes().length).contains("3 of 1x28x28, 2 levels"), back.describe(65));
    }
}
