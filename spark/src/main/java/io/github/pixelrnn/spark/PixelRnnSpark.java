package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.codec.CompressedFile;
import io.github.pixelrnn.codec.ImageCodec;
import io.github.pixelrnn.eval.OodScores;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The Java API on Spark Datasets: score, screen and compress a column of images with a model,
 * and decompress the result.
 *
 * <pre>{@code
 * Dataset<Row> digits = spark.read().parquet("hdfs:///data/digits");    // columns: id, png
 * Dataset<Row> scored = PixelRnnSpark.score(digits, "png", "hdfs:///models/pixelcnn-mnist");
 * scored.select("id", "nll_nats", "bits_per_dim").show();
 *
 * Dataset<Row> files = PixelRnnSpark.compress(digits, "png", "id", ModelSource.of(ckpt), 512);
 * Dataset<Row> back = PixelRnnSpark.decompress(files, ModelSource.of(ckpt)); // key, image
 * }</pre>
 *
 * Every method checks the checkpoint on the driver first, so a missing or broken one fails at
 * once with a one-line {@link UserError}; the rest is lazy, as Spark transformations are. An
 * error in a task (an image of the wrong size, say) reaches the action's caller as a
 * {@code SparkException} whose causes hold the {@link UserError}: {@link Errors#message} gives
 * its one line. The images of a column are PNG or JPEG bytes, or arrays of 8-bit values in C×H×W
 * order ({@link ImageCells}).
 */
public final class PixelRnnSpark {
    private PixelRnnSpark() {
    }

    /** {@link #score(Dataset, String, ScoreOptions)} with the NLL columns only. */
    public static Dataset<Row> score(Dataset<Row> images, String imageColumn, String checkpoint) {
        return score(images, imageColumn, ScoreOptions.of(ModelSource.of(checkpoint)));
    }

    /**
     * The rows of {@code images} with {@code nll_nats} (−log p(x), nats per image) and
     * {@code bits_per_dim} appended, and the scores {@code options} asks for: with complexity
     * codecs {@code complexity_bits_L} (L(x), bits) and {@code s_L} (NLL in bits − L(x)); with a
     * background model {@code background_nll_nats} and {@code minus_llr_nats} (NLL − background
     * NLL, nats). Every score is higher for images less like the training data. Rows keep their
     * partitions and their order within them.
     */
    public static Dataset<Row> score(Dataset<Row> images, String imageColumn, ScoreOptions options) {
        SparkSession spark = images.sparkSession();
        int column = ImageCells.column(images.schema(), imageColumn);
        ModelConfig c = check(spark, options.model());
        if (options.background() != null) {
            OodScores.checkSameSpace(c, check(spark, options.background()));
        }
        StructType schema = ScorePartitions.schema(images.schema(), options);
        boolean hadoop = options.model().onHadoop() || options.background() != null && options.background().onHadoop();
        return images.mapPartitions(new ScorePartitions(options, settings(spark, hadoop), column),
                Encoders.row(schema));
    }

    /**
     * The images compressed losslessly: one row per file of up to {@code chunk} consecutive rows
     * of a partition, with columns {@code partition}, {@code chunk}, {@code keys} (the
     * {@code keyColumn} values of its rows, in order), {@code count} and {@code pxrc}: a complete
     * file that {@code pixelrnn decompress} and {@link io.github.pixelrnn.PixelRnn#decompress}
     * read. A file's header costs {@value CompressedFile#OVERHEAD_BYTES} bytes, so chunks of
     * hundreds of images (default 512) keep it negligible; the file's coding batch is
     * {@code min(chunk, 512)}.
     */
    public static Dataset<Row> compress(Dataset<Row> images, String imageColumn, String keyColumn, ModelSource model,
            int chunk) {
        if (chunk <= 0) {
            throw new UserError("the chunk must be positive, got " + chunk);
        }
        SparkSession spark = images.sparkSession();
        int column = ImageCells.column(images.schema(), imageColumn);
        int key = fieldIndex(images.schema(), keyColumn, "key");
        check(spark, model);
        DataType keyType = images.schema().fields()[key].dataType();
        int batch = Math.min(chunk, Math.min(ImageCodec.DEFAULT_BATCH, CompressedFile.MAX_BATCH));
        return images.mapPartitions(new CompressPartitions(model, settings(spark, model.onHadoop()), column, key, chunk,
                batch), Encoders.row(CompressPartitions.schema(keyType)));
    }

    /**
     * The images of files from {@link #compress} (any rows with a {@code keys} array and a
     * {@code pxrc} binary column): one row per image, {@code key} and {@code image} (PNG bytes),
     * in the files' order. A file not made with {@code model}, or damaged, fails with a one-line
     * error.
     */
    public static Dataset<Row> decompress(Dataset<Row> files, ModelSource model) {
        SparkSession spark = files.sparkSession();
        int keys = fieldIndex(files.schema(), "keys", "keys");
        int pxrc = fieldIndex(files.schema(), "pxrc", "file");
        if (!(files.schema().fields()[keys].dataType() instanceof ArrayType keyArray)) {
            throw new UserError("column 'keys' must be an array of the images' keys");
        }
        check(spark, model);
        return files.flatMap(new DecompressRows(model, settings(spark, model.onHadoop()), keys, pxrc),
                Encoders.row(DecompressRows.schema(keyArray.elementType())));
    }

    /**
     * The model configuration of {@code source}, read on the driver: a one-line
     * {@link UserError} when there is no checkpoint there (the driver's copy of a Hadoop
     * checkpoint is the one its tasks use in local mode).
     */
    public static ModelConfig check(SparkSession spark, ModelSource source) {
        return Checkpoint.readConfig(LocalCheckpoints.of(source, spark.sparkContext().hadoopConfiguration())).model();
    }

    private static HadoopSettings settings(SparkSession spark, boolean needed) {
        return needed ? new HadoopSettings(spark.sparkContext().hadoopConfiguration()) : null;
    }

    private static int fieldIndex(StructType schema, String name, String what) {
        if (name == null || !Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new UserError("no " + what + " column '" + name + "'; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        return schema.fieldIndex(name);
    }
}
