package io.github.pixelrnn.cli;

import static io.github.pixelrnn.cli.CliTest.assertUserError;
import static io.github.pixelrnn.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelrnn.cli.CliTest.CliRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ood} and {@code score --background} end to end on generated data whose two sets are
 * separable: the in-distribution images are black with one white vertical bar, the
 * out-of-distribution ones are noise. A tiny model of the bars and a background model trained on
 * perturbed bars are trained once.
 */
class OodCliTest {
    static final String[] TINY = {"--preset", "pixelcnn-mnist", "--hidden", "4", "--layers", "1", "--out-maps", "8",
        "--dataset", "folder", "--batch", "8", "--val-size", "8", "--samples", "0", "--eval-every", "0",
        "--checkpoint-every", "0", "--steps", "60", "--lr", "0.01"};

    @TempDir
    static Path tmp;
    static Path bars;
    static Path noise;
    static Path fg;
    static Path bg;

    private static void png(Path file, int size, boolean[][] white) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.getRaster().setSample(x, y, 0, white[y][x] ? 255 : 0);
            }
        }
        assertTrue(ImageIO.write(img, "png", file.toFile()));
    }

    /** {@code n} images of {@code size}: bars (one white column) or noise (each pixel white with p = ½). */
    static Path images(String name, int n, int size, boolean isNoise, long seed) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            boolean[][] white = new boolean[size][size];
            int column = r.nextInt(size);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    white[y][x] = isNoise ? r.nextBoolean() : x == column;
                }
            }
            png(dir.resolve(String.format("%03d.png", i)), size, white);
        }
        return dir;
    }

    static String[] train(Path data, Path out, String... more) {
        String[] head = CliTest.concat(new String[] {"train"}, TINY);
        return CliTest.concat(CliTest.concat(head, "--data-dir", data.toString(), "--out", out.toString()), more);
    }

    @BeforeAll
    static void trainModels() throws IOException {
        bars = images("bars", 48, 28, false, 1);
        noise = images("noise", 24, 28, true, 2);
        fg = tmp.resolve("fg");
        bg = tmp.resolve("bg");
        CliRun f = run(train(bars, fg));
        assertEquals(0, f.code(), f.toString());
        CliRun b = run(train(bars, bg, "--perturb", "0.2"));
        assertEquals(0, b.code(), b.toString());
    }

    private static double auroc(String summary, String score) {
        Matcher m = Pattern.compile("\\| " + Pattern.quote(score) + " \\| ([0-9.]+) \\|").matcher(summary);
        assertTrue(m.find(), score + " in:\n" + summary);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void separableSetsAreSeparated() throws IOException {
        Path report = tmp.resolve("report");
        CliRun r = run("ood", "--checkpoint", fg.toString(), "--in", bars.toString(), "--out", noise.toString(),
                "--background", bg.toString(), "--codecs", "png", "--report", report.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(auroc(r.out(), "nll") > 0.99, r.out());
        assertTrue(auroc(r.out(), "-LLR") > 0.99, r.out());
        // S(png) is not asserted to separate these sets, and it does not: noise is incompressible,
        // so its PNG is longer (1 bit a pixel plus PNG's overhead) than the model's code of it,
        // while a bar costs the model far less than its PNG's header. The correction assumes
        // natural images, which a generic compressor codes at least as well as a mismatched model.
        double s = auroc(r.out(), "S(png)");
        assertTrue(s >= 0 && s <= 1, r.out());
        List<String> csv = Files.readAllLines(report.resolve("scores.csv"));
        assertEquals("set,index,ood,nll_nats,background_nll_nats,L_png_bits,nll,S(png),-LLR", csv.get(0));
        assertEquals(1 + 48 + 24, csv.size());
        String[] first = csv.get(1).split(",");
        double nllNats = Double.parseDouble(first[3]);
        double bgNats = Double.parseDouble(first[4]);
        double lBits = Double.parseDouble(first[5]);
        assertEquals(nllNats / (28 * 28) / Math.log(2), Double.parseDouble(first[6]), 1e-5, "bits/dim");
        assertEquals(nllNats / Math.log(2) - lBits, Double.parseDouble(first[7]), 1e-3, "S = NLL in bits - L");
        assertEquals(nllNats - bgNats, Double.parseDouble(first[8]), 1e-3, "-LLR = -(log p_fg - log p_bg)");
        assertEquals("1", csv.get(csv.size() - 1).split(",")[2], "the out set is marked");
        assertNotNull(ImageIO.read(report.resolve("histograms.png").toFile()));
        assertTrue(Files.readString(report.resolve("summary.md")).contains("AUROC"));
    }

    @Test
    void perPixelLikelihoodRatioMaps() throws IOException {
        Path per = tmp.resolve("llr-maps");
        Path image = noise.resolve("000.png");
        CliRun r = run("score", "--checkpoint", fg.toString(), "--background", bg.toString(), image.toString(),
                "--per-pixel", per.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("file,nll_nats,bits_per_dim,llr_nats", lines.get(0));
        double llr = Double.parseDouble(lines.get(1).split(",")[3]);
        List<String> map = Files.readAllLines(per.resolve("000-llr.csv"));
        assertEquals("y,x,minus_llr_nats", map.get(0));
        double sum = 0;
        for (String row : map.subList(1, map.size())) {
            sum += Double.parseDouble(row.split(",")[2]);
        }
        assertEquals(-llr, sum, 1e-2 * Math.max(1, Math.abs(llr) / 100), "the map sums to -LLR");
        assertNotNull(ImageIO.read(per.resolve("000-llr.png").toFile()));
        assertTrue(Files.exists(per.resolve("000.csv")), "the NLL map too");
    }

    @Test
    void badInputsAreOneLineErrors() throws IOException {
        Path small = images("small", 4, 20, false, 3);
        assertUserError(run("ood", "--checkpoint", fg.toString(), "--in", bars.toString(), "--out", small.toString(),
                "--codecs", "png", "--report", tmp.resolve("r1").toString()), "20x20");
        Path other = tmp.resolve("eight-bit");
        CliRun t = run("train", "--preset", "pixelcnn-mnist-8bit", "--hidden", "4", "--layers", "1", "--out-maps", "8",
                "--dataset", "folder", "--data-dir", bars.toString(), "--batch", "8", "--val-size", "8", "--samples",
                "0", "--eval-every", "0", "--checkpoint-every", "0", "--steps", "1", "--out", other.toString());
        assertEquals(0, t.code(), t.toString());
        assertUserError(run("ood", "--checkpoint", fg.toString(), "--in", bars.toString(), "--out", noise.toString(),
                "--background", other.toString(), "--report", tmp.resolve("r2").toString()), "background model");
        assertUserError(run("score", "--checkpoint", fg.toString(), "--background", other.toString(),
                noise.resolve("000.png").toString()), "background model");
        assertUserError(run("ood", "--checkpoint", fg.toString(), "--in", "no-such-set", "--out", noise.toString(),
                "--report", tmp.resolve("r3").toString()), "no-such-set");
        assertUserError(run("ood", "--checkpoint", fg.toString(), "--in", "mnist:dev", "--out", noise.toString(),
                "--report", tmp.resolve("r4").toString()), "split");
        assertUserError(run("ood", "--checkpoint", fg.toString(), "--in", "mnist:test:x", "--out", noise.toString(),
                "--report", tmp.resolve("r6").toString()), "mnist:test:x");
        assertUserError(run("ood", "--checkpoint", fg.toString(), "--in", bars.toString(), "--out", noise.toString(),
                "--codecs", "gif", "--report", tmp.resolve("r5").toString()), "unknown codec");
        assertUserError(run("ood", "--checkpoint", fg.toString(), "--in", bars.toString()), "--out");
        assertUserError(run("train", "--preset", "pixelcnn-mnist", "--perturb", "1.5", "--steps", "1"), "--perturb");
        assertUserError(run("train", "--preset", "pixelcnn-mnist", "--ema", "1", "--steps", "1"), "--ema");
    }
}
