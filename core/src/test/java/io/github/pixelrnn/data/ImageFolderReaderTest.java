package io.github.pixelrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path dir;
    Path greyPng;
    Path rgbPng;

    /** Grey 4x4, value 16 * (y * 4 + x); RGB 4x4, R = 10 x, G = 20 y, B = 200. */
    @BeforeEach
    void writeImages() throws IOException {
        BufferedImage g = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage c = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                g.getRaster().setSample(x, y, 0, 16 * (y * 4 + x));
                c.setRGB(x, y, (10 * x << 16) | (20 * y << 8) | 200);
            }
        }
        greyPng = dir.resolve("a-grey.png");
        rgbPng = dir.resolve("b-rgb.PNG");
        ImageIO.write(g, "png", greyPng.toFile());
        ImageIO.write(c, "png", rgbPng.toFile());
        Files.writeString(dir.resolve("notes.txt"), "not an image");
    }

    @Test
    void readsDirectorySortedGreyExactValues() {
        ImageSet set = ImageFolderReader.read(dir, 4, 4, 1);
        assertEquals(2, set.count());
        assertEquals(1, set.channels());
        assertEquals(256, set.levels());
        assertNull(set.labels());
        // grey PNG values survive unchanged (no gamma conversion)
        assertEquals(16 * 6, set.value(0, 0, 1, 2));
        assertEquals(240, set.value(0, 0, 3, 3));
        // RGB to grey: round(0.299 R + 0.587 G + 0.114 B)
        int r = 30;
        int gr = 40;
        assertEquals(Math.round(0.299 * r + 0.587 * gr + 0.114 * 200), set.value(1, 0, 2, 3));
    }

    @Test
    void readsRgb() {
        ImageSet set = ImageFolderReader.readExact(List.of(rgbPng, greyPng), 4, 4, 3);
        assertEquals(3, set.channels());
        assertEquals(30, set.value(0, 0, 2, 3));
        assertEquals(40, set.value(0, 1, 2, 3));
        assertEquals(200, set.value(0, 2, 2, 3));
        // a grey image read as RGB has three equal planes
        assertEquals(16 * 9, set.value(1, 0, 2, 1));
        assertEquals(16 * 9, set.value(1, 2, 2, 1));
    }

    @Test
    void autoChannels() {
        assertEquals(1, ImageFolderReader.readExact(List.of(greyPng), 0).channels());
        assertEquals(3, ImageFolderReader.readExact(List.of(dir), 0).channels());
    }

    @Test
    void shrinksByAreaAveraging() {
        ImageSet set = ImageFolderReader.read(List.of(greyPng), 2, 2, 1);
        // top-left 2x2 block: 0, 16, 64, 80 -> 40
        assertEquals(40, set.value(0, 0, 0, 0));
        // bottom-right: 160, 176, 224, 240 -> 200
        assertEquals(200, set.value(0, 0, 1, 1));
    }

    @Test
    void growsBilinearly() {
        ImageSet set = ImageFolderReader.read(List.of(greyPng), 8, 8, 1);
        assertEquals(8, set.height());
        assertEquals(0, set.value(0, 0, 0, 0));
        assertEquals(240, set.value(0, 0, 7, 7));
        // monotone along a row, like the source
        for (int x = 1; x < 8; x++) {
            assertTrue(set.value(0, 0, 3, x) >= set.value(0, 0, 3, x - 1));
        }
    }

    @Test
    void exactRefusesOtherSizes() {
        UserError e = assertThrows(UserError.class,
                () -> ImageFolderReader.readExact(List.of(greyPng), 28, 28, 1));
        assertEquals(greyPng + " is 4x4, the model needs 28x28", e.getMessage());
    }

    @Test
    void exactWithoutSizeNeedsEqualSizes() throws IOException {
        Path big = dir.resolve("c-big.png");
        ImageIO.write(new BufferedImage(5, 6, BufferedImage.TYPE_INT_RGB), "png", big.toFile());
        UserError e = assertThrows(UserError.class, () -> ImageFolderReader.readExact(List.of(dir), 1));
        assertTrue(e.getMessage().contains("c-big.png is 6x5, a-grey.png is 4x4"), e.getMessage());
    }

    @Test
    void jpegIsRead() throws IOException {
        BufferedImage c = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Path jpg = dir.resolve("x.jpeg");
        ImageIO.write(c, "jpeg", jpg.toFile());
        assertEquals(1, ImageFolderReader.read(List.of(jpg), 4, 4, 3).count());
    }

    @Test
    void nonImageFile() {
        Path txt = dir.resolve("notes.txt");
        UserError e = assertThrows(UserError.class, () -> ImageFolderReader.read(List.of(txt), 4, 4, 1));
        assertTrue(e.getMessage().contains("notes.txt: not a PNG or JPEG image"), e.getMessage());
    }

    @Test
    void missingPathAndEmptyDirectory() throws IOException {
        UserError e = assertThrows(UserError.class,
                () -> ImageFolderReader.read(dir.resolve("gone.png"), 4, 4, 1));
        assertTrue(e.getMessage().contains("gone.png: no such file"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        e = assertThrows(UserError.class, () -> ImageFolderReader.read(empty, 4, 4, 1));
        assertTrue(e.getMessage().contains("no .png, .jpg or .jpeg files"), e.getMessage());
    }

    @Test
    void folderDatasetIsTheSameForTrainAndTest() {
        ImageSet train = Datasets.load("folder", true, dir, 4, 4, 1);
        ImageSet test = Datasets.load("folder", false, dir, 4, 4, 1);
        assertEquals(2, train.count());
        assertEquals(java.util.Arrays.toString(train.pixels()), java.util.Arrays.toString(test.pixels()));
    }

    /** Bytes of a file decode as the file reads: grey stays one channel, colour gets three; junk is a one-line error. */
    @Test
    void decodesFileBytesAsTheFileReads() throws IOException {
        ImageSet grey = ImageFolderReader.decode(Files.readAllBytes(greyPng), "g");
        ImageSet fromFile = ImageFolderReader.readExact(List.of(greyPng), ImageFolderReader.AUTO_CHANNELS);
        assertEquals(1, grey.channels());
        assertTrue(java.util.Arrays.equals(fromFile.pixels(), grey.pixels()));
        ImageSet rgb = ImageFolderReader.decode(Files.readAllBytes(rgbPng), "c");
        assertEquals(3, rgb.channels());
        assertTrue(java.util.Arrays.equals(ImageFolderReader.readExact(List.of(rgbPng), ImageFolderReader.AUTO_CHANNELS)
                .pixels(), rgb.pixels()));
        assertEquals("row 7: not a PNG or JPEG image (cannot decode it)", assertThrows(UserError.class,
                () -> ImageFolderReader.decode("not an image".getBytes(), "row 7")).getMessage());
    }
}
