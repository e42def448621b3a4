package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.model.ModelConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code spark-submit} entry point of the job jar:
 *
 * <pre>
 * spark-submit --class io.github.pixelrnn.spark.Job pixelrnn-spark-VERSION-job.jar COMMAND [flags]
 *   score      --checkpoint URI --input PATH --output PATH   nll_nats, bits_per_dim (+ OOD scores)
 *   compress   --checkpoint URI --input PATH --output PATH   .pxrc files of up to --chunk rows
 *   decompress --checkpoint URI --input PATH --output PATH   key, image (PNG) per image
 *   eval-set   --checkpoint URI --dataset NAME --output PATH the set `pixelrnn eval` measures
 * </pre>
 *
 * Inputs are parquet or folders of PNG/JPEG files; outputs parquet. A user's mistake anywhere,
 * on the driver or in a task, ends the job with one line on standard error and exit code 2.
 */
public final class Job {
    private static final String USAGE = """
            usage: spark-submit --class io.github.pixelrnn.spark.Job JOB.jar COMMAND [flags]
              score      --checkpoint URI --input PATH --output PATH [--image-column C] [--batch N]
                         [--threads N] [--background URI] [--complexity png[,webp,jxl]]
              compress   --checkpoint URI --input PATH --output PATH [--image-column C] [--key C] [--chunk N]
              decompress --checkpoint URI --input PATH --output PATH
              eval-set   --checkpoint URI --dataset NAME --output PATH [--split test|train] [--limit N]
            --checkpoint: a checkpoint or run directory, local or on a Hadoop file system, or pretrained:NAME.
            --input: parquet, or a folder of PNG/JPEG files (columns path, content). Output: parquet.
            Every command also takes --raw-weights, --partitions N (repartition the input) and --overwrite.
            """;

    private Job() {
    }

