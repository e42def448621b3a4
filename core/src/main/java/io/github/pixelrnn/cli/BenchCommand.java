package io.github.pixelrnn.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.model.Architecture;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.model.Preset;
import io.github.pixelrnn.train.Optimizer;
import io.github.pixelrnn.train.TrainStep;
import io.github.pixelrnn.util.Names;
import io.github.pixelrnn.util.Rng;
import io.github.pixelrnn.util.TraceSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pixelrnn bench}: median training-step and forward times of a preset after warm-up,
 * images/s, GFLOP/s and peak memory; with {@code --reference}, the same architecture in
 * PyTorch (bench/reference.py on Debian's python3-torch) timed right after, with the ratio.
 */
@Command(name = "bench", sortOptions = false,
        description = "time training steps and forward passes (optionally beside the PyTorch reference)",
        customSynopsis = "pixelrnn bench --preset NAME [options]",
        footer = {"", "Reports medians; compare speeds only as ratios measured in the same run."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--batch", paramLabel = "N", description = "batch size (default 64)")
    int batch = 64;

    @Option(names = "--workers", paramLabel = "N", description = {
        "gradient workers of the training step (default: as train's --workers)"})
    Integer workers;

    @Option(names = "--steps", paramLabel = "N", description = "timed steps (default 20)")
    int steps = 20;

    @Option(names = "--warmup", paramLabel = "N", description = "untimed steps first (default 5)")
    int warmup = 5;

    @Option(names = "--reference", description = "also time bench/reference.py (PyTorch) with the same settings")
    boolean reference;

    @Option(names = "--python", paramLabel = "PATH", description = "Python with torch for --reference (default /usr/bin/python3)")
    String python = "/usr/bin/python3";

    @Option(names = "--rounds", paramLabel = "N", description = {
        "alternate ours and the reference N times; report the median ratio (default 1; --sample: cached "
                + "decodes timed, default 3)"})
    Integer rounds;

    @Option(names = "--profile", paramLabel = "FILE", description = {
        "also profile --steps training steps with libtorch's profiler: write the Chrome trace to FILE and "
                + "print the top operators"})
    Path profile;

    @Option(names = "--sample", description = {
        "time generation instead: the cached decoder against the naive one (the whole network per "
                + "sub-pixel), side by side"})
    boolean sample;

    @Option(names = "--n", paramLabel = "N", description = "--sample: images generated together (default 64)")
    int n = 64;

    @Option(names = "--skip-naive", description = "--sample: time the cached decoder only")
    boolean skipNaive;

    /**
     * {@code steps} training steps under libtorch's profiler; the trace goes to {@code file} and
     * the operators with the most self time per step are printed.
     */
    private static void profile(TrainStep step, float[] values, int batch, int steps, Path file) throws IOException {
        Path trace = file.resolveSibling(file.getFileName() + ".tmp");
        JniUtils.startProfile(false, true, false);
        long t = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.run(values, batch, 1e-4);
        }
        double ms = (System.nanoTime() - t) / 1e6 / steps;
        JniUtils.stopProfile(trace.toString());
        Files.move(trace, file, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(Locale.ROOT, "  profile  %.1f ms per step under the profiler; trace in %s; self time per step:%n",
                ms, file);
        List<TraceSummary.Row> rows = TraceSummary.read(file);
        for (TraceSummary.Row row : rows.subList(0, Math.min(15, rows.size()))) {
            System.out.printf(Locale.ROOT, "  %9.1f ms %6.1f calls  %s %s%n", row.selfMs() / steps,
                    row.calls() / (double) steps, row.name(), row.shapes());
        }
    }

    /** The architectures bench/reference.py implements. */
    private static final List<Architecture> REFERENCE_ARCHITECTURES = Architecture.scales();

    @Override
    public Integer call() throws Exception {
        Preset preset = modelOptions.preset(null);
        ModelConfig cfg = modelOptions.config(preset);
        if (sample) {
            if (reference || profile != null) {
                throw new UserError("--sample times generation; it takes no --reference or --profile");
            }
            try (PixelModel model = PixelModel.create(cfg, 1)) {
                SampleBench.run(model, Check.positive("--n", n), Check.positive("--rounds", rounds, 3), !skipNaive);
            }
            return 0;
        }
        Check.positive("--batch", batch);
        Check.positive("--steps", steps);
        Check.nonNegative("--warmup", warmup);
        int threads = Runtime.getRuntime().availableProcessors();
        if (reference && !REFERENCE_ARCHITECTURES.contains(cfg.architecture())) {
            throw new UserError("bench/reference.py has no PyTorch reference for " + cfg.architecture()
                    + " (it has " + Names.list(REFERENCE_ARCHITECTURES.toArray()) + ")");
        }
        Path profileFile = profile != null ? Common.outputFile(profile) : null;
        float[] values = new float[batch * cfg.dims()];
        Rng rng = new Rng(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextInt(cfg.levels());
        }
        int timedRounds = Check.positive("--rounds", rounds, 1);
        boolean withReference = reference;
        long rssBefore = rssKb("VmRSS");
        List<Long> rssTrace = new ArrayList<>();
        double[] ourStep = new double[timedRounds];
        double[] ourFwd = new double[timedRounds];
        double[] refStep = new double[timedRounds];
        double[] refFwd = new double[timedRounds];
        try (PixelModel model = PixelModel.create(cfg, 1)) {
            int gradientWorkers = workers != null ? Check.positive("--workers", workers, 1)
                    : TrainCommand.defaultWorkers(cfg);
            System.out.printf(Locale.ROOT, "bench %s  batch %d  %d threads  %d gradient worker%s  %,d parameters  "
                    + "%.1f MFLOP/image forward%n", cfg.describe(), batch, threads, gradientWorkers,
                    gradientWorkers == 1 ? "" : "s", model.parameterCount(), model.forwardFlopsPerImage() / 1e6);
            try (TrainStep step = new TrainStep(model, Optimizer.named("adam", model.manager()), 1000, gradientWorkers)) {
                for (int r = 0; r < timedRounds; r++) {
                    // Ours and the reference alternate, so that drift of a shared machine hits both.
                    double[] stepMs = new double[steps];
                    for (int i = 0; i < warmup + steps; i++) {
                        long t = System.nanoTime();
                        step.run(values, batch, 1e-4);
                        if (i >= warmup) {
                            stepMs[i - warmup] = (System.nanoTime() - t) / 1e6;
                            rssTrace.add(rssKb("VmRSS"));
                        }
                    }
                    double[] fwdMs = new double[steps];
                    for (int i = 0; i < warmup + steps; i++) {
                        long t = System.nanoTime();
                        try (NDManager m = model.manager().newSubManager()) {
                            model.logLikelihood(m.create(values, new Shape(batch, cfg.channels(), cfg.height(),
                                    cfg.width()))).sum().getFloat();
                        }
                        if (i >= warmup) {
                            fwdMs[i - warmup] = (System.nanoTime() - t) / 1e6;
                        }
                    }
                    ourStep[r] = median(stepMs);
                    ourFwd[r] = median(fwdMs);
                    System.out.printf(Locale.ROOT,
                            "  ours     train step %8.1f ms (median of %d)  %7.1f img/s   forward %7.1f ms  %6.1f GFLOP/s%n",
                            ourStep[r], steps, batch * 1000 / ourStep[r], ourFwd[r],
                            model.forwardFlopsPerImage() * (double) batch / (ourFwd[r] * 1e6));
                    if (profileFile != null && r == timedRounds - 1) {
                        profile(step, values, batch, steps, profileFile);
                    }
                    if (withReference) {
                        double[] ref = reference(python, cfg, batch, steps, warmup, threads);
                        refStep[r] = ref[0];
                        refFwd[r] = ref[1];
                        System.out.printf(Locale.ROOT, "  pytorch  train step %8.1f ms (median of %d)  %7.1f img/s   forward %7.1f ms%n",
                                ref[0], steps, batch * 1000 / ref[0], ref[1]);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "  memory   peak RSS %.0f MiB; RSS at timed steps first %.0f, last %.0f MiB (before model %.0f)%n",
                rssKb("VmHWM") / 1024.0, rssTrace.get(0) / 1024.0, rssTrace.get(rssTrace.size() - 1) / 1024.0,
                rssBefore / 1024.0);
        if (withReference) {
            double[] stepRatio = new double[timedRounds];
            double[] fwdRatio = new double[timedRounds];
            for (int r = 0; r < timedRounds; r++) {
                stepRatio[r] = ourStep[r] / refStep[r];
                fwdRatio[r] = ourFwd[r] / refFwd[r];
            }
            System.out.printf(Locale.ROOT, "  ratio    ours/pytorch: train step %.2f, forward %.2f%s%n", median(stepRatio),
                    median(fwdRatio), timedRounds > 1 ? " (median over " + timedRounds + " alternating rounds)" : "");
        }
        return 0;
    }

    private static double[] reference(String python, ModelConfig c, int batch, int steps, int warmup, int threads)
            throws IOException, InterruptedException {
        Path script = Path.of("bench", "reference.py");
        if (!Files.exists(script)) {
            throw new UserError("--reference needs bench/reference.py (run from the repository root)");
        }
        List<String> cmd = List.of(python, script.toString(), "--arch", c.architecture().toString(),
                "--channels", "" + c.channels(), "--size", "" + c.height(), "--levels", "" + c.levels(),
                "--hidden", "" + c.hidden(), "--layers", "" + c.layers(), "--out-maps", "" + c.outMaps(),
                "--residual", "" + c.residual(), "--skip", "" + c.skip(), "--batch", "" + batch,
                "--steps", "" + steps, "--warmup", "" + warmup, "--threads", "" + threads);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UserError("cannot run " + python + " for --reference (apt-get install python3-torch)");
        }
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
            }
        }
        int rc = p.waitFor();
        Matcher m = Pattern.compile("\"step_ms\":\\s*([0-9.]+).*\"forward_ms\":\\s*([0-9.]+)").matcher(all);
        if (rc != 0 || !m.find()) {
            String last = all.toString().strip();
            last = last.isEmpty() ? "no output" : last.substring(last.lastIndexOf('\n') + 1);
            throw new UserError("the PyTorch reference failed (" + last + "); is python3-torch installed?");
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** A field of /proc/self/status in KiB (VmRSS, VmHWM), or 0 where there is none. */
    static long rssKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
