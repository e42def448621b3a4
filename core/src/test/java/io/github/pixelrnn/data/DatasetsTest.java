package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pixelrnn.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void unknownNameListsKnownOnes() {
        UserError e = assertThrows(UserError.class, () -> Datasets.load("svhn", true, null));
        assertEquals("unknown dataset 'svhn'; known: mnist, fashion-mnist, cifar10, folder, idx, binarized-mnist",
                e.getMessage());
    }

    @Test
    void folderNeedsADirectoryAndCifarAnExistingOne() {
        // cifar10 without a directory is fetched (Cifar10FetcherTest, on the loopback address)
        UserError e = assertThrows(UserError.class, () -> Datasets.load("cifar10", true, dir.resolve("none")));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
        e = assertThrows(UserError.class, () -> Datasets.load("folder", true, null));
        assertTrue(e.getMessage().startsWith("folder needs a data directory"), e.getMessage());
        e = assertThrows(UserError.class, () -> Datasets.load("folder", true, dir.resolve("x")));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
    }

    @Test
    void fashionMnistFromDataDirMissingFiles() {
        UserError e = assertThrows(UserError.class, () -> Datasets.load("fashion-mnist", true, dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte(.gz) not found"), e.getMessage());
    }

    @Test
    void fashionMnistInstalled() {
        Path d = Path.of(Datasets.FASHION_MNIST_DEFAULT);
        assumeTrue(Files.isDirectory(d), "dataset-fashion-mnist not installed");
        ImageSet test = Datasets.load("fashion-mnist", false, null);
        assertEquals(10000, test.count());
        assertEquals(28, test.height());
        assertEquals(28, test.width());
        assertEquals(10000, test.labels().length);
        ImageSet train = Datasets.load("fashion-mnist", true, null, 28, 28, 1);
        assertEquals(60000, train.count());
        UserError e = assertThrows(UserError.class,
                () -> Datasets.load("fashion-mnist", false, null, 32, 32, 3));
        assertTrue(e.getMessage().contains("1x28x28"), e.getMessage());
    }

    private void amat(String name, int images, long seed) throws java.io.IOException {
        java.util.Random r = new java.util.Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < images; i++) {
            for (int p = 0; p < 784; p++) {
                sb.append(p == 0 ? "" : " ").append(r.nextInt(2));
            }
            sb.append('\n');
        }
        Files.writeString(dir.resolve("binarized_mnist_" + name + ".amat"), sb);
    }

    /** Larochelle's static binarization, as generated files: train = train then valid; binary as it is. */
    @Test
    void binarizedMnistFromAmatFiles() throws Exception {
        amat("train", 5, 1);
        amat("valid", 3, 2);
        amat("test", 4, 3);
        ImageSet train = Datasets.load("binarized-mnist", true, dir);
        ImageSet test = Datasets.load("binarized-mnist", false, dir);
        assertEquals(8, train.count());
        assertEquals(4, test.count());
        assertEquals(2, train.levels());
        ImageSet valid = BinarizedMnist.read(dir.resolve("binarized_mnist_valid.amat"));
        assertEquals(valid.pixels()[0], train.pixels()[5 * 784], "valid follows train");
        Files.writeString(dir.resolve("binarized_mnist_test.amat"), "0 1 2\n");
        UserError e = assertThrows(UserError.class, () -> Datasets.load("binarized-mnist", false, dir));
        assertTrue(e.getMessage().contains("line 1 has 3 values"), e.getMessage());
        String[] ones = new String[784];
        java.util.Arrays.fill(ones, "1");
        ones[7] = "0.5";
        Files.writeString(dir.resolve("binarized_mnist_test.amat"), String.join(" ", ones) + "\n");
        e = assertThrows(UserError.class, () -> Datasets.load("binarized-mnist", false, dir));
        assertTrue(e.getMessage().contains("'0.5'"), e.getMessage());
        e = assertThrows(UserError.class, () -> Datasets.load("binarized-mnist", true, null));
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }

    /** A user's own IDX files: MNIST's names, no checksums, labels optional. */
    @Test
    void ownIdxFiles() throws Exception {
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4};
        byte[] file = java.util.Arrays.copyOf(header, header.length + 2 * 12);
        file[header.length + 5] = (byte) 200;
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), file);
        ImageSet test = Datasets.load("idx", false, dir);
        assertEquals(2, test.count());
        assertEquals(3, test.height());
        assertEquals(4, test.width());
        assertEquals((byte) 200, test.pixels()[5]);
        UserError e = assertThrows(UserError.class, () -> Datasets.load("idx", true, dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }
}
