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
        assertEquals("unknown dataset 'svhn'; known: mnist, fashion-mnist, cifar10, folder", e.getMessage());
    }

    @Test
    void cifarAndFolderNeedADirectory() {
        UserError e = assertThrows(UserError.class, () -> Datasets.load("cifar10", true, null));
        assertTrue(e.getMessage().startsWith("cifar10 needs a data directory"), e.getMessage());
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
}
