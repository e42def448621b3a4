package io.github.pixelrnn.codec;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.Decoder;
import io.github.pixelrnn.model.DecoderThreads;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Progress;
import java.util.Arrays;

/**
 * Lossless compression of images with a model (paper, Section 5: the NLL in bits is the size of
 * the file an arithmetic coder driven by the model writes). Images are coded in batches of
 * {@code batch}, all into one arithmetic-coded stream; inside a batch sub-pixel by sub-pixel in
 * the model's order, image by image. Both directions take the probabilities from the cached
 * decoder ({@link PixelModel#decoder}), never the parallel full pass, whose floats differ in
 * their last bits, and run libtorch on one intra-op thread, so the floats depend on neither the
 * machine's core count nor the caller's thread setting.
 */
public final class ImageCodec {
    /** Images decoded together; the file records it and decoding repeats it. */
    public static final int DEFAULT_BATCH = 512;
    static final int THREADS = 1;

    private ImageCodec() {
    }

    /**
     * @param images values in the model's levels, of the model's size
     * @param label progress-bar label, or null
     */
    public static CompressedFile compress(PixelModel model, ImageSet images, int batch, String label) {
        ModelConfig c = model.config();
        check(c, images.channels(), images.height(), images.width(), images.levels(), "the images");
        if (batch <= 0 || batch > CompressedFile.MAX_BATCH) {
            throw new UserError("the coding batch must be in 1.." + CompressedFile.MAX_BATCH + ", got " + batch);
        }
        int dims = c.dims();
        byte[] pixels = images.pixels();
        int[] labels = c.conditional() ? images.labels() : null;
        if (c.conditional() && labels == null) {
            throw new UserError("the model is class-conditional: compressing with it needs each image's label");
        }
        ArithmeticEncoder encoder = new ArithmeticEncoder();
        walk(model, images.count(), batch, label, image -> {
            int y = labels[image];
            if (y < 0 || y >= c.classCount()) {
                throw new UserError("image " + image + " has label " + y + ", not one of the model's " + c.classCount()
                        + " classes");
            }
            encoder.encode(y, y + 1, c.classCount());
            return y;
        }, (image, offset, cum) -> {
            int value = pixels[image * dims + offset] & 0xFF;
            encoder.encode(cum[value], cum[value + 1], Frequencies.TOTAL);
            return value;
        });
        return new CompressedFile(ModelIdentity.of(model), batch, THREADS, Frequencies.PRECISION_BITS, images.count(),
                c.channels(), c.height(), c.width(), c.levels(), ModelIdentity.checksum(pixels), encoder.finish());
    }

    /**
     * The images of {@code file}, decoded with {@code model}; a one-line {@link UserError} when
     * the model is not the file's or the decoded pixels fail the file's checksum.
     *
     * @param name the file's name, for the messages
     */
    public static ImageSet decompress(PixelModel model, CompressedFile file, String name, String label) {
        return decompress(model, file, file.batch(), name, label);
    }

