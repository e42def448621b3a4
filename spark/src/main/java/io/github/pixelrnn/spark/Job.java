package io.github.pixelrnn.spark;

import io.github.pixelrnn.UserError;
import io.github.pixelrnn.cli.HelpCommand;
import io.github.pixelrnn.cli.Shell;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
@Command(name = "job", synopsisHeading = "usage: ", customSynopsis = Job.SUBMIT + " COMMAND [flags]",
        commandListHeading = "%ncommands:%n",
        footer = {"",
            "--checkpoint: a checkpoint or run directory, local or on a Hadoop file system, or pretrained:NAME.",
            "--input: parquet, or a folder of PNG/JPEG files (columns path, content). Output: parquet.",
            "Every command also takes --raw-weights, --partitions N (repartition the input) and --overwrite.",
            "A command's options: " + Job.SUBMIT + " COMMAND --help"})
public final class Job {
    /** How the job is started, for the usage lines. */
    static final String SUBMIT = "spark-submit --class io.github.pixelrnn.spark.Job JOB.jar";

    /** The commands, in the order the help lists them ({@code help} is not among them). */
    private static final List<String> COMMANDS = List.of("score", "compress", "decompress", "eval-set");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    private Job() {
    }

    /** Runs a command in the session spark-submit configured, then exits with its code. */
    public static void main(String[] args) {
        int code;
        if (args.length == 0) {
            System.err.print(Shell.usage(commandLine()));
            code = 2;
        } else {
            Shell shell = shell(System.err);
            Shell.Parsed p = shell.parse(commandLine(), args, System.err);
            if (p.command() == null) {
                code = p.code();
            } else {
                SparkSession spark = SparkSession.builder().appName("pixelrnn " + p.name()).getOrCreate();
                try {
                    code = execute(shell, (JobCommand) p.command(), spark, System.err);
                } finally {
                    spark.stop();
                }
            }
        }
        System.exit(code);
    }

    /**
     * Runs one command in {@code spark} and returns its exit code: 0 done, 2 a user's mistake
     * (one line on {@code err}), 1 anything else (one line too; the stack trace is in Spark's log).
     */
    public static int run(SparkSession spark, PrintStream err, String... args) {
        Shell shell = shell(err);
        if (args.length == 0) {
            err.println("error: give a command: " + String.join(", ", COMMANDS.subList(0, COMMANDS.size() - 1))
                    + " or " + COMMANDS.get(COMMANDS.size() - 1));
            return 2;
        }
        Shell.Parsed p = shell.parse(commandLine(), args, err);
        return p.command() == null ? p.code() : execute(shell, (JobCommand) p.command(), spark, err);
    }

    /** A command of the job: it runs in a session and returns the line to print when done. */
    interface JobCommand {
        String run(SparkSession spark) throws Exception;
    }

    /**
     * The CLI's shell, with the job's help on {@code err}: a user's mistake is found in what Spark
     * wraps it in, and any other failure reads "the job failed".
     */
    static Shell shell(PrintStream err) {
        return new Shell(SUBMIT, err, false, Errors::userError, e -> "error: the job failed: " + Errors.message(e));
    }

