package io.github.pixelrnn.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.PixelModel;
import io.github.pixelrnn.sample.Sampler;
import io.github.pixelrnn.sample.Strategy;
import io.github.pixelrnn.train.Optimizer;
import io.github.pixelrnn.train.TrainStep;
import io.github.pixelrnn.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code pixelrnn bench --sample}: generation of n images with the cached decoder and with the
 * naive one (the whole network per sub-pixel), side by side in one process after a warm-up:
 * images/s, ms per sub-pixel step, the speedup, the cost against one full forward pass of the
 * same batch, and peak RSS against that of a training step at the same batch.
 */
final class SampleBench {
    private SampleBench() {
    }

    /**
     * @param model the model (random or trained weights: the cost is the same)
     * @param n images generated together
     * @param rounds cached decodes timed (the median is reported)
     * @param naive whether to time the naive decoder too (one run: it is slow)
     */
    static void run(PixelModel model, int n, int rounds, boolean naive) {
        ModelConfig c = model.config();
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "bench sample %s  %d images  %d threads  %,d parameters%n", c.describe(), n,
                threads, model.parameterCount());
        float[] values = new float[n * c.dims()];
        Rng rng = new Rng(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextInt(c.levels());
        }
        double[] forward = new double[7];
        for (int i = -3; i < forward.length; i++) {
            long t = System.nanoTime();
            try (NDManager m = model.manager().newSubManager()) {
                model.logLikelihood(m.create(values, new Shape(n, c.channels(), c.height(), c.width()))).sum().getFloat();
            }
            if (i >= 0) {
                forward[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        double forwardMs = BenchCommand.median(forward);
        System.out.printf(Locale.ROOT, "  forward  %9.1f ms  one full pass of the batch (median of %d)%n", forwardMs,
                forward.length);

        long steps = c.dims();
        new Sampler(Strategy.CACHED).sample(model, n, new Rng(0), null); // warm-up
        resetPeak();
        long rssBefore = BenchCommand.rssKb("VmRSS");
        double[] cached = new double[rounds];
        StringBuilder rss = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            new Sampler(Strategy.CACHED).sample(model, n, new Rng(r + 1), null);
            cached[r] = (System.nanoTime() - t) / 1e6;
            rss.append(r == 0 ? "" : ", ").append(Math.round(BenchCommand.rssKb("VmRSS") / 1024.0));
        }
        long cachedPeak = BenchCommand.rssKb("VmHWM");
        double cachedMs = BenchCommand.median(cached);
        report("cached", cachedMs, n, steps, forwardMs, rounds);
        System.out.printf(Locale.ROOT, "  memory   decoding: peak RSS %.0f MiB; RSS before %.0f MiB, after each decode %s MiB%n",
                cachedPeak / 1024.0, rssBefore / 1024.0, rss);

        double naiveMs = Double.NaN;
        if (naive) {
            long t = System.nanoTime();
            new Sampler(Strategy.NAIVE).sample(model, n, new Rng(1), "naive");
            naiveMs = (System.nanoTime() - t) / 1e6;
            report("naive", naiveMs, n, steps, forwardMs, 1);
        }

        resetPeak();
        TrainStep step = new TrainStep(model, Optimizer.named("adam", model.manager()), 1000);
        for (int i = 0; i < 3; i++) {
            step.run(values, n, 1e-4);
        }
        long trainPeak = BenchCommand.rssKb("VmHWM");
        System.out.printf(Locale.ROOT, "  memory   training step at batch %d: peak RSS %.0f MiB; decoding/training %.2f%n", n,
                trainPeak / 1024.0, cachedPeak / (double) trainPeak);
        if (naive) {
            System.out.printf(Locale.ROOT, "  speedup  cached over naive %.1fx; cached costs %.1f forward passes%n",
                    naiveMs / cachedMs, cachedMs / forwardMs);
        } else {
            System.out.printf(Locale.ROOT, "  cost     cached costs %.1f forward passes%n", cachedMs / forwardMs);
        }
    }

    private static void report(String name, double ms, int n, long steps, double forwardMs, int runs) {
        System.out.printf(Locale.ROOT, "  %-7s  %9.1f ms  %8.2f img/s  %8.3f ms per sub-pixel step  %7.1f forward passes%s%n",
                name, ms, n * 1000 / ms, ms / steps, ms / forwardMs, runs > 1 ? "  (median of " + runs + ")" : "");
    }

    /** Resets the peak RSS (VmHWM) to the current RSS, where the kernel allows it. */
    private static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            System.out.println("  (cannot reset the peak RSS here; peaks include earlier work)");
        }
    }
}
