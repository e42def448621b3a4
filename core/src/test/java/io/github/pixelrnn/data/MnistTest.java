package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the real fetcher and cache (slow the first time: it fetches MNIST). */
class MnistTest {
    @TempDir
    Path dir;

    @Test
    void fetchesAndLoadsBothSplits() {
        ImageSet test = Datasets.load("mnist", false, null);
        assertEquals(10000, test.count());
        assertEquals(1, test.channels());
        assertEquals(28, test.height());
        assertEquals(28, test.width());
        assertEquals(256, test.levels());
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++; // throws if a label is outside 0..9
        }
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, perClass);
        double sum = 0;
        for (byte p : test.pixels()) {
            sum += p & 0xFF;
        }
        double mean = sum / test.pixels().length / 255;
        assertTrue(mean > 0.13251 && mean < 0.13252, "mean " + mean);

        ImageSet train = Datasets.load("mnist", true, null);
        assertEquals(60000, train.count());
        assertEquals(28, train.height());
        for (int label : train.labels()) {
            assertTrue(label >= 0 && label <= 9);
        }
        for (String name : Mnist.SHA256.keySet()) {
            assertTrue(Files.isRegularFile(Mnist.cacheDir().resolve(name)), name);
        }
    }

    @Test
    void dataDirAcceptsPlainAndGzippedFiles() throws IOException {
        Path cache = Mnist.ensureCached();
        Files.copy(cache.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-images-idx3-ubyte"));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"),
                IdxReaderTest.gzip(Files.readAllBytes(cache.resolve("t10k-labels-idx1-ubyte"))));
        ImageSet test = Datasets.load("mnist", false, dir);
        assertEquals(10000, test.count());
        assertEquals(7, test.labels()[0]);
    }

    @Test
    void dataDirChecksumMismatchIsReported() throws IOException {
        Path cache = Mnist.ensureCached();
        Files.copy(cache.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-images-idx3-ubyte"));
        byte[] labels = Files.readAllBytes(cache.resolve("t10k-labels-idx1-ubyte"));
        labels[100] ^= 1;
        Path tampered = Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        UserError e = assertThrows(UserError.class, () -> Datasets.load("mnist", false, dir));
        assertTrue(e.getMessage().startsWith("checksum mismatch for " + tampered + ": expected "
                + Mnist.SHA256.get("t10k-labels-idx1-ubyte") + ", got "), e.getMessage());
    }

    @Test
    void dataDirMissingFile() {
        UserError e = assertThrows(UserError.class, () -> Datasets.load("mnist", true, dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte(.gz) not found in " + dir),
                e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }
}
