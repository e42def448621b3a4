package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.AtomicFiles;
import io.github.pixelrnn.data.Datasets;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Complexity;
import io.github.pixelrnn.eval.EvalData;
import io.github.pixelrnn.eval.OodScores;
import io.github.pixelrnn.eval.Roc;
import io.github.pixelrnn.image.ScoreHistograms;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.store.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pixelrnn ood}: out-of-distribution detection with a model's exact likelihood, the raw
 * NLL against the two published corrections (input complexity, likelihood ratio), with
 * per-image scores, AUROC, AUPRC, FPR at 95% TPR and histograms.
 */
@Command(name = "ood", sortOptions = false,
        description = "out-of-distribution detection: raw NLL, input complexity and likelihood-ratio scores, AUROC",
        customSynopsis = "pixelrnn ood --checkpoint FG --in SET --out SET [--background BG] [options]",
        footer = {"", "Scores, higher meaning more likely out of distribution: nll (bits/dim), S(codec) =",
            "NLL in bits - L(x), the image's length in bits under the codec (Serra et al. 2020),",
            "and -LLR = -(log p_fg(x) - log p_bg(x)) in nats (Ren et al. 2019). Binary models see",
            "data sets binarized with the fixed evaluation seed, folders thresholded at 0.5."})
final class OodCommand implements Callable<Integer> {
    /** Images of the {@code valid} split: train's default {@code --val-size}. */
    static final int VALIDATION = 1000;

    @Mixin
    CheckpointOptions checkpoint = new CheckpointOptions();

