package io.github.pixelrnn.spark;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.model.ModelConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The compression of one partition: its rows in chunks of {@code chunk}, each chunk one complete
 * {@code .pxrc} file ({@link ImageCodec}, the same bytes {@code pixelrnn compress} writes for those
 * images in that order with that batch), returned as one row with the chunk's keys. A binary model
 * codes black-and-white images (pixels 0 or 255), as {@code pixelrnn compress} does with files.
 */
final class CompressPartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ModelSource model;
    private final HadoopSettings hadoop;
    private final int imageColumn;
    private final int keyColumn;
    private final int chunk;
    private final int batch;

    /**
     * @param chunk rows per file
     * @param batch images coded together inside a file (the file records it; at most {@code chunk})
     */
    CompressPartitions(ModelSource model, HadoopSettings hadoop, int imageColumn, int keyColumn, int chunk, int batch) {
        this.model = model;
        this.hadoop = hadoop;
        this.imageColumn = imageColumn;
        this.keyColumn = keyColumn;
        this.chunk = chunk;
        this.batch = batch;
    }

    /** One row per file: partition, chunk (its index in the partition), keys, count, pxrc. */
    static StructType schema(DataType keyType) {
        return new StructType()
                .add("partition", DataTypes.IntegerType, false)
                .add("chunk", DataTypes.IntegerType, false)
                .add("keys", DataTypes.createArrayType(keyType, true), false)
                .add("count", DataTypes.IntegerType, false)
                .add("pxrc", DataTypes.BinaryType, false);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        PixelRnn m = ExecutorModels.get(model, hadoop);
        TaskThreads.apply(1); // the codec's floats are those of one intra-op thread
        int partition = TaskContext.getPartitionId();
        return new Batches<Row, Row>(rows, chunk, b -> List.of(file(b, m, partition)));
    }

    private Row file(Batches.Batch<Row> b, PixelRnn m, int partition) {
        ModelConfig c = m.config();
        String where = "partition " + partition;
        ImageSet eightBit = ImageCells.decode(b.rows(), imageColumn, c, where, b.first());
        ImageSet images = eightBit;
        if (c.levels() == 2) {
            try {
                images = Binarization.fromBlackAndWhite(eightBit);
            } catch (UserError e) {
                throw new UserError("rows " + b.first() + ".." + (b.first() + b.rows().size() - 1) + " of " + where
                        + ": " + e.getMessage());
            }
        }
        byte[] pxrc = ImageCodec.compress(m.model(), images, Math.min(batch, b.rows().size()), null).toBytes();
        List<Object> keys = new ArrayList<>(b.rows().size());
        for (Row r : b.rows()) {
            keys.add(r.get(keyColumn));
        }
        return RowFactory.create(partition, (int) (b.first() / chunk), CollectionConverters.asScala(keys).toSeq(),
                b.rows().size(), pxrc);
    }
}