    /** Runs a command in the session spark-submit configured, then exits with its code. */
    public static void main(String[] args) {
        int code;
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.err.print(USAGE);
            code = args.length == 0 ? 2 : 0;
        } else {
            SparkSession spark = SparkSession.builder().appName("pixelrnn " + args[0]).getOrCreate();
            try {
                code = run(spark, System.err, args);
            } finally {
                spark.stop();
            }
        }
        System.exit(code);
    }

    /**
     * Runs one command in {@code spark} and returns its exit code: 0 done, 2 a user's mistake
     * (one line on {@code err}), 1 anything else (one line too; the stack trace is in Spark's log).
     */
    public static int run(SparkSession spark, PrintStream err, String... args) {
        try {
            if (args.length == 0) {
                throw new UserError("give a command: score, compress, decompress or eval-set");
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            String done = switch (args[0]) {
                case "score" -> score(spark, rest);
                case "compress" -> compress(spark, rest);
                case "decompress" -> decompress(spark, rest);
                case "eval-set" -> evalSet(spark, rest);
                default -> throw new UserError("unknown command '" + args[0]
                        + "'; known: score, compress, decompress, eval-set");
            };
            err.println(done);
            return 0;
        } catch (Exception e) { // SparkException is checked, though Java cannot see it thrown
            UserError u = Errors.userError(e);
            err.println("error: " + (u != null ? u.getMessage() : "the job failed: " + Errors.message(e)));
            return u != null ? 2 : 1;
        }
    }

    private static final Set<String> COMMON = Set.of("checkpoint", "input", "output", "partitions");
    private static final Set<String> SWITCHES = Set.of("raw-weights", "overwrite");

    private static String score(SparkSession spark, List<String> rest) {
        JobArgs a = new JobArgs(rest, union(COMMON, "image-column", "batch", "threads", "background", "complexity"),
                SWITCHES);
        ModelSource model = model(a, a.require("checkpoint"));
        ScoreOptions options = ScoreOptions.of(model).withBatch(a.positive("batch", ScoreOptions.DEFAULT_BATCH))
                .withThreads(a.has("threads") ? a.positive("threads", 1) : 0);
        if (a.has("background")) {
            options = options.withBackground(model(a, a.get("background", null)));
        }
        if (a.has("complexity")) {
            options = options.withComplexity(Arrays.asList(a.get("complexity", "").split(",")));
        }
        PixelRnnSpark.check(spark, model);
        Dataset<Row> in = input(spark, a);
        String column = a.get("image-column", in.columns().length > 0 && Arrays.asList(in.columns())
                .contains(JobData.FILE_CONTENT) ? JobData.FILE_CONTENT : "image");
        long t = System.nanoTime();
        JobData.write(PixelRnnSpark.score(in, column, options), a.require("output"), a.has("overwrite"));
        long n = spark.read().parquet(a.require("output")).count();
        return summary("scored", n, "images", a.require("output"), t);
    }

    private static String compress(SparkSession spark, List<String> rest) {
        JobArgs a = new JobArgs(rest, union(COMMON, "image-column", "key", "chunk"), SWITCHES);
        ModelSource model = model(a, a.require("checkpoint"));
        PixelRnnSpark.check(spark, model);
        Dataset<Row> in = input(spark, a);
        boolean files = Arrays.asList(in.columns()).contains(JobData.FILE_CONTENT);
        String column = a.get("image-column", files ? JobData.FILE_CONTENT : "image");
        String key = a.get("key", files ? JobData.FILE_PATH : "key");
        long t = System.nanoTime();
        JobData.write(PixelRnnSpark.compress(in, column, key, model, a.positive("chunk", 512)), a.require("output"),
                a.has("overwrite"));
        Row r = spark.read().parquet(a.require("output"))
                .selectExpr("count(*)", "coalesce(sum(count), 0)", "coalesce(sum(length(pxrc)), 0)").first();
        return summary("compressed", r.getLong(1), "images into " + r.getLong(0) + " files, " + r.getLong(2)
                + " bytes,", a.require("output"), t);
    }

    private static String decompress(SparkSession spark, List<String> rest) {
        JobArgs a = new JobArgs(rest, COMMON, SWITCHES);
        ModelSource model = model(a, a.require("checkpoint"));
        PixelRnnSpark.check(spark, model);
        long t = System.nanoTime();
        JobData.write(PixelRnnSpark.decompress(input(spark, a), model), a.require("output"), a.has("overwrite"));
        return summary("decompressed", spark.read().parquet(a.require("output")).count(), "images",
                a.require("output"), t);
    }

    /**
     * The set {@code pixelrnn eval} measures (binarized once with the fixed seed for a binary
     * model) as parquet: {@code key} (the image's index), {@code label}, {@code image} (PNG).
     * Scored on Spark, it gives {@code eval}'s per-image NLLs. Built on the driver.
     */
    private static String evalSet(SparkSession spark, List<String> rest) {
        JobArgs a = new JobArgs(rest, Set.of("checkpoint", "dataset", "split", "limit", "output", "partitions"),
                SWITCHES);
        ModelSource model = model(a, a.require("checkpoint"));
        ModelConfig c = PixelRnnSpark.check(spark, model);
        String split = a.get("split", "test");
        if (!split.equals("test") && !split.equals("train")) {
            throw new UserError("--split must be test or train, got '" + split + "'");
        }
        ImageSet set = EvalData.prepare(Datasets.load(a.require("dataset"), split.equals("train"), null), c,
                Binarization.Mode.STOCHASTIC, Binarization.DEFAULT_THRESHOLD);
        int n = Math.min(set.count(), a.positive("limit", set.count()));
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(i, set.labels() == null ? null : set.labels()[i], ImageCells.png(set, i)));
        }
        StructType schema = new StructType().add("key", DataTypes.IntegerType, false)
                .add("label", DataTypes.IntegerType, true).add("image", DataTypes.BinaryType, false);
        long t = System.nanoTime();
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(a.positive("partitions", 1));
        JobData.write(df, a.require("output"), a.has("overwrite"));
        return summary("wrote", n, "images of " + a.require("dataset") + " " + split
                + (c.levels() == 2 ? " (binarized with the evaluation seed)" : ""), a.require("output"), t);
    }

    private static ModelSource model(JobArgs a, String uri) {
        ModelSource m = ModelSource.of(uri);
        return a.has("raw-weights") ? m.rawWeights() : m;
    }

    private static Dataset<Row> input(SparkSession spark, JobArgs a) {
        Dataset<Row> in = JobData.read(spark, a.require("input"));
        return a.has("partitions") ? in.repartition(a.positive("partitions", 1)) : in;
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static String summary(String verb, long n, String what, String out, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%s %d %s to %s in %.1f s (%.0f images/s)", verb, n, what, out, s, n / s);
    }
}
