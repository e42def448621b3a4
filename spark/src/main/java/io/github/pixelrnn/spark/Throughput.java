package io.github.pixelrnn.spark;

import io.github.pixelrnn.cli.Shell;

import io.github.pixelrnn.data.Binarization;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.store.Checkpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Scoring throughput of {@link PixelRnnSpark#score} in local mode with 1 and with 2 cores (or
 * the masters given), side by side: the MNIST test digits as PNG rows cached in memory, one
 * warm-up pass per master (it loads the model), then the median of {@code runs} timed passes.
 * {@code bench/spark.sh} runs it.
 *
 * <pre>
 * Throughput [--checkpoint pretrained:pixelcnn-mnist] [--images 10000] [--runs 3] [--partitions 8]
 *            [--masters local[1],local[2]]
 * </pre>
 */
@Command(name = "Throughput", sortOptions = false, synopsisHeading = "usage: ",
        customSynopsis = "Throughput [options]     (bench/spark.sh passes its arguments here)",
        description = "Spark scoring throughput of the MNIST test digits in local mode, one master after another",
        footer = {"", "Each master gets a warm-up pass (it loads the model), then --runs timed passes; the table",
            "gives the median rate of each and its ratio to the first master's."})
public final class Throughput {
    @Option(names = "--checkpoint", paramLabel = "URI",
            description = "the model (default pretrained:pixelcnn-mnist)")
    String checkpoint = "pretrained:pixelcnn-mnist";

    @Option(names = "--images", paramLabel = "N", converter = Shell.Positive.class,
            description = "the first N test digits (default all 10,000)")
    Integer images;

    @Option(names = "--runs", paramLabel = "N", converter = Shell.Positive.class,
            description = "timed passes per master (default 3)")
    int runs = 3;

    @Option(names = "--partitions", paramLabel = "N", converter = Shell.Positive.class,
            description = "partitions of the cached rows (default 8)")
    int partitions = 8;

    @Option(names = "--masters", paramLabel = "M[,M...]",
            description = "the Spark masters to compare, in order (default local[1],local[2])")
    String masters = "local[1],local[2]";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    private Throughput() {
    }

    /** Measures; a bad command line is one line on standard error and exit code 2. */
    public static void main(String[] args) {
        Throughput t = new Throughput();
        CommandLine cl = Shell.configure(new CommandLine(t));
        try {
            Shell.parseArgs(cl, args);
        } catch (ParameterException e) {
            System.err.println("error: " + Job.shell(System.err).describe(e));
            System.exit(2);
        }
        if (cl.isUsageHelpRequested()) {
            System.err.print(Shell.usage(cl));
            return;
        }
        t.measure();
    }

    private void measure() {
        List<String> masters = Arrays.asList(this.masters.split(","));
        ImageSet set = EvalData.prepare(Datasets.load("mnist", false, null),
                Checkpoint.readConfig(Checkpoint.resolve(checkpoint)).model(), Binarization.Mode.STOCHASTIC,
                Binarization.DEFAULT_THRESHOLD);
        int n = Math.min(set.count(), images != null ? images : set.count());
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(i, ImageCells.png(set, i)));
        }
        StructType schema = new StructType().add("key", DataTypes.IntegerType, false)
                .add("image", DataTypes.BinaryType, false);
        double[] rates = new double[masters.size()];
        for (int m = 0; m < masters.size(); m++) {
            SparkSession spark = SparkSession.builder().master(masters.get(m)).appName("pixelrnn throughput")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(partitions)
                        .persist(StorageLevel.MEMORY_ONLY());
                df.count();
                double[] seconds = new double[runs];
                for (int r = -1; r < runs; r++) {
                    long t = System.nanoTime();
                    double total = PixelRnnSpark.score(df, "image", checkpoint).selectExpr("sum(nll_nats)").first()
                            .getDouble(0);
                    double s = (System.nanoTime() - t) / 1e9;
                    System.out.printf(Locale.ROOT, "%s %s: %.1f s, %.0f images/s (mean NLL %.3f nats)%n",
                            masters.get(m), r < 0 ? "warm-up" : "run " + (r + 1), s, n / s, total / n);
                    if (r >= 0) {
                        seconds[r] = s;
                    }
                }
                Arrays.sort(seconds);
                rates[m] = n / seconds[runs / 2];
            } finally {
                spark.stop();
            }
        }
        System.out.printf(Locale.ROOT, "%n%d images, %d partitions, median of %d runs after a warm-up:%n", n, partitions,
                runs);
        for (int m = 0; m < masters.size(); m++) {
            System.out.printf(Locale.ROOT, "  %-10s %7.0f images/s%s%n", masters.get(m), rates[m],
                    m == 0 ? "" : String.format(Locale.ROOT, "   %.2fx %s", rates[m] / rates[0], masters.get(0)));
        }
    }
}
