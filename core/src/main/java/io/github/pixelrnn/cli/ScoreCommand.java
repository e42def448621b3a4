package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.GenerativeClassifier;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.eval.OodScores;
import io.github.pixelrnn.image.Png;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pixelrnn score}: NLL of given images, optionally per sub-pixel as CSV and heat map. */
@Command(name = "score", sortOptions = false,
        description = "NLL of each given image; --per-pixel writes CSV + heat-map PNG (an anomaly map)",
        customSynopsis = "pixelrnn score --checkpoint DIR IMAGE.png|DIR ... [options]",
        footer = {"", "8-bit images given to a binary model are binarized at threshold 0.5.",
            "Prints one line per image: file, NLL in nats, bits/dim."})
final class ScoreCommand implements Callable<Integer> {
    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Mixin
    ImageFiles images = new ImageFiles();

    @Option(names = "--per-pixel", paramLabel = "DIR",
            description = "write NAME.csv (NLL of every sub-pixel, nats) and NAME.png (heat map)")
    Path perPixel;

    @Option(names = "--background", paramLabel = "DIR", description = {
        "a background model (train --perturb): also print each image's likelihood ratio log p(x) - log p_bg(x), "
                + "and with --per-pixel write NAME-llr.csv and NAME-llr.png, the ratio of every sub-pixel (the "
                + "heat map shows where it is lowest: where the image looks least like the training data)"})
    String background;

    @Option(names = "--class", paramLabel = "C", description = {
        "class-conditional models: score -log p(x | C) (C a name or index); without it, the marginal "
                + "-log sum_y p(x | y) p(y) and the most probable class"})
    String cls;

    @Override
    public Integer call() {
        if (images.isEmpty()) {
            throw new UserError("score: give one or more PNG/JPEG files or directories");
        }
        List<Path> files = images.files();
        if (perPixel != null) {
            AtomicFiles.ensureWritable(perPixel);
        }
        try (PixelRnn m = PixelRnn.of(checkpoint.load().model());
                PixelRnn bg = background != null ? PixelRnn.of(Checkpoint.loadModel(
                        Checkpoint.resolve(background), checkpoint.weights())) : null) {
            ModelConfig c = m.config();
            if (bg != null) {
                OodScores.checkSameSpace(c, bg.config());
            }
            ImageSet set = m.toModelLevels(images.read(c));
            if (cls != null) {
                int[] classes = new int[set.count()];
                java.util.Arrays.fill(classes, c.classIndex(cls));
                set = set.withLabels(classes);
            }
            boolean marginal = c.conditional() && cls == null;
            if (marginal && perPixel != null) {
                throw new UserError("--per-pixel with a class-conditional model needs --class C");
            }
            GenerativeClassifier.Scores scores = marginal ? m.classify(set) : null;
            double[] logp = marginal ? m.marginalLogLikelihood(set) : m.logLikelihood(set);
            double[] logpBg = bg == null ? null
                    : bg.config().conditional() ? bg.marginalLogLikelihood(set) : bg.logLikelihood(set.withLabels(null));
            System.out.println("file,nll_nats,bits_per_dim" + (bg == null ? "" : ",llr_nats")
                    + (marginal ? ",class,p_class" : ""));
            for (int i = 0; i < logp.length; i++) {
                String best = "";
                if (marginal) {
                    int y = scores.predicted(i);
                    best = String.format(Locale.ROOT, ",%s,%.4f", c.classes().get(y), scores.posterior(i)[y]);
                }
                System.out.printf(Locale.ROOT, "%s,%.4f,%.6f%s%s%n", files.get(i), -logp[i],
                        Nll.bitsPerDim(-logp[i], c.dims()),
                        bg == null ? "" : String.format(Locale.ROOT, ",%.4f", logp[i] - logpBg[i]), best);
            }
            if (perPixel != null) {
                float[] ll = m.subPixelLogLikelihood(set);
                writePerPixel(perPixel, files, ll, c, "", "nll_nats");
                if (bg != null) {
                    float[] llBg = bg.subPixelLogLikelihood(bg.config().conditional() ? set : set.withLabels(null));
                    float[] minusLlr = new float[ll.length];
                    for (int i = 0; i < ll.length; i++) {
                        minusLlr[i] = ll[i] - llBg[i]; // writePerPixel negates: the map shows −LLR
                    }
                    writePerPixel(perPixel, files, minusLlr, c, "-llr", "minus_llr_nats");
                }
            }
        }
        return 0;
    }

    /**
     * Per image NAME{suffix}.csv with −ll of every sub-pixel and NAME{suffix}.png, its heat map
     * summed over colours (values at or below 0 drawn black).
     */
    private static void writePerPixel(Path dir, List<Path> files, float[] ll, ModelConfig c, String suffix,
            String column) {
        int hw = c.height() * c.width();
        java.util.Map<String, Integer> used = new java.util.HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            String base = files.get(i).getFileName().toString().replaceFirst("\\.[^.]*$", "");
            int seen = used.merge(base, 1, Integer::sum);
            if (seen > 1) {
                base = base + "-" + seen; // a/x.png and b/x.png -> x.csv and x-2.csv
            }
            StringBuilder csv = new StringBuilder("y,x" + (c.channels() == 1 ? "," + column
                    : "," + column + "_r," + column + "_g," + column + "_b") + "\n");
            double[] heat = new double[hw]; // H×W, summed over colours
            for (int y = 0; y < c.height(); y++) {
                for (int x = 0; x < c.width(); x++) {
                    csv.append(y).append(',').append(x);
                    for (int ch = 0; ch < c.channels(); ch++) {
                        double nll = -ll[i * c.dims() + (ch * c.height() + y) * c.width() + x];
                        heat[y * c.width() + x] += nll;
                        csv.append(String.format(Locale.ROOT, ",%.5f", nll));
                    }
                    csv.append('\n');
                }
            }
            Path csvFile = dir.resolve(base + suffix + ".csv");
            try {
                Path tmp = Files.createTempFile(dir, ".score", ".tmp");
                Files.writeString(tmp, csv, StandardCharsets.UTF_8);
                Files.move(tmp, csvFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UserError("cannot write " + csvFile + ": " + e.getMessage());
            }
            Png.writeHeatMap(dir.resolve(base + suffix + ".png"), heat, c.height(), c.width(), 8);
        }
        System.err.println("per-pixel " + column + " written to " + dir + " (" + files.size()
                + " CSV + heat-map PNG)");
    }
}
