package io.github.pixelrnn.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.util.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lossless coding with a class-conditional model: the labels travel in the file (log K bits
 * each), the images are coded given them, and both come back; without labels it refuses.
 */
class ConditionalCodecTest {

    @Test
    void imagesAndLabelsComeBack() {
        ModelConfig c = ModelConfig.builder(Architecture.GATED_PIXELCNN, 1, 5, 5, 2).hidden(4).layers(2).outMaps(8)
                .firstKernel(3).classes(List.of("a", "b", "c")).build();
        Rng rng = new Rng(3);
        int n = 7;
        byte[] pixels = new byte[n * 25];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(2);
        }
        int[] labels = {0, 2, 1, 1, 0, 2, 2};
        ImageSet images = new ImageSet(pixels, n, 1, 5, 5, 2, labels);
        try (PixelModel m = PixelModel.create(c, 1)) {
            CompressedFile file = ImageCodec.compress(m, images, 3, null);
            ImageSet back = ImageCodec.decompress(m, CompressedFile.parse(file.toBytes(), "x"), "x", null);
            assertArrayEquals(pixels, back.pixels());
            assertArrayEquals(labels, back.labels());
            UserError e = assertThrows(UserError.class, () -> ImageCodec.compress(m, images.withLabels(null), 3, null));
            assertTrue(e.getMessage().contains("label"), e.getMessage());
        }
    }
}
