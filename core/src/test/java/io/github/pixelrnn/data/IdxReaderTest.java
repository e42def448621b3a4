package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] images(int n, int h, int w) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * h * w);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(h).putInt(w);
        for (int i = 0; i < n * h * w; i++) {
            b.put((byte) (i * 7));
        }
        return b.array();
    }

    static byte[] labels(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] data) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, data);
        return f;
    }

    @Test
    void readsPlainFiles() throws IOException {
        ImageSet set = IdxReader.readImages(write("img", images(5, 3, 4)), write("lab", labels(5)));
        assertEquals(5, set.count());
        assertEquals(1, set.channels());
        assertEquals(3, set.height());
        assertEquals(4, set.width());
        assertEquals(256, set.levels());
        assertEquals((2 * 12 + 1 * 4 + 3) * 7 & 0xFF, set.value(2, 0, 1, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, set.labels());
    }

    @Test
    void readsGzipDetectedByMagicNotName() throws IOException {
        // gzip content under a plain name, plain content under a .gz name
        ImageSet set = IdxReader.readImages(write("images-plain-name", gzip(images(3, 2, 2))),
                write("labels.gz", labels(3)));
        assertEquals(3, set.count());
        assertEquals(7, set.value(0, 0, 0, 1));
        assertArrayEquals(new int[] {0, 1, 2}, set.labels());
    }

    @Test
    void labelsAreOptional() throws IOException {
        assertNull(IdxReader.readImages(write("img", images(2, 2, 2)), null).labels());
    }

    @Test
    void truncatedImagesNameTheFileAndTheSizes() throws IOException {
        byte[] full = images(10, 28, 28);
        Path f = write("train-images-idx3-ubyte", Arrays.copyOf(full, full.length - 100));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("10 images of 28x28"), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        Path f = write("tiny", Arrays.copyOf(images(1, 2, 2), 10));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertTrue(e.getMessage().contains("tiny: truncated"), e.getMessage());
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        Path f = write("long", Arrays.copyOf(images(2, 2, 2), 16 + 8 + 3));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertTrue(e.getMessage().contains("long: 3 bytes after"), e.getMessage());
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] data = images(2, 2, 2);
        data[3] = 0x08;
        Path f = write("weird.idx", data);
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertTrue(e.getMessage().contains("weird.idx"), e.getMessage());
        assertTrue(e.getMessage().contains("wrong magic number 0x00000808"), e.getMessage());
    }

    @Test
    void labelFileGivenAsImages() throws IOException {
        Path f = write("t10k-labels-idx1-ubyte", labels(4));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertTrue(e.getMessage().contains("that is an IDX label file"), e.getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(images(50, 8, 8));
        for (int i = 20; i < 40; i++) {
            gz[i] ^= 0x5A;
        }
        Path f = write("images.gz", gz);
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertTrue(e.getMessage().startsWith(f + ": corrupt gzip data"), e.getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(images(50, 8, 8));
        Path f = write("images.gz", Arrays.copyOf(gz, gz.length / 2));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertTrue(e.getMessage().contains("images.gz: corrupt gzip data"), e.getMessage());
    }

    @Test
    void labelCountMismatch() throws IOException {
        Path img = write("imgs", images(5, 2, 2));
        Path lab = write("labs", labels(4));
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(img, lab));
        assertTrue(e.getMessage().contains("labs: 4 labels, but"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 5 images"), e.getMessage());
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope-idx3-ubyte");
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(f, null));
        assertEquals(f + ": no such file", e.getMessage());
    }

    @Test
    void directoryInsteadOfFile() {
        UserError e = assertThrows(UserError.class, () -> IdxReader.readImages(dir, null));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }
}