    @Option(names = "--in", required = true, paramLabel = "SET", description = "the in-distribution images (the negatives)")
    String inSpec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "SET", description = {
        "the out-of-distribution images (the positives). SET: NAME or NAME:SPLIT of a data set (mnist, "
                + "fashion-mnist, cifar10; split test (default), train, or valid: the last 1000 training images, "
                + "which train holds out by default), or a folder"})
    String outSpec;

    @Option(names = "--background", paramLabel = "DIR",
            description = "a background model (train --perturb MU on the same data) for the likelihood ratio")
    String background;

    @Option(names = "--codecs", paramLabel = "LIST", description = {
        "compressors of the complexity score: png, webp, jxl, comma separated (default: png, and webp and jxl "
                + "where installed)"})
    String codecs;

    @Option(names = "--limit", paramLabel = "N", description = "only the first N images of each set")
    Integer limit;

    @Option(names = "--report", paramLabel = "DIR",
            description = "where scores.csv, summary.md and histograms.png go (default ood)")
    Path report = Path.of("ood");

    @Option(names = "--threads", paramLabel = "N", description = "threads for the external compressors (default 2)")
    int threads = 2;

    @Override
    public Integer call() {
        List<Complexity.Codec> codecs = codecs();
        Check.positive("--threads", threads);
        AtomicFiles.ensureWritable(report);
        Checkpoint.Weights weights = checkpoint.weights();
        try (PixelRnn fg = PixelRnn.of(checkpoint.load().model());
                PixelRnn bg = background != null
                        ? PixelRnn.of(Checkpoint.loadModel(Checkpoint.resolve(Path.of(background)), weights))
                        : null) {
            ModelConfig c = fg.config();
            if (bg != null) {
                OodScores.checkSameSpace(c, bg.config());
            }
            ImageSet in = set(inSpec, c, fg);
            ImageSet out = set(outSpec, c, fg);
            OodScores.Scores sIn = OodScores.of(fg.model(), bg == null ? null : bg.model(), codecs, in, threads, "in");
            OodScores.Scores sOut = OodScores.of(fg.model(), bg == null ? null : bg.model(), codecs, out, threads,
                    "out");
            Map<String, Roc.Result> results = OodScores.compare(sIn, sOut);
            writeCsv(report.resolve("scores.csv"), inSpec, sIn, outSpec, sOut);
            Map<String, double[][]> hist = new LinkedHashMap<>();
            Map<String, String> captions = new LinkedHashMap<>();
            for (String name : results.keySet()) {
                hist.put(name, new double[][] {sIn.byName().get(name), sOut.byName().get(name)});
                captions.put(name, String.format(Locale.ROOT, "AUROC %.3f", results.get(name).auroc()));
            }
            ScoreHistograms.write(report.resolve("histograms.png"), hist, captions, "in: " + inSpec, "out: " + outSpec);
            String summary = summary(c, in, out, sIn, sOut, results);
            AtomicFiles.write(report.resolve("summary.md"), summary.getBytes(StandardCharsets.UTF_8));
            System.out.print(summary);
            System.out.println("\nscores.csv, summary.md and histograms.png written to " + report);
        }
        return 0;
    }

    private List<Complexity.Codec> codecs() {
        List<Complexity.Codec> codecs = new ArrayList<>();
        if (this.codecs != null) {
            for (String name : this.codecs.split(",")) {
                if (!name.isBlank()) {
                    Complexity.Codec codec = Complexity.Codec.named(name);
                    if (!codec.available()) {
                        throw new UserError("--codecs " + codec.label() + ": its tool is not installed");
                    }
                    if (!codecs.contains(codec)) {
                        codecs.add(codec);
                    }
                }
            }
        } else {
            for (Complexity.Codec codec : Complexity.Codec.values()) {
                if (codec.available()) {
                    codecs.add(codec);
                }
            }
        }
        return codecs;
    }

    /** A SET: a data set NAME[:SPLIT], or a folder of images; in the model's levels. */
    private ImageSet set(String spec, ModelConfig c, PixelRnn model) {
        ImageSet images;
        Path asPath = Path.of(spec);
        if (Files.isDirectory(asPath)) {
            images = model.toModelLevels(ImageFolderReader.readExact(List.of(asPath), c.height(), c.width(),
                    c.channels()));
        } else {
            String[] parts = spec.split(":", -1);
            String name = parts[0];
            if (!Datasets.NAMES.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("folder")
                    || parts.length > 2) {
                throw new UserError("'" + spec + "' is neither a folder nor a data set NAME[:SPLIT] (mnist, "
                        + "fashion-mnist, cifar10)");
            }
            String split = parts.length == 2 ? parts[1] : "test";
            if (!split.equals("test") && !split.equals("train") && !split.equals("valid")) {
                throw new UserError("'" + spec + "': the split must be test, train or valid");
            }
            ImageSet raw = Datasets.load(name, !split.equals("test"), null);
            if (split.equals("valid")) {
                // the last images of the training split: what train holds out with its default --val-size
                raw = raw.slice(raw.count() - VALIDATION, raw.count());
            }
            EvalData.checkFits(raw, c, "'" + spec + "'");
            images = EvalData.prepare(raw, c, io.github.pixelrnn.data.Binarization.Mode.STOCHASTIC, 0.5);
        }
        int n = Check.positive("--limit", limit, images.count());
        return n < images.count() ? images.slice(0, n) : images;
    }

    private static void writeCsv(Path file, String inSpec, OodScores.Scores in, String outSpec, OodScores.Scores out) {
        StringBuilder csv = new StringBuilder("set,index,ood,nll_nats");
        if (in.backgroundNllNats() != null) {
            csv.append(",background_nll_nats");
        }
        for (String codec : in.complexityBits().keySet()) {
            csv.append(",L_").append(codec).append("_bits");
        }
        for (String name : in.byName().keySet()) {
            csv.append(',').append(name);
        }
        csv.append('\n');
        for (int s = 0; s < 2; s++) {
            OodScores.Scores set = s == 0 ? in : out;
            String spec = (s == 0 ? inSpec : outSpec).replace(',', ';');
            for (int i = 0; i < set.nllNats().length; i++) {
                csv.append(spec).append(',').append(i).append(',').append(s);
                csv.append(String.format(Locale.ROOT, ",%.5f", set.nllNats()[i]));
                if (set.backgroundNllNats() != null) {
                    csv.append(String.format(Locale.ROOT, ",%.5f", set.backgroundNllNats()[i]));
                }
                for (double[] l : set.complexityBits().values()) {
                    csv.append(String.format(Locale.ROOT, ",%.0f", l[i]));
                }
                for (double[] v : set.byName().values()) {
                    csv.append(String.format(Locale.ROOT, ",%.6f", v[i]));
                }
                csv.append('\n');
            }
        }
        AtomicFiles.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String summary(ModelConfig c, ImageSet in, ImageSet out, OodScores.Scores sIn, OodScores.Scores sOut,
            Map<String, Roc.Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("# pixelrnn ood\n\n");
        md.append(String.format(Locale.ROOT, "- model: %s (%s)%n", checkpoint.path(), c.describe()));
        if (background != null) {
            md.append("- background model: ").append(background).append('\n');
        }
        md.append(String.format(Locale.ROOT, "- in-distribution: %s, %d images, mean NLL %.4f bits/dim%n", inSpec,
                in.count(), mean(sIn.byName().get("nll"))));
        md.append(String.format(Locale.ROOT, "- out-of-distribution: %s, %d images, mean NLL %.4f bits/dim%n", outSpec,
                out.count(), mean(sOut.byName().get("nll"))));
        md.append("\n| score (higher = more OOD) | AUROC | AUPRC | FPR at 95% TPR |\n|---|---|---|---|\n");
        for (Map.Entry<String, Roc.Result> e : results.entrySet()) {
            Roc.Result r = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", e.getKey(), r.auroc(), r.auprc(),
                    r.fprAt95Tpr()));
        }
        return md.toString();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
