package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
    @TempDir
    Path dir;

    /** A batch of n records: label (first + i) % 10, pixel (c, y, x) = (i + c * 50 + y + x). */
    static byte[] batch(int n, int first) {
        byte[] b = new byte[n * Cifar10Reader.RECORD];
        for (int i = 0; i < n; i++) {
            int r = i * Cifar10Reader.RECORD;
            b[r] = (byte) ((first + i) % 10);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        b[r + 1 + c * 1024 + y * 32 + x] = (byte) (i + c * 50 + y + x);
                    }
                }
            }
        }
        return b;
    }

    @Test
    void readsAndConcatenatesBatches() throws IOException {
        Path a = Files.write(dir.resolve("a.bin"), batch(3, 0));
        Path b = Files.write(dir.resolve("b.bin"), batch(2, 3));
        ImageSet set = Cifar10Reader.read(List.of(a, b));
        assertEquals(5, set.count());
        assertEquals(3, set.channels());
        assertEquals(32, set.height());
        assertEquals(32, set.width());
        assertEquals(256, set.levels());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, set.labels());
        assertEquals(2 + 2 * 50 + 5 + 7, set.value(2, 2, 5, 7));
        assertEquals(1 + 50 + 31 + 0, set.value(4, 1, 31, 0));
    }

    @Test
    void readDirFindsTestBatchAndArchiveSubdirectory() throws IOException {
        Path sub = Files.createDirectories(dir.resolve(Cifar10Reader.ARCHIVE_DIR));
        Files.write(sub.resolve("test_batch.bin"), batch(4, 0));
        for (int k = 1; k <= 5; k++) {
            Files.write(sub.resolve("data_batch_" + k + ".bin"), batch(2, k));
        }
        assertEquals(4, Cifar10Reader.readDir(dir, false).count());
        assertEquals(10, Cifar10Reader.readDir(dir, true).count());
        assertEquals(10, Datasets.load("cifar10", true, dir).count());
    }

    @Test
    void sizeNotAMultipleOfTheRecord() throws IOException {
        byte[] b = batch(2, 0);
        Path f = Files.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(b, b.length - 1));
        UserError e = assertThrows(UserError.class, () -> Cifar10Reader.read(List.of(f)));
        assertTrue(e.getMessage().contains("data_batch_1.bin: 6145 bytes is not a multiple of 3073"),
                e.getMessage());
    }

    @Test
    void badLabel() throws IOException {
        byte[] b = batch(2, 0);
        b[Cifar10Reader.RECORD] = 42;
        Path f = Files.write(dir.resolve("x.bin"), b);
        UserError e = assertThrows(UserError.class, () -> Cifar10Reader.read(List.of(f)));
        assertTrue(e.getMessage().contains("record 1 has label 42"), e.getMessage());
    }

    @Test
    void missingBatchFile() throws IOException {
        Files.write(dir.resolve("data_batch_1.bin"), batch(1, 0));
        UserError e = assertThrows(UserError.class, () -> Cifar10Reader.readDir(dir, true));
        assertTrue(e.getMessage().contains("data_batch_2.bin not found"), e.getMessage());
    }
}
