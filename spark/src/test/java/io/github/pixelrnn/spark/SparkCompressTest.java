package io.github.pixelrnn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.cli.Main;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compression on Spark: files the single-machine decompress reads, and the way back on Spark. */
class SparkCompressTest {
    private static final int N = 600;

    @TempDir
    Path tmp;

    /**
     * 600 binarized test digits in 2 partitions, chunks of 256: every file decodes with
     * {@link PixelRnn#decompress} to its rows' images; one file decodes with
     * {@code pixelrnn decompress} too and has the bytes single-machine compression writes for those
     * images; Spark's decompress gives every image back under its key.
     */
    @Test
    void filesDecodeOnASingleMachineAndOnSpark() throws Exception {
        ImageSet set = SparkFixture.evalSet();
        ModelSource model = ModelSource.of(SparkFixture.MODEL);
        String files = tmp.resolve("files").toString();
        PixelRnnSpark.compress(SparkFixture.pngRows(set, 0, N, 2), "image", "key", model, 256).write().parquet(files);
        List<Row> chunks = SparkFixture.spark().read().parquet(files).collectAsList();
        assertTrue(chunks.size() >= 3 && chunks.size() <= 4, chunks.size() + " files");
        int images = 0;
        long bytes = 0;
        try (PixelRnn m = PixelRnn.pretrained("pixelcnn-mnist")) {
            for (Row r : chunks) {
                List<Integer> keys = r.getList(r.fieldIndex("keys"));
                byte[] pxrc = (byte[]) r.get(r.fieldIndex("pxrc"));
                assertEquals(keys.size(), r.getInt(r.fieldIndex("count")));
                ImageSet expected = set.select(keys.stream().mapToInt(Integer::intValue).toArray());
                assertArrayEquals(expected.pixels(), m.decompress(pxrc).pixels(), "keys from " + keys.get(0));
                images += keys.size();
                bytes += pxrc.length;
            }
            Row first = chunks.get(0);
            List<Integer> keys = first.getList(first.fieldIndex("keys"));
            ImageSet expected = set.select(keys.stream().mapToInt(Integer::intValue).toArray());
            byte[] pxrc = (byte[]) first.get(first.fieldIndex("pxrc"));
            assertArrayEquals(ImageCodec.compress(m.model(), expected, Math.min(256, keys.size()), null).toBytes(), pxrc,
                    "the bytes of single-machine compression");

            Path file = tmp.resolve("chunk.pxrc");
            Files.write(file, pxrc);
            Path out = tmp.resolve("decoded");
            assertEquals(0, Main.run(new String[] {"decompress", file.toString(), "--checkpoint", SparkFixture.MODEL,
                "-o", out.toString(), "--format", "idx"}));
            byte[] idx = Files.readAllBytes(out.resolve("images.idx"));
            byte[] pixels = Arrays.copyOfRange(idx, 16, idx.length); // magic, count, height, width
            for (int i = 0; i < pixels.length; i++) {
                assertEquals(expected.pixels()[i] * 255, pixels[i] & 0xFF, "pixel " + i);
            }
        }
        assertEquals(N, images);
        // about 0.12-0.13 bits/dim for this model: far below a byte per image's pixel bits
        assertTrue(bytes * 8.0 / (N * 784) < 0.2, bytes + " bytes");
        assertTrue(bytes * 8.0 / (N * 784) > 0.05, bytes + " bytes");

        List<Row> back = PixelRnnSpark.decompress(SparkFixture.spark().read().parquet(files), model).collectAsList();
        assertEquals(N, back.size());
        for (Row r : back) {
            int k = r.getInt(0);
            ImageSet png = ImageFolderReader.decode((byte[]) r.get(1), "image " + k);
            for (int p = 0; p < 784; p++) {
                assertEquals(set.value(k, 0, p / 28, p % 28) * 255, png.pixels()[p] & 0xFF, "image " + k);
            }
        }
    }
}
