package io.github.pixelrnn.cli;

import io.github.pixelrnn.PixelRnn;
import io.github.pixelrnn.UserError;
import io.github.pixelrnn.data.ImageFolderReader;
import io.github.pixelrnn.data.ImageSet;
import io.github.pixelrnn.eval.Nll;
import io.github.pixelrnn.eval.OodScores;
import io.github.pixelrnn.train.Checkpoint;
import io.github.pixelrnn.image.Png;
import io.github.pixelrnn.model.ModelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code pixelrnn score}: NLL of given images, optionally per sub-pixel as CSV and heat map. */
final class ScoreCommand implements Command {

    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "NLL of each given image; --per-pixel writes CSV + heat-map PNG (an anomaly map)";
    }

    @Override
    public String usage() {
        return """
                usage: pixelrnn score --checkpoint DIR IMAGE.png|DIR ... [options]
                  --per-pixel DIR      write NAME.csv (NLL of every sub-pixel, nats) and NAME.png (heat map)
                  --background DIR     a background model (train --perturb): also print each image's
                                       likelihood ratio log p(x) - log p_bg(x), and with --per-pixel
                                       write NAME-llr.csv and NAME-llr.png, the ratio of every
                                       sub-pixel (the heat map shows where it is lowest: where the
                                       image looks least like the training data)
                  --resize             resize images to the model's size instead of failing
                8-bit images given to a binary model are binarized at threshold 0.5.
                Prints one line per image: file, NLL in nats, bits/dim.
                """ + Common.RAW_WEIGHTS_USAGE;
    }

    @Override
    public Set<String> valueFlags() {
        return Set.of("checkpoint", "per-pixel", "background");
    }

    @Override
    public boolean takesFiles() {
        return true;
    }

    @Override
    public Set<String> switches() {
        return Set.of("resize", Common.RAW_WEIGHTS);
    }

    @Override
    public int run(Args a) {
        if (a.positional().isEmpty()) {
            throw new UserError("score: give one or more PNG/JPEG files or directories");
        }
        List<Path> files = ImageFolderReader.listImages(Common.imagePaths(a));
        Path perPixel = a.path("per-pixel", null);
        if (perPixel != null) {
            io.github.pixelrnn.train.Trainer.ensureWritable(perPixel);
        }
        try (PixelRnn m = PixelRnn.of(Common.load(a).model());
                PixelRnn bg = a.has("background") ? PixelRnn.of(Checkpoint.loadModel(
                        Checkpoint.resolve(a.path("background", null)), Common.weights(a))) : null) {
            ModelConfig c = m.config();
            if (bg != null) {
                OodScores.checkSameSpace(c, bg.config());
            }
            ImageSet images = m.toModelLevels(CompleteCommand.readImages(a, c));
            double[] logp = m.logLikelihood(images);
            double[] logpBg = bg == null ? null : bg.logLikelihood(images);
            System.out.println("file,nll_nats,bits_per_dim" + (bg == null ? "" : ",llr_nats"));
            for (int i = 0; i < logp.length; i++) {
                System.out.printf(Locale.ROOT, "%s,%.4f,%.6f%s%n", files.get(i), -logp[i],
                        Nll.bitsPerDim(-logp[i], c.dims()),
                        bg == null ? "" : String.format(Locale.ROOT, ",%.4f", logp[i] - logpBg[i]));
            }
            if (perPixel != null) {
                float[] ll = m.subPixelLogLikelihood(images);
                writePerPixel(perPixel, files, ll, c, "", "nll_nats");
                if (bg != null) {
                    float[] llBg = bg.subPixelLogLikelihood(images);
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