    /** The command tree, made anew for each command line. */
    static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Job());
        for (Object c : List.of(new Score(), new Compress(), new Decompress(), new EvalSet(), new HelpCommand())) {
            root.addSubcommand(new CommandLine(c));
        }
        CommandLine help = root.getSubcommands().get("help");
        help.getCommandSpec().usageMessage().synopsisHeading("usage: ").customSynopsis(SUBMIT + " help [COMMAND]")
                .description("the commands, or one command's options");
        help.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("show this help").build());
        return Shell.configure(root);
    }

    /** Runs a parsed command and prints its summary line, or the one line of its failure. */
    private static int execute(Shell shell, JobCommand command, SparkSession spark, PrintStream err) {
        return shell.execute(() -> {
            err.println(command.run(spark));
            return 0;
        }, err);
    }

    /** The options of every command but the input: the model, the output and how it is written. */
    static final class Shared {
        @Option(names = "--checkpoint", required = true, paramLabel = "URI", order = 1, description = {
            "a checkpoint or run directory, local or on a Hadoop file system (hdfs://, s3a://, ...), "
                    + "or pretrained:NAME"})
        String checkpoint;

        @Option(names = "--output", required = true, paramLabel = "PATH", order = 3,
                description = "where to write the parquet output")
        String output;

        @Option(names = "--partitions", paramLabel = "N", order = 50, converter = Shell.Positive.class, description = {
            "repartition the input into N partitions (eval-set: the output's partitions, default 1)"})
        Integer partitions;

        @Option(names = "--raw-weights", order = 51, description = {
            "use the weights the optimizer left, not their moving average (the default where a checkpoint "
                    + "holds both)"})
        boolean rawWeights;

        @Option(names = "--overwrite", order = 52, description = "replace an existing --output")
        boolean overwrite;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "show this help")
        boolean help;

        /** The model at {@code uri}, with the weights asked for. */
        ModelSource model(String uri) {
            ModelSource m = ModelSource.of(uri);
            return rawWeights ? m.rawWeights() : m;
        }

        /** The model of {@code --checkpoint}. */
        ModelSource model() {
            return model(checkpoint);
        }

        /** Writes the result to {@code --output}. */
        void write(Dataset<Row> rows) {
            JobData.write(rows, output, overwrite);
        }
    }

    /** {@code --input}: the images (or files) a command reads. */
    static final class Input {
        @Option(names = "--input", required = true, paramLabel = "PATH", order = 2, description = {
            "parquet, or a folder of PNG/JPEG files (read recursively as columns path, content)"})
        String input;

        /** The input, repartitioned when {@code --partitions} is given. */
        Dataset<Row> read(SparkSession spark, Shared shared) {
            Dataset<Row> in = JobData.read(spark, input);
            return shared.partitions != null ? in.repartition(shared.partitions) : in;
        }
    }

    /** {@code --image-column}: where a command finds the encoded images. */
    static final class ImageColumn {
        @Option(names = "--image-column", paramLabel = "C", order = 10,
                description = "the column of encoded images (default: content for a folder of files, else image)")
        String name;

        /** The column named, or the default for {@code in}. */
        String column(Dataset<Row> in) {
            return name != null ? name : Arrays.asList(in.columns()).contains(JobData.FILE_CONTENT)
                    ? JobData.FILE_CONTENT : "image";
        }
    }

    @Command(name = "score", sortOptions = false, synopsisHeading = "usage: ",
            customSynopsis = {SUBMIT + " score",
                "         --checkpoint URI --input PATH --output PATH [options]"},
            description = "nll_nats, bits_per_dim (+ OOD scores) per image")
    static final class Score implements JobCommand {
        @Mixin
        Shared shared = new Shared();

        @Mixin
        Input input = new Input();

        @Mixin
        ImageColumn images = new ImageColumn();

        @Option(names = "--batch", paramLabel = "N", order = 11, converter = Shell.Positive.class,
                description = "images scored together (default " + ScoreOptions.DEFAULT_BATCH + ")")
        int batch = ScoreOptions.DEFAULT_BATCH;

        @Option(names = "--threads", paramLabel = "N", order = 12, converter = Shell.Positive.class,
                description = "libtorch threads per task (default: spark.task.cpus)")
        Integer threads;

        @Option(names = "--background", paramLabel = "URI", order = 13, description = {
            "a background model (train --perturb): also background_nll_nats and minus_llr_nats"})
        String background;

        @Option(names = "--complexity", paramLabel = "png[,webp,jxl]", order = 14, description = {
            "codecs of the input-complexity scores: also complexity_bits_L and s_L for each"})
        String complexity;

        @Override
        public String run(SparkSession spark) {
            ModelSource model = shared.model();
            ScoreOptions options = ScoreOptions.of(model).withBatch(batch).withThreads(threads != null ? threads : 0);
            if (background != null) {
                options = options.withBackground(shared.model(background));
            }
            if (complexity != null) {
                options = options.withComplexity(Arrays.asList(complexity.split(",")));
            }
            PixelRnnSpark.check(spark, model);
            Dataset<Row> in = input.read(spark, shared);
            String column = images.column(in);
            long t = System.nanoTime();
            shared.write(PixelRnnSpark.score(in, column, options));
            long n = spark.read().parquet(shared.output).count();
            return summary("scored", n, "images", shared.output, t);
        }
    }

    @Command(name = "compress", sortOptions = false, synopsisHeading = "usage: ",
            customSynopsis = {SUBMIT + " compress",
                "         --checkpoint URI --input PATH --output PATH [options]"},
            description = ".pxrc files of up to --chunk rows",
            footer = {"", "Each output row is one .pxrc file: partition, chunk, keys, count, pxrc; "
                    + "pixelrnn decompress reads it."})
    static final class Compress implements JobCommand {
        @Mixin
        Shared shared = new Shared();

        @Mixin
        Input input = new Input();

        @Mixin
        ImageColumn images = new ImageColumn();

        @Option(names = "--key", paramLabel = "C", order = 11,
                description = "the column of the images' keys (default: path for a folder of files, else key)")
        String key;

        @Option(names = "--chunk", paramLabel = "N", order = 12, converter = Shell.Positive.class,
                description = "images per .pxrc file at most (default 512)")
        int chunk = 512;

        @Override
        public String run(SparkSession spark) {
            ModelSource model = shared.model();
            PixelRnnSpark.check(spark, model);
            Dataset<Row> in = input.read(spark, shared);
            boolean files = Arrays.asList(in.columns()).contains(JobData.FILE_CONTENT);
            String column = images.column(in);
            String keyColumn = key != null ? key : files ? JobData.FILE_PATH : "key";
            long t = System.nanoTime();
            shared.write(PixelRnnSpark.compress(in, column, keyColumn, model, chunk));
            Row r = spark.read().parquet(shared.output)
                    .selectExpr("count(*)", "coalesce(sum(count), 0)", "coalesce(sum(length(pxrc)), 0)").first();
            return summary("compressed", r.getLong(1), "images into " + r.getLong(0) + " files, " + r.getLong(2)
                    + " bytes,", shared.output, t);
        }
    }

    @Command(name = "decompress", sortOptions = false, synopsisHeading = "usage: ",
            customSynopsis = {SUBMIT + " decompress",
                "         --checkpoint URI --input PATH --output PATH [options]"},
            description = "key, image (PNG) per image",
            footer = {"", "--input: the output of compress (rows with keys and pxrc), made with the same model."})
    static final class Decompress implements JobCommand {
        @Mixin
        Shared shared = new Shared();

        @Mixin
        Input input = new Input();

        @Override
        public String run(SparkSession spark) {
            ModelSource model = shared.model();
            PixelRnnSpark.check(spark, model);
            long t = System.nanoTime();
            shared.write(PixelRnnSpark.decompress(input.read(spark, shared), model));
            return summary("decompressed", spark.read().parquet(shared.output).count(), "images", shared.output, t);
        }
    }

    /**
     * The set {@code pixelrnn eval} measures (binarized once with the fixed seed for a binary
     * model) as parquet: {@code key} (the image's index), {@code label}, {@code image} (PNG).
     * Scored on Spark, it gives {@code eval}'s per-image NLLs. Built on the driver.
     */
    @Command(name = "eval-set", sortOptions = false, synopsisHeading = "usage: ",
            customSynopsis = {SUBMIT + " eval-set",
                "         --checkpoint URI --dataset NAME --output PATH [options]"},
            description = "the set `pixelrnn eval` measures",
            footer = {"", "Rows key (the image's index), label, image (PNG); a binary model's set is binarized once",
                "with the evaluation seed, so scoring it gives eval's per-image NLLs. Built on the driver."})
    static final class EvalSet implements JobCommand {
        @Mixin
        Shared shared = new Shared();

        @Option(names = "--dataset", required = true, paramLabel = "NAME", order = 2,
                description = "the data set, as pixelrnn eval --dataset takes it (mnist, fashion-mnist, cifar10, ...)")
        String dataset;

        @Option(names = "--split", paramLabel = "test|train", order = 10, description = "the split (default test)")
        String split = "test";

        @Option(names = "--limit", paramLabel = "N", order = 11, converter = Shell.Positive.class,
                description = "only the first N images")
        Integer limit;

        @Override
        public String run(SparkSession spark) {
            ModelSource model = shared.model();
            ModelConfig c = PixelRnnSpark.check(spark, model);
            if (!split.equals("test") && !split.equals("train")) {
                throw new UserError("--split must be test or train, got '" + split + "'");
            }
            ImageSet set = EvalData.prepare(Datasets.load(dataset, split.equals("train"), null), c,
                    Binarization.Mode.STOCHASTIC, Binarization.DEFAULT_THRESHOLD);
            int n = Math.min(set.count(), limit != null ? limit : set.count());
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(RowFactory.create(i, set.labels() == null ? null : set.labels()[i], ImageCells.png(set, i)));
            }
            StructType schema = new StructType().add("key", DataTypes.IntegerType, false)
                    .add("label", DataTypes.IntegerType, true).add("image", DataTypes.BinaryType, false);
            long t = System.nanoTime();
            Dataset<Row> df = spark.createDataFrame(rows, schema)
                    .repartition(shared.partitions != null ? shared.partitions : 1);
            shared.write(df);
            return summary("wrote", n, "images of " + dataset + " " + split
                    + (c.levels() == 2 ? " (binarized with the evaluation seed)" : ""), shared.output, t);
        }
    }

    private static String summary(String verb, long n, String what, String out, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%s %d %s to %s in %.1f s (%.0f images/s)", verb, n, what, out, s, n / s);
    }
}
