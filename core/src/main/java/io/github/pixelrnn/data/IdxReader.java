package io.github.pixelrnn.data;

import io.github.pixelrnn.UserError;
import java.nio.file.Path;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (magic
 * {@code 0x00000803} and dimensions N, H, W for unsigned-byte images; magic {@code 0x00000801}
 * and N for unsigned-byte labels) followed by the data. Files may be plain or gzip-compressed;
 * gzip is recognised by its magic bytes, not by the name.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte, three-dimensional data (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte, one-dimensional data (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * Reads the images in {@code images} and, when {@code labelsOrNull} is not null, their
     * labels, as a set with one channel and 256 levels.
     *
     * @throws UserError if a file is missing, unreadable, corrupt gzip, not the right IDX kind,
     *     truncated or too long, or the label count differs from the image count
     */
    public static ImageSet readImages(Path images, Path labelsOrNull) {
        byte[] data = Gzip.readMaybeGzipped(images);
        ImageSet set = parseImages(images.toString(), data);
        if (labelsOrNull == null) {
            return set;
        }
        int[] labels = readLabels(labelsOrNull);
        return withLabels(set, images.toString(), labels, labelsOrNull.toString());
    }

    /**
     * Reads an IDX label file (values 0..255).
     *
     * @throws UserError if the file is missing, unreadable, corrupt gzip, not an IDX label file,
     *     truncated or too long
     */
    public static int[] readLabels(Path labels) {
        return parseLabels(labels.toString(), Gzip.readMaybeGzipped(labels));
    }

    /**
     * Parses the (already gunzipped) content of an IDX image file named {@code name}, as a set
     * with one channel, 256 levels and no labels.
     */
    public static ImageSet parseImages(String name, byte[] data) {
        checkMagic(name, data, IMAGES_MAGIC, "images");
        if (data.length < 16) {
            throw new UserError(name + ": truncated: IDX image header needs 16 bytes, file holds "
                    + data.length);
        }
        int n = readInt(data, 4);
        int h = readInt(data, 8);
        int w = readInt(data, 12);
        if (n < 0 || h <= 0 || w <= 0) {
            throw new UserError(name + ": corrupt IDX header: " + n + " images of " + h + "x" + w);
        }
        long need = (long) n * h * w;
        long have = data.length - 16L;
        if (need > Integer.MAX_VALUE - 16) {
            throw new UserError(name + ": header says " + n + " images of " + h + "x" + w
                    + ", too many to hold in memory");
        }
        if (have < need) {
            throw new UserError(name + ": truncated: header says " + n + " images of " + h + "x"
                    + w + " (" + need + " bytes of pixels), file holds " + have + " bytes of pixels");
        }
        if (have > need) {
            throw new UserError(name + ": " + (have - need) + " bytes after the " + n + " images of "
                    + h + "x" + w + " the header announces; not an IDX image file, or corrupt");
        }
        byte[] pixels = new byte[(int) need];
        System.arraycopy(data, 16, pixels, 0, pixels.length);
        return new ImageSet(pixels, n, 1, h, w, 256, null);
    }

    /** Parses the (already gunzipped) content of an IDX label file named {@code name}. */
    public static int[] parseLabels(String name, byte[] data) {
        checkMagic(name, data, LABELS_MAGIC, "labels");
        if (data.length < 8) {
            throw new UserError(name + ": truncated: IDX label header needs 8 bytes, file holds "
                    + data.length);
        }
        int n = readInt(data, 4);
        if (n < 0) {
            throw new UserError(name + ": corrupt IDX header: " + n + " labels");
        }
        long have = data.length - 8L;
        if (have < n) {
            throw new UserError(name + ": truncated: header says " + n + " labels, file holds "
                    + have);
        }
        if (have > n) {
            throw new UserError(name + ": " + (have - n) + " bytes after the " + n
                    + " labels the header announces; not an IDX label file, or corrupt");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = data[8 + i] & 0xFF;
        }
        return out;
    }

    /**
     * {@code images} with {@code labels} attached; a count mismatch is a {@link UserError}
     * naming both files.
     */
    public static ImageSet withLabels(ImageSet images, String imagesName, int[] labels,
            String labelsName) {
        if (labels.length != images.count()) {
            throw new UserError(labelsName + ": " + labels.length + " labels, but " + imagesName
                    + " holds " + images.count() + " images");
        }
        return new ImageSet(images.pixels(), images.count(), images.channels(), images.height(),
                images.width(), images.levels(), labels);
    }

    private static void checkMagic(String name, byte[] data, int expected, String what) {
        if (data.length < 4) {
            throw new UserError(name + ": truncated: " + data.length
                    + " bytes, too short for an IDX header");
        }
        int magic = readInt(data, 0);
        if (magic == expected) {
            return;
        }
        String hint = "";
        if (magic == IMAGES_MAGIC) {
            hint = " (that is an IDX image file)";
        } else if (magic == LABELS_MAGIC) {
            hint = " (that is an IDX label file)";
        }
        throw new UserError(String.format("%s: wrong magic number 0x%08X%s, expected 0x%08X for IDX %s",
                name, magic, hint, expected, what));
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }
}
