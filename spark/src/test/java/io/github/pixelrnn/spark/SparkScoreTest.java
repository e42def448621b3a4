package io.github.pixelrnn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Complexity;
import io.github.pixelrnn.eval.Evaluator;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.eval.OodScores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-image scores on Spark (local[2]) against the single-machine tool's, bit for bit. */
class SparkScoreTest {
    private static final int N = 1000;

    @TempDir
    Path tmp;

    /** Scores of 1000 MNIST test digits in 4 partitions equal {@code eval}'s per-image NLLs exactly. */
    @Test
    void nllsAreThoseOfTheSingleMachineEval() {
        int loadsBefore = ExecutorModels.loads();
        List<Row> rows = PixelRnnSpark.score(SparkFixture.pngRows(SparkFixture.evalSet(), 0, N, 4), "image",
                SparkFixture.MODEL).select("key", "nll_nats", "bits_per_dim").collectAsList();
        double[] expected;
        try (PixelRnn m = PixelRnn.pretrained("pixelcnn-mnist")) {
            // what `pixelrnn eval --limit 1000` computes: batches of 256 over the binarized set
            expected = Evaluator.evaluate(m.model(), SparkFixture.evalSet().slice(0, N), 256, null).perImage();
        }
        assertEquals(N, rows.size());
        boolean[] seen = new boolean[N];
        for (Row r : rows) {
            int k = r.getInt(0);
            seen[k] = true;
            assertEquals(expected[k], r.getDouble(1), 0.0, "image " + k);
            assertEquals(Nll.bitsPerDim(expected[k], 784), r.getDouble(2), 0.0, "image " + k);
        }
        for (int k = 0; k < N; k++) {
            assertTrue(seen[k], "image " + k + " missing");
        }
        // one load for this JVM at most, however many partitions and tasks (0 if a test before loaded it)
        assertTrue(ExecutorModels.loads() - loadsBefore <= 1, "models loaded: " + (ExecutorModels.loads() - loadsBefore));
    }

    /**
     * 8-bit images given as arrays of ints are binarized at 0.5 as {@code pixelrnn score} does; the
     * OOD columns are those of {@code pixelrnn ood} ({@link OodScores}); a checkpoint read through a
     * Hadoop file system gives the same numbers.
     */
    @Test
    void arraysAndOodScoresMatchTheSingleMachine() throws Exception {
        ImageSet raw = SparkFixture.raw().slice(0, 120);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.count(); i++) {
            List<Integer> values = new ArrayList<>();
            for (int k = 0; k < raw.imageSize(); k++) {
                values.add(raw.pixels()[i * raw.imageSize() + k] & 0xFF);
            }
            rows.add(RowFactory.create(i, values));
        }
        StructType schema = new StructType().add("key", DataTypes.IntegerType, false)
                .add("pixels", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
        Dataset<Row> df = SparkFixture.spark().createDataFrame(rows, schema).repartition(3);
        Path copy = Files.createDirectories(tmp.resolve("background"));
        // another model than the foreground as the background, so that swapped roles would show
        String backgroundModel = "pretrained:rowlstm-mnist";
        try (var files = Files.list(io.github.pixelrnn.store.Checkpoint.resolve(backgroundModel))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        ModelSource background = ModelSource.of("pxtest://" + copy.toAbsolutePath());
        assertTrue(background.onHadoop());
        ScoreOptions options = ScoreOptions.of(ModelSource.of(SparkFixture.MODEL)).withBackground(background)
                .withComplexity(List.of("png")).withBatch(50);
        List<Row> out = PixelRnnSpark.score(df, "pixels", options)
                .select("key", "nll_nats", "complexity_bits_png", "s_png", "background_nll_nats", "minus_llr_nats")
                .collectAsList();
        OodScores.Scores expected;
        try (PixelRnn m = PixelRnn.pretrained("pixelcnn-mnist");
                PixelRnn bg = PixelRnn.pretrained("rowlstm-mnist")) {
            expected = OodScores.of(m.model(), bg.model(), List.of(Complexity.Codec.PNG), m.toModelLevels(raw), 1, null);
        }
        assertEquals(raw.count(), out.size());
        for (Row r : out) {
            int k = r.getInt(0);
            assertEquals(expected.nllNats()[k], r.getDouble(1), 0.0);
            assertEquals(expected.complexityBits().get("png")[k], r.getDouble(2), 0.0);
            assertEquals(expected.byName().get("S(png)")[k], r.getDouble(3), 0.0);
            assertEquals(expected.backgroundNllNats()[k], r.getDouble(4), 0.0, "the background's NLL");
            assertEquals(expected.byName().get("-LLR")[k], r.getDouble(5), 0.0);
            assertTrue(Math.abs(r.getDouble(1) - r.getDouble(4)) > 1e-3, "two models, two NLLs");
            assertTrue(r.getDouble(1) > 20 && r.getDouble(1) < 400, "NLL " + r.getDouble(1));
        }
    }

    /**
     * The job: {@code eval-set} writes the binarized test digits, {@code score} reads them back
     * and writes eval's NLLs; a folder of PNG files is read too (columns path, content).
     */
    @Test
    void theJobScoresParquetAndImageFolders() throws Exception {
        String set = tmp.resolve("set").toString();
        String scored = tmp.resolve("scored").toString();
        assertEquals(0, job("eval-set", "--checkpoint", SparkFixture.MODEL, "--dataset", "mnist", "--limit", "300",
                "--partitions", "2", "--output", set));
        assertEquals(0, job("score", "--checkpoint", SparkFixture.MODEL, "--input", set, "--output", scored));
        double[] expected;
        try (PixelRnn m = PixelRnn.pretrained("pixelcnn-mnist")) {
            expected = Evaluator.evaluate(m.model(), SparkFixture.evalSet().slice(0, 300), 256, null).perImage();
        }
        List<Row> rows = SparkFixture.spark().read().parquet(scored).select("key", "label", "nll_nats").collectAsList();
        assertEquals(300, rows.size());
        for (Row r : rows) {
            assertEquals(expected[r.getInt(0)], r.getDouble(2), 0.0);
            assertEquals(SparkFixture.raw().labels()[r.getInt(0)], r.getInt(1));
        }

        Path folder = Files.createDirectories(tmp.resolve("pngs/sub"));
        for (int i = 0; i < 5; i++) {
            Files.write(folder.resolve("digit-" + i + ".png"), ImageCells.png(SparkFixture.evalSet(), i));
        }
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        String fromFolder = tmp.resolve("from-folder").toString();
        assertEquals(0, job("score", "--checkpoint", SparkFixture.MODEL, "--input", tmp.resolve("pngs").toString(),
                "--output", fromFolder));
        List<Row> files = SparkFixture.spark().read().parquet(fromFolder).select("path", "nll_nats").collectAsList();
        assertEquals(5, files.size());
        for (Row r : files) {
            int i = Integer.parseInt(r.getString(0).replaceAll(".*digit-(\\d+)\\.png$", "$1"));
            assertEquals(expected[i], r.getDouble(1), 0.0, r.getString(0));
        }
    }

    /** Runs the job's command in the shared session and returns its exit code. */
    static int job(String... args) {
        return Job.run(SparkFixture.spark(), System.err, args);
    }

    /** Runs the job's command and returns its exit code and what it wrote to standard error. */
    static JobRun jobOutput(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = Job.run(SparkFixture.spark(), err, args);
        }
        return new JobRun(code, bytes.toString(StandardCharsets.UTF_8));
    }

    record JobRun(int code, String err) {
    }
}
