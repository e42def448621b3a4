package io.github.pixelrnn.spark;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.codec.CompressedFile;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.data.ImageSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The decompression of one file row ({@link CompressPartitions}' output, or any rows with a
 * {@code pxrc} binary and a {@code keys} array): its images decoded with the model the file names
 * ({@link ImageCodec#decompress}, checksum-verified) and returned one row each, the key and the
 * image as a PNG file (binary images as 1-bit PNGs whose pixels read back as 0 and 255).
 */
final class DecompressRows implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ModelSource model;
    private final HadoopSettings hadoop;
    private final int keysColumn;
    private final int fileColumn;

    DecompressRows(ModelSource model, HadoopSettings hadoop, int keysColumn, int fileColumn) {
        this.model = model;
        this.hadoop = hadoop;
        this.keysColumn = keysColumn;
        this.fileColumn = fileColumn;
    }

    /** One row per image: key, image (PNG bytes). */
    static StructType schema(DataType keyType) {
        return new StructType().add("key", keyType, true).add("image", DataTypes.BinaryType, false);
    }

    @Override
    public Iterator<Row> call(Row row) {
        PixelRnn m = ExecutorModels.get(model, hadoop);
        TaskThreads.apply(1);
        List<Object> keys = row.getList(keysColumn);
        String name = "the file of keys " + (keys.isEmpty() ? "[]" : keys.get(0) + ".." + keys.get(keys.size() - 1));
        byte[] bytes = (byte[]) row.get(fileColumn);
        if (bytes == null) {
            throw new UserError(name + " is null");
        }
        CompressedFile file = CompressedFile.parse(bytes, name);
        if (file.count() != keys.size()) {
            throw new UserError(name + " holds " + file.count() + " images but " + keys.size() + " keys");
        }
        ImageSet images = ImageCodec.decompress(m.model(), file, name, null);
        List<Row> out = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            out.add(RowFactory.create(keys.get(i), ImageCells.png(images, i)));
        }
        return out.iterator();
    }
}
