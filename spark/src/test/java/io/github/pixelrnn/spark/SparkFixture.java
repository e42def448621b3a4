package io.github.pixelrnn.spark;

import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.store.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the Spark tests share: one local[2] session for all of them (starting Spark costs
 * seconds), the pretrained binary MNIST model, and MNIST test digits as {@code eval} sees them.
 */
final class SparkFixture {
    static final String MODEL = "pretrained:pixelcnn-mnist";
    private static SparkSession spark;
    private static ImageSet evalSet;
    private static ImageSet raw;

    private SparkFixture() {
    }

    /** The shared session: local[2], as on a 2-core machine, with small shuffles. */
    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("pixelrnn-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.hadoop.fs.pxtest.impl", TestFileSystem.class.getName())
                    .config("spark.hadoop.fs.pxtest.impl.disable.cache", "true")
                    .getOrCreate();
        }
        return spark;
    }

    /** The MNIST test set, 8-bit. */
    static synchronized ImageSet raw() {
        if (raw == null) {
            raw = Datasets.load("mnist", false, null);
        }
        return raw;
    }

    /** The MNIST test set binarized as {@code pixelrnn eval} binarizes it for a binary model (fixed seed). */
    static synchronized ImageSet evalSet() {
        if (evalSet == null) {
            evalSet = EvalData.prepare(raw(), Checkpoint.readConfig(Checkpoint.resolve(MODEL)).model(),
                    Binarization.Mode.STOCHASTIC, Binarization.DEFAULT_THRESHOLD);
        }
        return evalSet;
    }

    /** Rows (key int, image PNG bytes) of images {@code from..to-1} of {@code set}, in {@code partitions}. */
    static Dataset<Row> pngRows(ImageSet set, int from, int to, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(RowFactory.create(i, ImageCells.png(set, i)));
        }
        StructType schema = new StructType().add("key", DataTypes.IntegerType, false)
                .add("image", DataTypes.BinaryType, false);
        return spark().createDataFrame(rows, schema).repartition(partitions);
    }
}