    /** As above with another batch split than the file's (tests: what decoding depends on). */
    static ImageSet decompress(PixelModel model, CompressedFile file, int batch, String name, String label) {
        ModelConfig c = model.config();
        byte[] id = ModelIdentity.of(model);
        if (!Arrays.equals(id, file.modelId())) {
            throw new UserError(name + " was compressed with model " + ModelIdentity.hex(file.modelId())
                    + ", not with this one (" + ModelIdentity.hex(id) + ")");
        }
        check(c, file.channels(), file.height(), file.width(), file.levels(), name);
        if (file.precisionBits() != Frequencies.PRECISION_BITS || file.threads() != THREADS) {
            throw new UserError(name + " was coded with " + file.precisionBits() + "-bit frequencies on "
                    + file.threads() + " thread(s); this pixelrnn codes with " + Frequencies.PRECISION_BITS + " bits on "
                    + THREADS);
        }
        int count = file.count();
        int dims = c.dims();
        int levels = c.levels();
        if ((long) count * dims > Integer.MAX_VALUE - 8) {
            throw new UserError(name + " claims " + count + " images, more than one file can hold");
        }
        // Grown batch by batch, not sized by the header: a damaged count runs out of coded data
        // (the decoder throws) long before it could claim the memory it names.
        byte[][] pixels = {new byte[Math.min(count, batch) * dims]};
        ArithmeticDecoder decoder = new ArithmeticDecoder(file.payload(), 0, file.payload().length);
        int[] labels = c.conditional() ? new int[count] : null;
        try {
            walk(model, count, batch, label, image -> {
                int y = (int) decoder.target(c.classCount());
                if (y >= c.classCount()) {
                    throw new IllegalStateException("no such class");
                }
                decoder.consume(y, y + 1, c.classCount());
                labels[image] = y;
                return y;
            }, (image, offset, cum) -> {
                int value = Frequencies.find(cum, levels, decoder.target(Frequencies.TOTAL));
                decoder.consume(cum[value], cum[value + 1], Frequencies.TOTAL);
                int at = image * dims + offset;
                if (at >= pixels[0].length) {
                    int grown = (int) Math.min((long) count * dims, Math.max(2L * pixels[0].length, at + 1L));
                    pixels[0] = Arrays.copyOf(pixels[0], grown);
                }
                pixels[0][at] = (byte) value;
                return value;
            });
        } catch (IllegalStateException e) {
            throw mismatch(name);
        }
        byte[] decoded = pixels[0].length == count * dims ? pixels[0] : Arrays.copyOf(pixels[0], count * dims);
        if (!Arrays.equals(ModelIdentity.checksum(decoded), file.pixelChecksum())) {
            throw mismatch(name);
        }
        return new ImageSet(decoded, count, c.channels(), c.height(), c.width(), levels, labels);
    }

    /** What one direction does with an image's class (a class-conditional model): its label, coded as 1 of K equally likely. */
    private interface ClassLabel {
        int label(int image);
    }

    /** What one direction does with a sub-pixel of an image, given its cumulative frequencies: its value. */
    private interface SubPixel {
        int value(int image, int offset, int[] cum);
    }

    /**
     * The walk both directions share: batches of {@code batch} images, each through a cached
     * decoder, sub-pixel by sub-pixel, image by image, on one intra-op thread. A class-conditional
     * model codes the batch's labels first (uniformly, log K bits each: the file's length is
     * then the codelength of p(x, y) = p(x | y) / K), then the images given them.
     */
    private static void walk(PixelModel model, int count, int batch, String label, ClassLabel classes,
            SubPixel coder) {
        ModelConfig c = model.config();
        int k = c.valuesPerSubPixel();
        int[] cum = new int[c.levels() + 1];
        try (DecoderThreads.Scope threads = DecoderThreads.single();
                Progress progress = progress(label, count)) {
            for (int from = 0; from < count; from += batch) {
                int b = Math.min(batch, count - from);
                int[] y = null;
                if (c.conditional()) {
                    y = new int[b];
                    for (int i = 0; i < b; i++) {
                        y[i] = classes.label(from + i);
                    }
                }
                try (Decoder d = model.decoder(b, y)) {
                    float[] v = new float[b];
                    while (!d.done()) {
                        int offset = d.position().offset(c.height(), c.width());
                        float[] logits = d.logits();
                        for (int i = 0; i < b; i++) {
                            Frequencies.cumulative(logits, i * k, c.levels(), cum);
                            v[i] = coder.value(from + i, offset, cum);
                        }
                        d.accept(v);
                    }
                }
                if (progress != null) {
                    progress.update(from + b, null);
                }
            }
        }
    }

    private static UserError mismatch(String name) {
        return new UserError("the pixels decoded from " + name + " fail its checksum: this machine's arithmetic gives "
                + "other probabilities than the encoder's, or the file was altered; nothing was written");
    }

    private static void check(ModelConfig c, int channels, int height, int width, int levels, String what) {
        if (channels != c.channels() || height != c.height() || width != c.width()) {
            throw new UserError(what + " are " + channels + "x" + height + "x" + width + "; the model codes "
                    + c.channels() + "x" + c.height() + "x" + c.width());
        }
        if (levels != c.levels()) {
            throw new UserError(what + " have " + levels + " levels; the model codes " + c.levels());
        }
    }

    private static Progress progress(String label, int count) {
        return label == null ? null : new Progress(label, count, "img", 1);
    }
}
